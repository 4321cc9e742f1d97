from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from content.translation import activate_for, present_one
from courses.models import CoursePage
from people import roles

from . import selectors, services
from .calendar import feed_ics
from .forms import RegisterRowForm
from .models import Booking, CalendarFeed, Session
from .pdf import attendance_sheet_pdf

BOOKED = gettext_lazy("Posto prenotato: «{title}». Ti abbiamo inviato l'invito.")
WAITING = gettext_lazy(
    "La sessione «{title}» è al completo: sei in lista d'attesa (posizione {n})."
)
CANCELLED = gettext_lazy("Prenotazione annullata: «{title}».")
FEED_ROTATED = gettext_lazy(
    "Nuovo indirizzo del calendario creato: quello vecchio non funziona più."
)
REGISTER_SAVED = gettext_lazy("Presenze salvate.")
REGISTER_INVALID = gettext_lazy("Controlla le righe segnalate.")


def _back(request, session):
    target = request.POST.get("next", "")
    if target == "mine":
        return redirect("classroom:my_sessions")
    return redirect("classroom:course_sessions", session.course_id)


@login_required
def course_sessions(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    return render(
        request,
        "classroom/course_sessions.html",
        {
            "course": present_one(course),
            "rows": selectors.course_sessions(course=course, user=request.user),
            "enrolled": selectors.is_enrolled(user=request.user, course=course),
        },
    )


@login_required
def my_sessions(request):
    context = selectors.my_sessions(user=request.user)
    context["feed"] = CalendarFeed.objects.filter(user=request.user).first()
    context["may_lead"] = _may_lead(request.user)
    context["title"] = _("Le mie sessioni")
    return render(request, "classroom/my_sessions.html", context)


@login_required
@require_POST
def book(request, pk: int):
    session = get_object_or_404(Session, pk=pk)
    try:
        booking = services.session_book(user=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if booking.status == Booking.Status.BOOKED:
            messages.success(request, BOOKED.format(title=session.title))
        else:
            position = services.waiting_position(booking)
            messages.warning(request, WAITING.format(title=session.title, n=position))
    return _back(request, session)


@login_required
@require_POST
def cancel(request, pk: int):
    session = get_object_or_404(Session, pk=pk)
    try:
        services.booking_cancel(user=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, CANCELLED.format(title=session.title))
    return _back(request, session)


@login_required
@require_POST
def feed_rotate(request):
    services.calendar_feed_rotate(user=request.user)
    messages.success(request, FEED_ROTATED)
    return redirect("classroom:my_sessions")


@never_cache
def feed(request, token: str):
    """The subscription feed: the secret token is the only key (calendar
    applications do not sign in)."""
    if len(token) > 64:
        raise Http404
    found = CalendarFeed.objects.filter(token=token, user__is_active=True).first()
    if found is None:
        raise Http404
    # Nobody signs in to read it: it speaks its owner's language.
    with activate_for(found.user):
        sessions = selectors.feed_sessions(user=found.user)
        body = feed_ics(sessions, name=_("Le mie sessioni"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _may_lead(user) -> bool:
    return user.has_perm("classroom.view_session")


@login_required
def trainer_sessions(request):
    if not _may_lead(request.user):
        raise PermissionDenied
    return render(
        request,
        "classroom/trainer_sessions.html",
        {"sessions": selectors.trainer_sessions(user=request.user)},
    )


def _led_session(request, pk: int) -> Session:
    """A session of the trainer's own (any, for a superuser); anyone else's is
    a 404. Being named its trainer is not enough: someone without a teaching
    role (never given it, or since lost) gets a 403."""
    session = get_object_or_404(
        Session.objects.select_related("course", "trainer"), pk=pk
    )
    if request.user.is_superuser:
        return session
    if session.trainer_id != request.user.pk:
        raise Http404
    if not roles.trains(request.user):
        raise PermissionDenied
    return session


@login_required
def attendance_register(request, pk: int):
    session = _led_session(request, pk)
    selectors.with_course_titles([session])
    rows = selectors.register(session=session)
    forms = [
        (
            row,
            RegisterRowForm(
                request.POST or None,
                prefix=str(row.user.pk),
                initial={"status": row.status, "minutes": row.minutes},
            ),
        )
        for row in rows
    ]
    if request.method == "POST":
        if all(form.is_valid() for _row, form in forms):
            try:
                services.attendance_record(
                    session=session,
                    recorded_by=request.user,
                    rows={
                        row.user.pk: (
                            form.cleaned_data["status"],
                            form.cleaned_data["minutes"],
                        )
                        for row, form in forms
                    },
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, REGISTER_SAVED)
                return redirect("classroom:attendance_register", session.pk)
        else:
            messages.error(request, REGISTER_INVALID)
    return render(
        request,
        "classroom/attendance_register.html",
        {
            "title": _("Presenze: %(title)s") % {"title": session.title},
            "session": session,
            "forms": forms,
            # Before the start the register is shown, not filled in: saving
            # would be refused (`services.attendance_record`).
            "not_yet": "" if session.register_open else services.TOO_EARLY,
        },
    )


@login_required
def attendance_sheet(request, pk: int):
    if request.user.has_perm("people.view_training_status"):
        session = get_object_or_404(
            Session.objects.select_related("course", "trainer"), pk=pk
        )
    else:
        session = _led_session(request, pk)
    selectors.with_course_titles([session])
    pdf = attendance_sheet_pdf(
        session=session, base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"presenze-sessione-{session.pk}.pdf"
    )
    return response
