"""The read-only REST API for other systems, under /api/v1/.

Every list is ordered by a unique key (stable pages), paginated with limit and
offset, and filtered by department code, status and `updated_since`. Errors are
JSON with a `detail`; bad input is a 4xx, never a 500.
"""

import datetime
from typing import Literal

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.pagination import PaginationBase, paginate

from certificates.columns import COLUMNS, for_columns
from certificates.models import Certificate
from certificates.selectors import certificate_by_code
from certifications.models import Certification, CertificationStatus
from classroom.models import Attendance, Booking, Session
from content.translation import originals
from courses.models import CoursePage
from courses.selectors import with_minutes
from hr.hours import KINDS, hours_register, this_year
from observations.models import Observation
from people.models import User

from .auth import TokenAuth, TokenRateThrottle

api = NinjaAPI(
    title="LMS API",
    version="1",
    description=_(
        "API in sola lettura: persone e stati di certificazione, certificati "
        "con verifica, certificazioni, corsi, sessioni in aula, presenze e "
        "osservazioni sul lavoro."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    docs_url=None,
    openapi_url="/openapi.json",
)

SAFE_TEXT = r"^[^\x00-\x1f]*$"
StatusName = Literal[
    "not_started",
    "in_progress",
    "certified",
    "expiring",
    "review_required",
    "expired",
    "overdue",
]
MAX_OFFSET = 10_000_000


class Page(PaginationBase):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    class Output(Schema):
        items: list
        count: int

    def paginate_queryset(self, queryset, pagination, request, **params):
        start = pagination.offset
        return {
            "items": list(queryset[start : start + pagination.limit]),
            "count": queryset.count(),
        }


class ErrorOut(Schema):
    detail: str | list


def _error(request, status, detail):
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, _("Non trovato."))


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return _error(request, 401, _("Token mancante, sconosciuto o revocato."))


