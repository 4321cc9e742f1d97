"""The compliance dashboard, transcripts and exports: HR sees everyone, a manager
their own team, anyone else a 403."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_GET
from weasyprint import HTML

from certificates import exports as certificate_exports
from certificates.models import Certificate
from certificates.pdf import embedded_image, font_config
from people.exports import export_response
from people.forms import PeopleFilter, person_label
from people.models import User
from people.selectors import managers, managers_matching, people_directory

from . import compliance
from .forms import ComplianceFilter, ManagerSearch, PeriodForm
from .hours import hours_people, hours_register


def _scope_or_403(request):
    scope = compliance.compliance_scope(request.user)
    if scope is None:
        raise PermissionDenied
    return scope


def _sees_everyone(user) -> bool:
    """HR: the whole company, and the manager filter; a manager sees their
    team only."""
    return user.has_perm("people.view_training_status")


def _filtered(request, scope):
    """The filter form, its values, the people shown and the condition that
    selects their status rows."""
    is_hr = _sees_everyone(request.user)
    filters = ComplianceFilter(
        request.GET or None,
        manager_choices=managers() if is_hr else None,
        team=None if is_hr else scope,
    )
    values = filters.values()
    who = {
        "search": values.get("q") or "",
        "department": values.get("department"),
        "manager": values.get("manager"),
        "hired_from": values.get("hired_from"),
        "hired_to": values.get("hired_to"),
    }
    people = compliance.filter_people(
        scope,
        status=values.get("status") or "",
        certification=values.get("certification"),
        expires_from=values.get("expires_from"),
        expires_to=values.get("expires_to"),
        **who,
    )
    status_condition = compliance.scope_q(request.user, "user__") & compliance.people_q(
        prefix="user__", **who
    )
    return filters, values, people, status_condition


def _whole_company(request, values) -> bool:
    """HR's rows with no filter on who they are but department: the selection
    the daily record of the figures describes (see `compliance.trend`)."""
    return _sees_everyone(request.user) and not any(
        values.get(key) for key in ("q", "manager", "hired_from", "hired_to")
    )


def _fmt(fmt: str) -> str:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return fmt


@login_required
def dashboard(request):
    scope = _scope_or_403(request)
    filters, values, people, status_condition = _filtered(request, scope)
    certification = values.get("certification")
    # A manager's columns are the certifications their team holds or needs.
    certifications = (
        [certification]
        if certification
        else list(filters.fields["certification"].queryset)
    )
    # Headline and charts describe the people shown, whatever their status.
    statuses = compliance.statuses_for(status_condition, certification=certification)
    page, rows = compliance.matrix_page(
        people,
        certifications=certifications,
        page_number=request.GET.get("page"),
        sort=values.get("sort") or "name",
    )
    # Read live, from the same status rows as the table: a cached headline
    # once disagreed with the rows below it.
    headline, departments = compliance.figures(statuses)
    forecast = compliance.forecast(statuses)
    past = compliance.trend(
        statuses,
        certification=certification,
        department=values.get("department"),
        recorded=_whole_company(request, values),
    )
    overdue_ids = {
        person.pk
        for person, cells in rows
        if any(cell and cell.status == compliance.S.OVERDUE for cell in cells)
    }
    query = request.GET.copy()
    query.pop("page", None)
    # Each tile, segment and bar opens the table filtered to exactly the rows
    # it counts: the current filters, with its own value in place of theirs.
    # The figures describe the people shown whatever their status or expiry:
    # those two filters give way to the link's own.
    who = _link(query, status=None, expires_from=None, expires_to=None)
    tile_query = who[1:]
    breakdown = compliance.breakdown(headline)
    for segment in breakdown:
        segment.url = _link(query, status=segment.status, **NO_ROW_FILTER)
    # Geometry of the SVG charts (see the template's viewBoxes).
    peak = max(bar.value for bar in forecast) or 1
    for n, bar in enumerate(forecast):
        bar.x = 58 + 48 * n
        bar.height = round(160 * bar.value / peak)
        bar.top = 200 - bar.height
    for n, bar in enumerate(departments):
        bar.y = 4 + 32 * n
        bar.width = round(330 * bar.percent / 100)
    for bar in forecast:
        bar.url = _link(
            query,
            status=None,
            expires_from=bar.start.isoformat(),
            expires_to=bar.end.isoformat(),
        )
    for bar in departments:
        if bar.department_id is not None:
            bar.url = _link(
                query, department=bar.department_id, status=None, **NO_ROW_FILTER
            )
    return render(
        request,
        "hr/compliance_dashboard.html",
        {
            "filters": filters,
            "headline": headline,
            "trend": _trend(headline, past),
            "trends": _tile_trends(headline, past),
            "breakdown": breakdown,
            "departments": departments,
            "forecast": forecast,
            "forecast_peak": max(bar.value for bar in forecast),
            "departments_height": 8 + 32 * len(departments),
            "certifications": certifications,
            "rows": rows,
            "overdue_ids": overdue_ids,
            "page": page,
            "export_query": [
                (key, value)
                for key, values in query.lists()
                if key not in ("start", "end")
                for value in values
            ],
            "hours_period": PeriodForm(request.GET or None),
            "tile_query": tile_query,
            "not_required": _("Non richiesta"),
            "is_hr": _sees_everyone(request.user),
            # A team leader on a phone sees the team first; the filters fold
            # away unless some are in use.
            "filtering": any(
                value for key, value in request.GET.items() if key != "page"
            ),
        },
    )


NO_ROW_FILTER = {"expires_from": None, "expires_to": None}
MANAGER_SUGGESTIONS = 20


@require_GET
@login_required
def manager_search(request):
    """The manager filter's suggestions, `[{"id", "label"}]`, for the chooser
    (people/static/people/chooser.js) of the compliance dashboard and the
    people directory: for whoever may use either filter (HR)."""
    if not (_sees_everyone(request.user) or request.user.has_perm("people.view_user")):
        raise PermissionDenied
    form = ManagerSearch(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["q"])}, status=400)
    search = form.cleaned_data["q"]
    found = managers_matching(search, limit=MANAGER_SUGGESTIONS) if search else []
    return JsonResponse(
        [{"id": person.pk, "label": person_label(person)} for person in found],
        safe=False,
    )


def _link(query, **params) -> str:
    """The dashboard's address with these parameters replaced (None: removed)."""
    query = query.copy()
    for key, value in params.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return f"?{query.urlencode()}"


