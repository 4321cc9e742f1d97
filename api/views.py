from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ApiTokenForm
from .models import ApiToken
from .services import api_token_create, api_token_revoke

PERMISSION = "people.view_training_status"


def _require_hr(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


@login_required
def token_list(request):
    _require_hr(request)
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = api_token_create(
            name=form.cleaned_data["name"], by=request.user
        )
        form = ApiTokenForm()
    response = render(
        request,
        "api/token_list.html",
        {
            "title": _("Token API"),
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.select_related("created_by"),
        },
    )
    # The secret is shown once: never cached by the browser or a proxy.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk):
    _require_hr(request)
    token = get_object_or_404(ApiToken, pk=pk)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Token «%(name)s» revocato.") % {"name": token.name})
    return redirect("api_tokens:list")