@api.exception_handler(Throttled)
def throttled(request, exc):
    response = _error(request, 429, _("Troppe richieste: riprova tra poco."))
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait) + 1)
    return response


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return _error(request, 422, exc.errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


# --- Schemas ----------------------------------------------------------------------


class StatusOut(Schema):
    certification_id: int
    certification: str = Field(..., alias="certification.name")
    status: str
    valid_until: datetime.date | None
    due_date: datetime.date | None
    updated_at: datetime.datetime


class PersonOut(Schema):
    id: int
    employee_id: str | None
    email: str
    first_name: str
    last_name: str
    department: str | None = Field(None, alias="department.code")
    job_title: str
    hire_date: datetime.date | None
    manager_employee_id: str | None = Field(None, alias="manager.employee_id")
    language: str = Field(..., alias="preferred_language")
    active: bool = Field(..., alias="is_active")
    statuses: list[StatusOut] = Field(..., alias="certification_statuses")


class StatusRowOut(StatusOut):
    id: int
    employee_id: str | None = Field(None, alias="user.employee_id")
    user_id: int


def _certificate_schema() -> type[Schema]:
    """`CertificateOut`: one field per column of `certificates.columns`, in
    its order, each resolved by the column's own value, so the API and HR's
    exports give the same columns with the same values."""
    namespace = {
        "__module__": __name__,
        "__doc__": "A certificate, in the columns of HR's certificate exports.",
        "__annotations__": {column.name: column.type for column in COLUMNS},
    }
    for column in COLUMNS:
        namespace[f"resolve_{column.name}"] = staticmethod(
            lambda obj, column=column: column.value(obj)
        )
    return type("CertificateOut", (Schema,), namespace)


CertificateOut = _certificate_schema()


class CertificationOut(Schema):
    id: int
    name: str
    description: str
    validity_months: int | None
    renewal_window_days: int
    required_for_everyone: bool
    due_days_after_hire: int


class CourseOut(Schema):
    id: int
    title: str
    slug: str
    kind: str
    estimated_minutes: int = Field(
        description="Duration: the minutes of the course's live modules"
    )
    url: str

    @staticmethod
    def resolve_estimated_minutes(obj):
        return obj.minutes

    @staticmethod
    def resolve_url(obj):
        return obj.url or ""


class CourseHoursOut(Schema):
    course_id: int | None = Field(description="None: training tied to no course")
    minutes: int


class HoursOut(Schema):
    user_id: int
    employee_id: str | None
    email: str
    minutes: int = Field(description="Training time in the period, in minutes")
    hours: float = Field(description="The same in hours, two decimals")
    by_kind: dict[str, int] = Field(
        description="Minutes per kind: module, session, observation"
    )
    by_course: list[CourseHoursOut]


class HoursPage(Schema):
    start: datetime.date
    end: datetime.date
    items: list[HoursOut]
    count: int


class HoursFilters(Schema):
    start: datetime.date | None = Field(
        None, description="First day, inclusive (default: 1 January this year)"
    )
    end: datetime.date | None = Field(
        None, description="Last day, inclusive (default: 31 December this year)"
    )
    department: str | None = Field(
        None, max_length=40, pattern=SAFE_TEXT, description="Department code"
    )
    employee_id: str | None = Field(None, max_length=40, pattern=SAFE_TEXT)
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PeopleFilters(Schema):
    department: str | None = Field(
        None, max_length=40, pattern=SAFE_TEXT, description="Department code"
    )
    status: StatusName | None = None
    updated_since: datetime.datetime | None = Field(
        None, description="Only people whose certification status changed since"
    )
    active: bool | None = None


class StatusFilters(Schema):
    department: str | None = Field(None, max_length=40, pattern=SAFE_TEXT)
    status: StatusName | None = None
    certification: int | None = Field(None, ge=1, le=2**31 - 1)
    updated_since: datetime.datetime | None = None


class CertificateFilters(Schema):
    status: Literal["valid", "expired", "revoked", "superseded"] | None = None
    department: str | None = Field(None, max_length=40, pattern=SAFE_TEXT)
    updated_since: datetime.datetime | None = Field(None, description="Issued since")


def _safe(text: str) -> bool:
    return not any(ord(c) < 32 for c in text)


def _aware(value: datetime.datetime) -> datetime.datetime:
    """In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows."""
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as error:
        raise HttpError(422, _("Data e ora fuori dall'intervallo ammesso.")) from error


# --- Endpoints --------------------------------------------------------------------


@api.get(
    "/people",
    response={200: list[PersonOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["people"],
)
@paginate(Page)
def people(request, filters: Query[PeopleFilters]):
    """People with their certification statuses, ordered by id."""
    people = User.objects.select_related("department", "manager").prefetch_related(
        Prefetch(
            "certification_statuses",
            queryset=CertificationStatus.objects.select_related(
                "certification"
            ).order_by("certification_id"),
        )
    )
    if filters.department:
        people = people.filter(department__code=filters.department)
    if filters.active is not None:
        people = people.filter(is_active=filters.active)
    if filters.status or filters.updated_since:
        statuses = CertificationStatus.objects.all()
        if filters.status:
            statuses = statuses.filter(status=filters.status)
        if filters.updated_since:
            statuses = statuses.filter(updated_at__gte=_aware(filters.updated_since))
        people = people.filter(pk__in=statuses.values("user_id"))
    return people.order_by("pk")


@api.get(
    "/people/{employee_id}",
    response={200: PersonOut, 401: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    tags=["people"],
)
def person(request, employee_id: str):
    if len(employee_id) > 40 or not _safe(employee_id):
        raise Http404
    return get_object_or_404(
        User.objects.select_related("department", "manager").prefetch_related(
            "certification_statuses__certification"
        ),
        employee_id=employee_id,
    )


@api.get(
    "/statuses",
    response={200: list[StatusRowOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["people"],
)
@paginate(Page)
def statuses(request, filters: Query[StatusFilters]):
    """One row per person and required certification, for incremental sync."""
    rows = CertificationStatus.objects.select_related("certification", "user")
    if filters.department:
        rows = rows.filter(user__department__code=filters.department)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.certification:
        rows = rows.filter(certification_id=filters.certification)
    if filters.updated_since:
        rows = rows.filter(updated_at__gte=_aware(filters.updated_since))
    return rows.order_by("pk")


@api.get(
    "/certificates",
    response={200: list[CertificateOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["certificates"],
)
@paginate(Page)
def certificates(request, filters: Query[CertificateFilters]):
    rows = for_columns(Certificate.objects.all())
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.department:
        rows = rows.filter(user__department__code=filters.department)
    if filters.updated_since:
        rows = rows.filter(issued_at__gte=_aware(filters.updated_since))
    return rows.order_by("pk")


@api.get(
    "/certificates/{code}",
    response={200: CertificateOut, 401: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    tags=["certificates"],
)
def certificate(request, code: str):
    """Verification: the certificate with this code (as typed on the PDF)."""
    if len(code) > 64 or not _safe(code):
        raise Http404
    found = certificate_by_code(raw_code=code)
    if found is None:
        raise Http404
    return found


@api.get(
    "/certifications",
    response={200: list[CertificationOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["catalogue"],
)
@paginate(Page)
def certifications(request):
    return Certification.objects.order_by("pk")


@api.get(
    "/courses",
    response={200: list[CourseOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["catalogue"],
)
@paginate(Page)
def courses(request):
    return with_minutes(originals(CoursePage.objects.live())).order_by("pk")


class SessionOut(Schema):
    id: int
    course_id: int
    course: str = Field(..., alias="course.title")
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    video_link: str
    trainer: str = Field(..., alias="trainer.full_name")
    capacity: int
    booked: int = Field(..., alias="booked_count")
    waiting: int = Field(..., alias="waiting_count")
    cancelled: bool


class SessionFilters(Schema):
    course: int | None = Field(None, ge=1, le=2**31 - 1)
    starts_since: datetime.datetime | None = None


class AttendanceOut(Schema):
    id: int
    session_id: int
    course_id: int = Field(..., alias="session.course_id")
    employee_id: str | None = Field(None, alias="user.employee_id")
    email: str = Field(..., alias="user.email")
    status: Literal["present", "late", "absent"]
    minutes: int
    recorded_at: datetime.datetime


class AttendanceFilters(Schema):
    session: int | None = Field(None, ge=1, le=2**31 - 1)
    department: str | None = Field(None, max_length=40, pattern=SAFE_TEXT)
    updated_since: datetime.datetime | None = Field(None, description="Recorded since")


@api.get(
    "/sessions",
    response={200: list[SessionOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["classroom"],
)
@paginate(Page)
def sessions(request, filters: Query[SessionFilters]):
    """Classroom and virtual sessions, with seats booked and the waiting list,
    ordered by id."""
    rows = Session.objects.select_related("course", "trainer").annotate(
        booked_count=Count(
            "bookings", filter=Q(bookings__status=Booking.Status.BOOKED)
        ),
        waiting_count=Count(
            "bookings", filter=Q(bookings__status=Booking.Status.WAITING)
        ),
    )
    if filters.course:
        rows = rows.filter(course_id=filters.course)
    if filters.starts_since:
        rows = rows.filter(starts_at__gte=_aware(filters.starts_since))
    return rows.order_by("pk")


@api.get(
    "/attendance",
    response={200: list[AttendanceOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["classroom"],
)
@paginate(Page)
def attendance(request, filters: Query[AttendanceFilters]):
    """The attendance registers: one row per person and session, ordered by id."""
    rows = Attendance.objects.select_related("session", "user")
    if filters.session:
        rows = rows.filter(session_id=filters.session)
    if filters.department:
        rows = rows.filter(user__department__code=filters.department)
    if filters.updated_since:
        rows = rows.filter(recorded_at__gte=_aware(filters.updated_since))
    return rows.order_by("pk")


class ObservationOut(Schema):
    id: int
    employee_id: str | None = Field(None, alias="agent.employee_id")
    agent_id: int
    observer_id: int
    checklist: str = Field(description="The checklist's title, as observed")
    checklist_revision_id: int | None
    context: Literal["call", "counter", "recording"]
    observed_on: datetime.date
    minutes: int
    state: Literal["submitted", "acknowledged"]
    score: float = Field(description="Percentage of the maximum")
    passed: bool
    parameters: dict[str, float] = Field(
        ..., alias="group_results", description="Result per parameter, percentage"
    )
    submitted_at: datetime.datetime
    acknowledged_at: datetime.datetime | None

    @staticmethod
    def resolve_checklist(obj):
        return obj.snapshot.get("title", "")


class ObservationFilters(Schema):
    department: str | None = Field(None, max_length=40, pattern=SAFE_TEXT)
    passed: bool | None = None
    updated_since: datetime.datetime | None = Field(
        None, description="Submitted or acknowledged since"
    )


@api.get(
    "/observations",
    response={200: list[ObservationOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["observations"],
)
@paginate(Page)
def observations(request, filters: Query[ObservationFilters]):
    """Observations on the job once submitted (drafts are the observer's),
    ordered by id."""
    rows = Observation.objects.exclude(state=Observation.State.DRAFT).select_related(
        "agent"
    )
    if filters.department:
        rows = rows.filter(agent__department__code=filters.department)
    if filters.passed is not None:
        rows = rows.filter(passed=filters.passed)
    if filters.updated_since:
        since = _aware(filters.updated_since)
        rows = rows.filter(Q(submitted_at__gte=since) | Q(acknowledged_at__gte=since))
    return rows.order_by("pk")


@api.get(
    "/hours",
    response={200: HoursPage, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["people"],
)
def hours(request, filters: Query[HoursFilters]):
    """Training hours per person in a period (default: this calendar year):
    the total and its breakdown by kind (completed modules, classroom sessions,
    observations on the job) and by course, people ordered by id."""
    default_start, default_end = this_year()
    start, end = filters.start or default_start, filters.end or default_end
    if end < start:
        raise HttpError(422, _("La data di fine viene prima della data di inizio."))
    people = User.objects.all()
    if filters.department:
        people = people.filter(department__code=filters.department)
    if filters.employee_id:
        people = people.filter(employee_id=filters.employee_id)
    people = people.order_by("pk")
    count = people.count()
    page = list(
        people.values_list("pk", "employee_id", "email")[
            filters.offset : filters.offset + filters.limit
        ]
    )
    register = hours_register(
        user_ids=[pk for pk, _e, _m in page], start=start, end=end
    )
    items = []
    for pk, employee_id, email in page:
        person = register.people[pk]
        items.append(
            {
                "user_id": pk,
                "employee_id": employee_id,
                "email": email,
                "minutes": person.minutes,
                "hours": person.hours,
                "by_kind": {kind: person.by_kind.get(kind, 0) for kind in KINDS},
                "by_course": [
                    {"course_id": course_id, "minutes": minutes}
                    for course_id, minutes in sorted(
                        person.by_course.items(), key=lambda i: (i[0] is None, i[0])
                    )
                ],
            }
        )
    return {"start": start, "end": end, "items": items, "count": count}
