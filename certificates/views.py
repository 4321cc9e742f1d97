from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.log_actions import log

from . import selectors
from .models import Certificate
from .services import certificate_pdf_available, certificate_store_pdf

NOT_FOUND = _(
    "Nessun certificato corrisponde a questo codice. Controlla di averlo copiato "
    "per intero."
)


@never_cache
def download(request, certificate_id: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = get_object_or_404(
        Certificate.objects.select_related("user"), pk=certificate_id
    )
    is_holder = certificate.user_id == request.user.pk
    if not (is_holder or request.user.has_perm("people.view_training_status")):
        # Another person's certificate is not there, as far as this user can tell.
        raise Http404
    if not certificate_pdf_available(certificate=certificate):
        if certificate.pdf_sha256 or _tasks_run_inline():
            # The file was stored once and is gone, or there is no worker:
            # render again from the record.
            certificate_store_pdf(certificate=certificate)
        else:
            return render(
                request,
                "certificates/preparing.html",
                {"certificate": certificate},
                status=202,
            )
    if not is_holder:
        log(
            instance=certificate,
            action="lms.certificate.download",
            user=request.user,
            data={"holder": certificate.holder_name},
        )
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificato-{certificate.verification_code}.pdf",
        content_type="application/pdf",
    )


def _tasks_run_inline() -> bool:
    backend = settings.TASKS["default"]["BACKEND"]
    return backend.endswith("ImmediateBackend")


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Codice di verifica"),
        max_length=40,
        help_text=_("Il codice stampato sul certificato, ad esempio ABCD-EFGH-…"),
    )


def verify_lookup(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"].strip())
    response = render(request, "certificates/verify_form.html", {"form": form})
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def verify(request, code: str):
    certificate = selectors.certificate_by_code(raw_code=code)
    status = 200 if certificate is not None else 404
    response = render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "code": code,
            "not_found": NOT_FOUND,
            "form": VerifyForm(),
        },
        status=status,
    )
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