def _trend(headline, past) -> str:
    """ "-10 punti rispetto a 30 giorni fa (era 50%)", or nothing when either
    rate is unknown (nobody counted then or now)."""
    if headline.rate is None or past.rate is None:
        return ""
    delta = headline.rate - past.rate
    days = compliance.TREND_DAYS
    if delta == 0:
        return _("invariata rispetto a %(days)d giorni fa") % {"days": days}
    return ngettext(
        "%(delta)s punto rispetto a %(days)d giorni fa (era %(past)d%%)",
        "%(delta)s punti rispetto a %(days)d giorni fa (era %(past)d%%)",
        abs(delta),
    ) % {"delta": f"{delta:+d}", "days": days, "past": past.rate}


# The tiles that count rows, by their name in `Headline`.
COUNTED = (
    "compliant",
    "expiring",
    "review_required",
    "expired",
    "overdue",
    "in_progress",
    "not_started",
)


def _tile_trends(headline, past) -> dict[str, str]:
    """Each counting tile's change against `TREND_DAYS` ago, with the figure
    then, in words a screen reader reads as they are: "+3 rispetto a 30 giorni
    fa (erano 12)"."""
    days = compliance.TREND_DAYS
    trends = {}
    for name in COUNTED:
        now, then = getattr(headline, name), getattr(past, name)
        if now == then:
            trends[name] = _("come %(days)d giorni fa") % {"days": days}
            continue
        trends[name] = ngettext(
            "%(delta)s rispetto a %(days)d giorni fa (era %(past)d)",
            "%(delta)s rispetto a %(days)d giorni fa (erano %(past)d)",
            then,
        ) % {"delta": f"{now - then:+d}", "days": days, "past": then}
    return trends


