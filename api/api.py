"""The read-only REST API for other systems, under /api/v1/.

Every list is ordered by a unique key (stable pages), paginated with limit and
offset, and filtered by department code, status and `updated_since`. Errors are
JSON with a `detail`; bad input is a 4xx, never a 500.
"""

import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, FilterLookup, FilterSchema, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.pagination import PaginationBase, paginate
from pydantic import AfterValidator, BeforeValidator

from certificates.columns import COLUMNS, for_columns
from certificates.models import Certificate
from certificates.selectors import certificate_by_code
from certifications.models import Certification, CertificationStatus
from classroom.models import Attendance, Booking, Session
from content.translation import originals
from courses.models import CoursePage
from courses.selectors import with_minutes
from hr.hours import KINDS, check_period, hours_people, hours_register, this_year
from lms.forms import check_date
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


def listing(out) -> dict:
    """The answers of a list endpoint: its rows, or a JSON error."""
    return {200: out, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def one(path: str, out, *, tags: list[str]):
    """An endpoint that reads one object by its key: GET `path`, answering the
    object or a JSON error."""
    return api.get(
        path,
        response={200: out, 401: ErrorOut, 404: ErrorOut, 429: ErrorOut},
        tags=tags,
    )


def paged(path: str, out, *, tags: list[str]):
    """A list endpoint: GET `path`, answering `listing(list[out])`, the rows the
    view returns cut in pages of `Page` (limit and offset)."""

    def decorate(view):
        return api.get(path, response=listing(list[out]), tags=tags)(
            paginate(Page)(view)
        )

    return decorate


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


def _blank_as_none(value):
    """`?department=` means no filter, as a form's empty field does."""
    return None if value == "" else value


def _utc(value: datetime.datetime | None) -> datetime.datetime | None:
    """In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows."""
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as error:
        raise ValueError(_("Data e ora fuori dall'intervallo ammesso.")) from error


def _sane_day(value: datetime.date) -> datetime.date:
    """The range HR's date fields take (`lms.forms.check_date`): at the ends
    of Python's calendar the period's arithmetic overflows."""
    try:
        check_date(value)
    except DjangoValidationError as error:
        raise ValueError(" ".join(error.messages)) from error
    return value


Code = Annotated[
    Annotated[str, Field(max_length=40, pattern=SAFE_TEXT)] | None,
    BeforeValidator(_blank_as_none),
]
RowId = Annotated[int, Field(ge=1, le=2**31 - 1)] | None
Since = Annotated[datetime.datetime | None, AfterValidator(_utc)]
Day = Annotated[datetime.date, AfterValidator(_sane_day)]


class HoursFilters(Schema):
    start: Day | None = Field(
        None, description="First day, inclusive (default: 1 January this year)"
    )
    end: Day | None = Field(
        None, description="Last day, inclusive (default: 31 December this year)"
    )
    department: Code = Field(None, description="Department code")
    employee_id: Code = None
    active: bool | None = Field(
        None,
        description=(
            "Only active people (true) or only deactivated ones (false); "
            "default: everyone, as hours earned stay on record"
        ),
    )
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class StatusFilters(FilterSchema):
    department: Annotated[Code, FilterLookup("user__department__code")] = None
    status: StatusName | None = None
    certification: Annotated[RowId, FilterLookup("certification_id")] = None
    updated_since: Annotated[Since, FilterLookup("updated_at__gte")] = None


class PeopleFilters(FilterSchema):
    department: Annotated[Code, FilterLookup("department__code")] = Field(
        None, description="Department code"
    )
    status: StatusName | None = None
    updated_since: Since = Field(
        None, description="Only people whose certification status changed since"
    )
    active: Annotated[bool | None, FilterLookup("is_active")] = None

    def filter_status(self, value) -> Q:
        return Q()  # with updated_since, in get_filter_expression

    filter_updated_since = filter_status

    def get_filter_expression(self) -> Q:
        """Status and date must hold for the same status row: that is what an
        incremental sync of one status asks."""
        expression = super().get_filter_expression()
        if self.status or self.updated_since:
            rows = StatusFilters(status=self.status, updated_since=self.updated_since)
            matching = rows.filter(CertificationStatus.objects.live())
            expression &= Q(pk__in=matching.values("user_id"))
        return expression


class CertificateFilters(FilterSchema):
    status: Literal["valid", "expired", "revoked", "superseded"] | None = None
    department: Annotated[Code, FilterLookup("user__department__code")] = None
    updated_since: Annotated[Since, FilterLookup("issued_at__gte")] = Field(
        None, description="Issued since"
    )


def _require_key(key: str, *, max_length: int) -> None:
    """A key longer than any stored one, or with control characters, names
    nothing: 404 without asking the database."""
    if len(key) > max_length or any(ord(c) < 32 for c in key):
        raise Http404


# --- Endpoints --------------------------------------------------------------------


@paged("/people", PersonOut, tags=["people"])
def people(request, filters: Query[PeopleFilters]):
    """People with their certification statuses, ordered by id."""
    people = User.objects.select_related("department", "manager").prefetch_related(
        Prefetch(
            "certification_statuses",
            queryset=CertificationStatus.objects.live()
            .select_related("certification")
            .order_by("certification_id"),
        )
    )
    return filters.filter(people).order_by("pk")


@one("/people/{employee_id}", PersonOut, tags=["people"])
def person(request, employee_id: str):
    _require_key(employee_id, max_length=40)
    return get_object_or_404(
        User.objects.select_related("department", "manager").prefetch_related(
            Prefetch(
                "certification_statuses",
                queryset=CertificationStatus.objects.live().select_related(
                    "certification"
                ),
            )
        ),
        employee_id=employee_id,
    )


@paged("/statuses", StatusRowOut, tags=["people"])
def statuses(request, filters: Query[StatusFilters]):
    """One row per person and required certification, for incremental sync."""
    rows = CertificationStatus.objects.live().select_related("certification", "user")
    return filters.filter(rows).order_by("pk")


@paged("/certificates", CertificateOut, tags=["certificates"])
def certificates(request, filters: Query[CertificateFilters]):
    return filters.filter(for_columns(Certificate.objects.all())).order_by("pk")


@one("/certificates/{code}", CertificateOut, tags=["certificates"])
def certificate(request, code: str):
    """Verification: the certificate with this code (as typed on the PDF)."""
    _require_key(code, max_length=64)
    found = certificate_by_code(raw_code=code)
    if found is None:
        raise Http404
    return found


@paged("/certifications", CertificationOut, tags=["catalogue"])
def certifications(request):
    return Certification.objects.filter(live=True).order_by("pk")


@paged("/courses", CourseOut, tags=["catalogue"])
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


class SessionFilters(FilterSchema):
    course: Annotated[RowId, FilterLookup("course_id")] = None
    starts_since: Annotated[Since, FilterLookup("starts_at__gte")] = None


class AttendanceOut(Schema):
    id: int
    session_id: int
    course_id: int = Field(..., alias="session.course_id")
    employee_id: str | None = Field(None, alias="user.employee_id")
    email: str = Field(..., alias="user.email")
    status: Literal["present", "late", "absent"]
    minutes: int
    recorded_at: datetime.datetime


class AttendanceFilters(FilterSchema):
    session: Annotated[RowId, FilterLookup("session_id")] = None
    department: Annotated[Code, FilterLookup("user__department__code")] = None
    updated_since: Annotated[Since, FilterLookup("recorded_at__gte")] = Field(
        None, description="Recorded since"
    )


@paged("/sessions", SessionOut, tags=["classroom"])
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
    return filters.filter(rows).order_by("pk")


@paged("/attendance", AttendanceOut, tags=["classroom"])
def attendance(request, filters: Query[AttendanceFilters]):
    """The attendance registers: one row per person and session, ordered by id."""
    rows = Attendance.objects.select_related("session", "user")
    return filters.filter(rows).order_by("pk")


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


class ObservationFilters(FilterSchema):
    department: Annotated[Code, FilterLookup("agent__department__code")] = None
    passed: bool | None = None
    updated_since: Annotated[
        Since, FilterLookup(["submitted_at__gte", "acknowledged_at__gte"])
    ] = Field(None, description="Submitted or acknowledged since")


@paged("/observations", ObservationOut, tags=["observations"])
def observations(request, filters: Query[ObservationFilters]):
    """Observations on the job once submitted (drafts are the observer's),
    ordered by id."""
    rows = Observation.objects.exclude(state=Observation.State.DRAFT).select_related(
        "agent"
    )
    return filters.filter(rows).order_by("pk")


@api.get(
    "/hours",
    response=listing(HoursPage),
    tags=["people"],
)
def hours(request, filters: Query[HoursFilters]):
    """Training hours per person in a period (default: this calendar year):
    the total and its breakdown by kind (completed modules, classroom sessions,
    observations on the job) and by course, people ordered by id."""
    default_start, default_end = this_year()
    start, end = filters.start or default_start, filters.end or default_end
    try:
        check_period(start, end)
    except DjangoValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    # The register's own rule of whose hours are read (the token's creator
    # is HR: everybody, leavers included unless `active` says otherwise).
    ids = hours_people(request.auth.created_by, active=filters.active)
    people = User.objects.all() if ids is None else User.objects.filter(pk__in=ids)
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
