"""The training-hours register per course and period: HR sees everyone, a team
leader their own team, leavers included for both (`hours.hours_people`),
anyone else a 403. The page, its CSV/XLSX export and a printable PDF read the
same rows."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from weasyprint import HTML

from certificates.organisation import organisation_details
from certificates.pdf import embedded_image, font_config
from people.exports import export_response
from people.models import User

from .forms import RegisterFilter
from .hours import KINDS, hours_people, hours_register, hours_text


@dataclass
class RegisterRow:
    person: User
    day: object
    hours: float
    kind: str
    label: str
    course: str
    trainer: str


def _register(request):
    filters = RegisterFilter(request.GET or None)
    user_ids = hours_people(request.user, active=filters.active_choice())
    start, end = filters.period()
    course = filters.course_choice()
    register = hours_register(
        user_ids=user_ids,
        start=start,
        end=end,
        course_ids=None if course is None else [course.pk],
    )
    people = {
        person.pk: person
        for person in User.objects.filter(
            pk__in=[p for p, hours in register.people.items() if hours.entries]
        )
    }
    rows = []
    totals = []
    for person in sorted(
        people.values(), key=lambda p: (p.last_name, p.first_name, p.email)
    ):
        hours = register.people[person.pk]
        totals.append((person, hours))
        rows.extend(
            RegisterRow(
                person=person,
                day=entry.day,
                hours=hours_text(entry.minutes),
                kind=str(KINDS.get(entry.kind, entry.kind)),
                label=entry.label,
                course=register.course_titles.get(entry.course_id, ""),
                trainer=entry.trainer,
            )
            for entry in hours.entries
        )
    return {
        "title": _("Registro delle ore di formazione"),
        "filters": filters,
        "start": start,
        "end": end,
        "course": course,
        "rows": rows,
        "totals": totals,
        "total_hours": hours_text(sum(h.minutes for _p, h in totals)),
    }


@login_required
def register(request):
    context = _register(request)
    context["query"] = request.GET.urlencode()
    context["is_hr"] = request.user.has_perm("people.view_training_status")
    return render(request, "hr/hours_register.html", context)


EXPORT_HEADER = [
    gettext_lazy("Matricola"),
    gettext_lazy("Persona"),
    gettext_lazy("Data"),
    gettext_lazy("Ore"),
    gettext_lazy("Tipo"),
    gettext_lazy("Attività"),
    gettext_lazy("Corso"),
    gettext_lazy("Formatore"),
]


@login_required
def register_export(request, fmt):
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404
    context = _register(request)
    name = f"registro-ore-{context['start'].isoformat()}-{context['end'].isoformat()}"
    if fmt == "pdf":
        context["generated_at"] = timezone.now()
        context["organisation"] = organisation_details()
        context["logo"] = embedded_image(context["organisation"].logo)
        html = render_to_string("hr/hours_register_pdf.html", context, request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
            font_config=font_config()
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, f"{name}.pdf"
        )
        return response
    return export_response(
        fmt,
        name,
        [str(h) for h in EXPORT_HEADER],
        (
            (
                row.person.employee_id,
                row.person.full_name,
                row.day,
                row.hours,
                row.kind,
                row.label,
                row.course,
                row.trainer,
            )
            for row in context["rows"]
        ),
        request=request,
        sheet=_("Registro ore"),
    )