@login_required
def dashboard_export(request, fmt):
    fmt = _fmt(fmt)
    scope = _scope_or_403(request)
    _filters, values, _people, status_condition = _filtered(request, scope)
    statuses = compliance.statuses_for(
        status_condition,
        status=values.get("status") or "",
        certification=values.get("certification"),
    )
    # The hours of the period asked for (this calendar year by default), for
    # the same people, from the hours register.
    start, end = PeriodForm(request.GET or None).period()
    register = hours_register(
        user_ids=list(statuses.values_list("user_id", flat=True).distinct()),
        start=start,
        end=end,
    )
    return export_response(
        fmt,
        f"conformita-{timezone.localdate().isoformat()}",
        [str(h) for h in [*compliance.EXPORT_HEADER, HOURS_HEADER]],
        compliance.matrix_export_rows(
            statuses,
            hours={pk: person.hours for pk, person in register.people.items()},
            sort=values.get("sort") or "name",
        ),
        request=request,
        sheet=_("Conformità"),
    )


HOURS_HEADER = gettext_lazy("Ore di formazione")


def _transcript_context(request, person) -> dict:
    """The transcript, with the person's training hours in the period asked
    for (`?start=&end=`, this calendar year by default)."""
    context = compliance.transcript(person)
    context["title"] = _("Storico formativo di %(name)s") % {"name": person.full_name}
    period = PeriodForm(request.GET or None)
    start, end = period.period()
    register = hours_register(user_ids=[person.pk], start=start, end=end)
    context["hours"] = register.people[person.pk]
    context["hours_courses"] = register.course_rows(context["hours"])
    context["hours_start"], context["hours_end"] = start, end
    context["period"] = period
    context["query"] = request.GET.urlencode()
    return context


def _person_in_scope(request, pk: int) -> User:
    if request.user.pk == pk:
        return request.user
    # HR reads anyone's, a team leader their team's: leavers' too, as the
    # hours register does (`hours_people`), since the transcript shows them.
    ids = hours_people(request.user)
    people = User.objects.all() if ids is None else User.objects.filter(pk__in=ids)
    return get_object_or_404(people, pk=pk)


@login_required
def transcript(request, pk):
    person = _person_in_scope(request, pk)
    return render(request, "hr/transcript.html", _transcript_context(request, person))


@login_required
def transcript_pdf(request, pk):
    person = _person_in_scope(request, pk)
    context = _transcript_context(request, person)
    context["generated_at"] = timezone.now()
    context["logo"] = embedded_image(context["organisation"].logo)
    html = render_to_string("hr/transcript_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        font_config=font_config()
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = person.employee_id or person.pk
    response["Content-Disposition"] = content_disposition_header(
        True, f"storico-{name}.pdf"
    )
    return response


PEOPLE_HEADER = [
    gettext_lazy("Matricola"),
    pgettext_lazy("colonna", "Nome"),
    gettext_lazy("Cognome"),
    gettext_lazy("E-mail"),
    gettext_lazy("Reparto"),
    gettext_lazy("Mansione"),
    gettext_lazy("Data di assunzione"),
    gettext_lazy("Matricola del responsabile"),
    gettext_lazy("Lingua"),
    gettext_lazy("Attivo"),
]


@login_required
def people_export(request, fmt):
    fmt = _fmt(fmt)
    if not request.user.has_perm("people.view_user"):
        raise PermissionDenied
    filters = PeopleFilter(request.GET or None)
    rows = (
        people_directory(**filters.filters())
        .prefetch_related(None)
        .values_list(
            "employee_id",
            "first_name",
            "last_name",
            "email",
            "department__name",
            "job_title",
            "hire_date",
            "manager__employee_id",
            "preferred_language",
            "is_active",
        )
        .iterator(chunk_size=5000)
    )
    yes, no = _("Sì"), _("No")
    return export_response(
        fmt,
        f"persone-{timezone.localdate().isoformat()}",
        [str(h) for h in PEOPLE_HEADER],
        ((*row[:9], yes if row[9] else no) for row in rows),
        request=request,
        sheet=_("Persone"),
    )


@login_required
def certificates_export(request, fmt):
    """The certificates of the people in scope, in the one certificate column
    set (`certificates.columns`) that the certificates list and the API use."""
    fmt = _fmt(fmt)
    scope = _scope_or_403(request)
    return certificate_exports.certificates_export(
        fmt,
        Certificate.objects.filter(user__in=scope).order_by("issued_at", "pk"),
        request=request,
    )
