"""HR pages for a person's personal data: export and anonymisation
(services in `people.privacy`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import User
from .privacy import person_anonymise, person_data_export, person_retention_ends
from .roles import may_manage

HR_PERMISSION = "people.view_training_status"


def _person_for_hr(request, person_id: int) -> User:
    if not request.user.has_perm(HR_PERMISSION):
        raise PermissionDenied
    person = get_object_or_404(User, pk=person_id)
    # An administrator's data is read and erased by administrators only.
    if not may_manage(request.user, person):
        raise PermissionDenied
    return person


@login_required
def personal_data(request, person_id: int):
    person = _person_for_hr(request, person_id)
    ends = person_retention_ends(person=person)
    return render(
        request,
        "people/personal_data.html",
        {
            "person": person,
            "retention_ends": ends,
            "can_anonymise": not person.is_active and ends <= timezone.localdate(),
        },
    )


@login_required
def personal_data_export(request, person_id: int):
    person = _person_for_hr(request, person_id)
    data = person_data_export(person=person, actor=request.user)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        True, f"dati-persona-{person.pk}.zip"
    )
    return response


@login_required
@require_POST
def personal_data_anonymise(request, person_id: int):
    person = _person_for_hr(request, person_id)
    try:
        person_anonymise(person=person, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("I dati della persona sono stati anonimizzati."))
    return redirect("personal_data", person_id=person.pk)
