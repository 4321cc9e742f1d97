"""Sollecita: a team leader (or HR) reminds one overdue person or all of them,
after seeing the message. GET shows the preview; only POST sends. And HR's
training status: people × courses."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from courses.selectors import published_courses
from lms.converters import IdConverter
from notifications.models import EmailRecord
from notifications.services import notification_compose
from people.selectors import people_for_hr

from . import compliance
from .forms import TrainingStatusFilter
from .selectors import training_status_page
from .services import reminder_candidates, reminder_reason, team_reminders_send

# Lazy: a module-level string is read in each request's language, not the
# language the process happened to import this module in.
NOBODY_OVERDUE = gettext_lazy("Nessuna persona da sollecitare: nessuno è in ritardo.")


def _targets(request, data):
    """The overdue status rows of the people asked for, all within the sender's
    scope: a person outside it, or not overdue, is not found (404)."""
    scope = compliance.compliance_scope(request.user)
    if scope is None:
        raise PermissionDenied
    raw = data.get("person", "")
    if raw == "all":
        return compliance.overdue_reminders(scope), None
    # Not str.isdigit(): it takes "²", which int() refuses, and other scripts'
    # digits; the URLs' rule also keeps the id within the database's integers.
    if not re.fullmatch(IdConverter.regex, raw):
        raise Http404
    rows = compliance.overdue_reminders(scope.filter(pk=int(raw)))
    if not rows:
        raise Http404
    return rows, rows[0].user


@login_required
def remind(request):
    data = request.POST if request.method == "POST" else request.GET
    rows, person = _targets(request, data)
    today = timezone.localdate()
    if request.method == "POST":
        records = team_reminders_send(sender=request.user, rows=rows, today=today)
        skipped = len(rows) - len(records)
        if records:
            messages.success(
                request,
                ngettext(
                    "Sollecito inviato a %(n)d persona.",
                    "Sollecito inviato a %(n)d persone.",
                    len(records),
                )
                % {"n": len(records)},
            )
        if skipped:
            messages.info(
                request,
                ngettext(
                    "%(n)d persona era già stata sollecitata oggi.",
                    "%(n)d persone erano già state sollecitate oggi.",
                    skipped,
                )
                % {"n": skipped},
            )
        if not rows:
            messages.info(request, NOBODY_OVERDUE)
        return redirect("hr:dashboard")
    reminded = set(
        EmailRecord.objects.filter(
            user__in=[row.user for row in rows], reason_key=reminder_reason(today)
        ).values_list("user_id", flat=True)
    )
    preview = None
    if rows:
        candidate = reminder_candidates(rows[:1], today=today)[0]
        subject, body, _link = notification_compose(
            user=candidate.user, kind=candidate.kind, today=today, **candidate.options
        )
        preview = {"person": rows[0].user, "subject": subject, "body": body}
    return render(
        request,
        "hr/remind.html",
        {
            "rows": rows,
            "person": person,
            "target": data.get("person", ""),
            "reminded": reminded,
            "to_send": sum(1 for row in rows if row.user_id not in reminded),
            "preview": preview,
            "nobody": NOBODY_OVERDUE,
        },
    )


@login_required
def training_status(request):
    # Learners and trainers get a 403, not a login loop.
    if not request.user.has_perm("people.view_training_status"):
        raise PermissionDenied
    filters = TrainingStatusFilter(request.GET or None)
    department = search = course = None
    if filters.is_valid():
        department = filters.cleaned_data["department"]
        search = filters.cleaned_data["q"]
        course = filters.cleaned_data["course"]
    courses = [course] if course else list(published_courses())
    page, cells = training_status_page(
        courses=courses,
        people=people_for_hr(department=department, search=search or ""),
        page_number=request.GET.get("page"),
    )
    rows = [
        (person, [cells.get((person.pk, c.pk)) for c in courses])
        for person in page.object_list
    ]
    return render(
        request,
        "hr/training_status.html",
        {
            "title": _("Stato della formazione"),
            "filters": filters,
            "courses": courses,
            "rows": rows,
            "page": page,
        },
    )
