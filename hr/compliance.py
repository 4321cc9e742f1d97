"""Reads for the compliance dashboard, all from the `CertificationStatus` summary
table, in a fixed number of queries whatever the size of the company; rows of
live certifications only (`CertificationStatus.objects.live()`), so one just
unpublished leaves every figure at once.

Scope first: HR sees everyone; a manager sees their direct reports (User.manager);
nobody else sees anything. Every selector takes the already-scoped people queryset.
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from certifications.models import Certification, CertificationStatus
from certifications.selectors import compliance_as_of, recorded_compliance
from people.models import Department, User
from people.selectors import search_q

S = CertificationStatus.Status
# Holding a certificate that is valid today: certified, in the renewal window,
# or asked to review a policy change before its due date.
COMPLIANT = (S.CERTIFIED, S.EXPIRING, S.REVIEW_REQUIRED)
# The status filter's extra choice: every compliant row at once, what the
# "Certificati validi" tile counts and links to.
VALID = "valid"
FORECAST_WEEKS = 12

SORTS = {
    "name": ("last_name", "first_name", "email", "pk"),
    "-name": ("-last_name", "-first_name", "-email", "-pk"),
    "department": ("department__name", "last_name", "first_name", "pk"),
    "-department": ("-department__name", "last_name", "first_name", "pk"),
    "employee_id": ("employee_id", "pk"),
    "-employee_id": ("-employee_id", "-pk"),
    "hire_date": ("hire_date", "last_name", "pk"),
    "-hire_date": ("-hire_date", "last_name", "pk"),
}


def is_manager(user) -> bool:
    return User.objects.filter(manager=user, is_active=True).exists()


def scope_q(user, prefix: str = "") -> Q | None:
    """Who `user` may see on the dashboard, as a condition on people (`prefix`
    "user__" applies it to status rows through a join, which the databases plan
    far better than an IN subquery); None: not allowed."""
    if not user.is_authenticated:
        return None
    if user.has_perm("people.view_training_status"):
        return Q(**{f"{prefix}is_active": True})
    if is_manager(user):
        return Q(**{f"{prefix}is_active": True, f"{prefix}manager": user})
    return None


def compliance_scope(user) -> QuerySet[User] | None:
    condition = scope_q(user)
    return None if condition is None else User.objects.filter(condition)


def people_q(
    *,
    prefix: str = "",
    search: str = "",
    department=None,
    manager=None,
    hired_from=None,
    hired_to=None,
) -> Q:
    condition = Q()
    if search:
        condition &= search_q(search, prefix=prefix)
    if department is not None:
        condition &= Q(**{f"{prefix}department": department})
    if manager is not None:
        condition &= Q(**{f"{prefix}manager": manager})
    if hired_from:
        condition &= Q(**{f"{prefix}hire_date__gte": hired_from})
    if hired_to:
        condition &= Q(**{f"{prefix}hire_date__lte": hired_to})
    return condition


# What the expiry forecast counts: a certificate held now (not one already
# under a policy review, whose date is the review's) that ends in the range.
EXPIRING_HELD = (S.CERTIFIED, S.EXPIRING)


def expiry_q(
    start: datetime.date | None, end: datetime.date | None, *, prefix: str = ""
) -> Q:
    """Rows whose held certificate ends between `start` and `end` (both
    included): the rule the forecast bars and the table's expiry filter share."""
    condition = Q(**{f"{prefix}status__in": EXPIRING_HELD})
    if start:
        condition &= Q(**{f"{prefix}valid_until__gte": start})
    if end:
        condition &= Q(**{f"{prefix}valid_until__lte": end})
    return condition


def status_q(status: str, *, prefix: str = "") -> Q:
    """Rows with this status (or `VALID`: any compliant one); the one rule the
    filter, the table and the tiles share."""
    if status == VALID:
        return Q(**{f"{prefix}status__in": COMPLIANT})
    return Q(**{f"{prefix}status": status})


def filter_people(
    people: QuerySet[User],
    *,
    search: str = "",
    department=None,
    manager=None,
    hired_from=None,
    hired_to=None,
    status: str = "",
    certification: Certification | None = None,
    expires_from: datetime.date | None = None,
    expires_to: datetime.date | None = None,
) -> QuerySet[User]:
    """The people of the table. Status, certification and expiry range apply
    to one and the same status row: "expiring in this week" with a
    certification means that certification expires in that week."""
    people = people.filter(
        people_q(
            search=search,
            department=department,
            manager=manager,
            hired_from=hired_from,
            hired_to=hired_to,
        )
    )
    expiry = expires_from is not None or expires_to is not None
    if status or certification is not None or expiry:
        statuses = CertificationStatus.objects.live()
        if status:
            statuses = statuses.filter(status_q(status))
        if expiry:
            statuses = statuses.filter(expiry_q(expires_from, expires_to))
        if certification is not None:
            statuses = statuses.filter(certification=certification)
        people = people.filter(pk__in=statuses.values("user_id"))
    return people


def statuses_for(
    user_condition: Q, *, status: str = "", certification=None
) -> QuerySet[CertificationStatus]:
    """Status rows of the people matching `user_condition` (built with
    prefix "user__")."""
    statuses = CertificationStatus.objects.live().filter(user_condition)
    if status:
        statuses = statuses.filter(status_q(status))
    if certification is not None:
        statuses = statuses.filter(certification=certification)
    return statuses


@dataclass
class Headline:
    """Counts of (person, certification) rows: each tile is the number of
    badges of its status in the table, all pages together."""

    total: int
    compliant: int
    certified: int
    expiring: int
    review_required: int
    expired: int
    overdue: int
    not_started: int
    in_progress: int

    @property
    def rate(self) -> int | None:
        return round(100 * self.compliant / self.total) if self.total else None


def headline_of(counts: dict[str, int]) -> Headline:
    """The tiles' figures from a count of rows by status (today's, or a past
    day's from `trend`)."""
    counts = {name: counts.get(name, 0) for name in S.values}
    return Headline(
        total=sum(counts.values()),
        compliant=sum(counts[name] for name in COMPLIANT),
        certified=counts[S.CERTIFIED],
        expiring=counts[S.EXPIRING],
        review_required=counts[S.REVIEW_REQUIRED],
        expired=counts[S.EXPIRED],
        overdue=counts[S.OVERDUE],
        not_started=counts[S.NOT_STARTED],
        in_progress=counts[S.IN_PROGRESS],
    )


def figures(
    statuses: QuerySet[CertificationStatus],
) -> tuple[Headline, list["Bar"]]:
    """Headline figures and compliance per department. The status table is
    grouped once by department and status (at most departments × 7 rows); the
    company totals are the sums. Two queries, none of which returns more than a
    few hundred rows."""
    per_department: dict[int | None, dict[str, int]] = {}
    for department_id, status, count in (
        statuses.values_list("user__department_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        per_department.setdefault(department_id, {})[status] = count
    totals = dict.fromkeys(S.values, 0)
    for counts in per_department.values():
        for name, count in counts.items():
            totals[name] += count
    headline = headline_of(totals)
    names = dict(
        Department.objects.filter(
            pk__in=[pk for pk in per_department if pk is not None]
        ).values_list("pk", "name")
    )
    bars = []
    for department_id, counts in per_department.items():
        total = sum(counts.values())
        compliant = sum(counts.get(name, 0) for name in COMPLIANT)
        bars.append(
            Bar(
                label=names.get(department_id, "—"),
                value=compliant,
                total=total,
                percent=round(100 * compliant / total) if total else 0,
                department_id=department_id,
            )
        )
    # Least compliant first: the departments HR has to talk to.
    bars.sort(key=lambda bar: (bar.percent, bar.label))
    return headline, bars


@dataclass
class Bar:
    label: str
    value: int
    total: int
    percent: int
    # What the bar links to: a department, or a range of expiry dates.
    department_id: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    url: str = ""


# The breakdown's order: from good to bad, then what has not begun.
BREAKDOWN = (
    S.CERTIFIED,
    S.EXPIRING,
    S.REVIEW_REQUIRED,
    S.OVERDUE,
    S.EXPIRED,
    S.IN_PROGRESS,
    S.NOT_STARTED,
)


@dataclass
class Segment:
    status: str
    label: str
    value: int
    percent: int
    # Position and width in a 1000-unit wide stacked bar.
    x: int
    width: int
    url: str = ""


def breakdown(headline: Headline) -> list[Segment]:
    """The headline's rows split by status, as segments of one stacked bar;
    no query: the figures are the tiles'. Empty statuses get no segment."""
    labels = dict(S.choices)
    segments, running, x = [], 0, 0
    for status in BREAKDOWN:
        value = getattr(headline, status)
        if not value:
            continue
        running += value
        # Cumulative rounding: the last segment ends at 1000 exactly.
        end = round(1000 * running / headline.total)
        segments.append(
            Segment(
                status=status,
                label=str(labels[status]),
                value=value,
                percent=round(100 * value / headline.total),
                x=x,
                width=end - x,
            )
        )
        x = end
    return segments


def forecast(statuses: QuerySet[CertificationStatus], *, today=None) -> list[Bar]:
    """Certifications that expire in each of the next twelve weeks; week 1 starts
    today. Each bar knows its first and last day, so that it links to the table
    filtered by exactly that expiry range (`expiry_q`)."""
    today = today or timezone.localdate()
    end = today + datetime.timedelta(weeks=FORECAST_WEEKS, days=-1)
    per_day = (
        statuses.filter(expiry_q(today, end))
        .values("valid_until")
        .annotate(n=Count("pk"))
        .order_by()
    )
    weeks = [0] * FORECAST_WEEKS
    for row in per_day:
        weeks[(row["valid_until"] - today).days // 7] += row["n"]
    peak = max(weeks) or 1
    bars = []
    for n, count in enumerate(weeks):
        start = today + datetime.timedelta(weeks=n)
        bars.append(
            Bar(
                label=start.strftime("%d/%m"),
                value=count,
                total=peak,
                percent=round(100 * count / peak),
                start=start,
                end=start + datetime.timedelta(days=6),
            )
        )
    return bars


TREND_DAYS = 30


def trend(
    statuses: QuerySet[CertificationStatus],
    *,
    certification=None,
    department=None,
    recorded: bool = False,
    today=None,
) -> Headline:
    """The tiles' figures for these rows `TREND_DAYS` ago, for the trend on
    every tile.

    `recorded`: the rows are all active people's, or one department's (HR with
    no other filter than department and certification). Then the figures the
    daily job recorded that day are read: one small query instead of deriving
    every status again, and they include who has left or moved since. Any
    other selection (a team, a search, hire dates), or a day before the first
    record, is derived from the history of the rows shown
    (`certifications.selectors.compliance_as_of`).
    """
    today = today or timezone.localdate()
    day = today - datetime.timedelta(days=TREND_DAYS)
    past = None
    if recorded:
        past = recorded_compliance(
            day=day, department=department, certification=certification
        )
    if past is None:
        past = compliance_as_of(statuses, day=day, certification=certification)
    return headline_of(past.counts)


def overdue_reminders(people: QuerySet[User]) -> list[CertificationStatus]:
    """For each of these people with an overdue certification, the one due
    first: what a reminder (Sollecita) is about. Two queries whatever their
    number."""
    first: dict[int, CertificationStatus] = {}
    rows = (
        CertificationStatus.objects.live()
        .filter(user__in=people, status=S.OVERDUE)
        .select_related("user", "certification")
        .prefetch_related("certification__onboarding_courses")
        .order_by("user__last_name", "user__first_name", "user_id", "due_date")
    )
    for row in rows:
        first.setdefault(row.user_id, row)
    return list(first.values())


@dataclass
class Cell:
    status: str
    label: str
    date: datetime.date | None
    date_label: str

    @property
    def date_text(self) -> str:
        # Formatted here, not with the template filter: 500 cells a page.
        return self.date.strftime("%d/%m/%Y") if self.date else ""


# The date a cell shows: until when the certificate is valid, since when it
# expired, or else by when something is due (a policy review included).
SHOWS_VALID_UNTIL = (S.CERTIFIED, S.EXPIRING, S.EXPIRED)


def _date_label(status: str) -> str:
    if status in (S.CERTIFIED, S.EXPIRING):
        return gettext("fino al")
    if status == S.EXPIRED:
        return gettext("dal")
    return gettext("entro il")


def matrix_page(
    people: QuerySet[User],
    *,
    certifications: list[Certification],
    page_number,
    sort: str = "name",
    per_page: int = 50,
):
    """One page of people, each with a cell per certification (None where the
    certification is not required of them). Three queries: count, page, cells."""
    people = people.select_related("department", "manager").order_by(
        *SORTS.get(sort, SORTS["name"])
    )
    page = Paginator(people, per_page).get_page(page_number)
    ids = [person.pk for person in page.object_list]
    labels = {value: str(label) for value, label in S.choices}
    date_labels = {value: _date_label(value) for value in S.values}
    cells = {
        (user_id, certification_id): Cell(
            status=status,
            label=labels[status],
            date=valid_until if status in SHOWS_VALID_UNTIL else due_date,
            date_label=date_labels[status],
        )
        for user_id, certification_id, status, valid_until, due_date in (
            CertificationStatus.objects.live()
            .filter(user_id__in=ids, certification__in=certifications)
            .values_list(
                "user_id", "certification_id", "status", "valid_until", "due_date"
            )
        )
    }
    rows = [
        (person, [cells.get((person.pk, c.pk)) for c in certifications])
        for person in page.object_list
    ]
    return page, rows


EXPORT_HEADER = [
    gettext_lazy("Matricola"),
    gettext_lazy("Cognome"),
    pgettext_lazy("colonna", "Nome"),
    gettext_lazy("E-mail"),
    gettext_lazy("Reparto"),
    gettext_lazy("Matricola del responsabile"),
    gettext_lazy("Certificazione"),
    gettext_lazy("Stato"),
    gettext_lazy("Valida fino al"),
    gettext_lazy("Da conseguire entro"),
]


def matrix_export_rows(
    statuses: QuerySet[CertificationStatus],
    hours: dict[int, float] | None = None,
    sort: str = "name",
):
    """The matrix in long form, one row per person and certification, straight
    from the database in chunks, people in the order the page shows them
    (`sort`, as `matrix_page`); the status in words of the current language
    (taken now: the rows are written after the view has returned). With
    `hours` ({user id: hours in the chosen period}), a last column of them."""
    words = {value: str(label) for value, label in S.choices}
    people_order = [
        f"-user__{key[1:]}" if key.startswith("-") else f"user__{key}"
        for key in SORTS.get(sort, SORTS["name"])
    ]
    rows = (
        statuses.order_by(*people_order, "certification__name")
        .values_list(
            "user__employee_id",
            "user__last_name",
            "user__first_name",
            "user__email",
            "user__department__name",
            "user__manager__employee_id",
            "certification__name",
            "status",
            "valid_until",
            "due_date",
            "user_id",
        )
        .iterator(chunk_size=5000)
    )

    def lines():
        for row in rows:
            line = (*row[:7], words.get(row[7], row[7]), *row[8:10])
            yield line if hours is None else (*line, hours.get(row[10], 0.0))

    return lines()


@dataclass
class CourseLine:
    """One course of a transcript: what it took and what it gave."""

    title: str
    minutes: int
    enrolled_at: datetime.datetime
    completed_at: datetime.datetime | None
    certificate: object  # the latest certificate of the course, or None
    removed_at: datetime.datetime | None
    # The enrolment's standing, as the training status page reads it.
    progress: object = None  # a courses CourseProgress

    @property
    def hours(self) -> str:
        from certificates.pdf import hours_and_minutes

        return hours_and_minutes(self.minutes) if self.minutes else "—"


@dataclass
class ReviewLine:
    """One policy review asked of the person, and when it was done."""

    change: object
    done: bool
    completed_on: datetime.datetime | None


def transcript(person: User) -> dict:
    """Everything a person did, for HR, the manager and the PDF. The
    certification statuses are the rows the dashboard reads, so the two never
    disagree; each course carries its hours (`courses.selectors`), its
    completion (the passed quiz of its latest certificate) and its certificate;
    each policy review its state (`certifications.policy`); each observation
    on the job its result (`observations`); each course its standing, read as
    HR's training status page reads it (`courses.selectors.progress_matrix`)."""
    from certificates.models import Certificate
    from certificates.organisation import organisation_details
    from courses.models import Enrollment
    from courses.selectors import live_modules_by_course_path, progress_matrix
    from quizzes.models import Attempt

    enrollments = list(
        Enrollment.objects.filter(user=person)
        .select_related("course")
        .order_by("enrolled_at")
    )
    certificates = list(
        Certificate.objects.filter(user=person)
        .select_related("attempt")
        .order_by("issued_at")
    )
    statuses = list(
        CertificationStatus.objects.live()
        .filter(user=person)
        .select_related("certification")
        .order_by("certification__name")
    )
    modules = live_modules_by_course_path(e.course for e in enrollments)
    progress = progress_matrix(
        user_ids=[person.pk],
        courses=[e.course for e in enrollments],
        include_removed=True,
    )
    # The latest certificate of each enrolment, and the latest completion of
    # the course itself: a policy review reissues the certificate (a later
    # one) but is no new completion of the course.
    latest, completed = {}, {}
    for certificate in certificates:
        latest[certificate.enrollment_id] = certificate
        if not certificate.attempt.purpose:
            completed[certificate.enrollment_id] = (
                certificate.attempt.submitted_at or certificate.issued_at
            )
    courses = [
        CourseLine(
            title=enrollment.course.title,
            minutes=sum(m.minutes or 0 for m in modules[enrollment.course.path]),
            enrolled_at=enrollment.enrolled_at,
            completed_at=completed.get(enrollment.pk),
            certificate=latest.get(enrollment.pk),
            removed_at=enrollment.removed_at,
            progress=progress.get((person.pk, enrollment.course_id)),
        )
        for enrollment in enrollments
    ]
    return {
        "person": person,
        "organisation": organisation_details(),
        "statuses": statuses,
        "enrollments": enrollments,
        "courses": courses,
        "reviews": _policy_reviews(person, [s.certification_id for s in statuses]),
        "attempts": list(
            Attempt.objects.filter(user=person, submitted_at__isnull=False)
            .select_related("course")
            .order_by("submitted_at")
        ),
        "certificates": certificates,
        # Observed practice: what the person showed on the job (submitted
        # observations; a draft is still the observer's).
        "observations": transcript_observations(person),
    }


def transcript_observations(person: User) -> list:
    from observations.models import Observation

    return list(
        Observation.objects.filter(agent=person)
        .exclude(state=Observation.State.DRAFT)
        .select_related("observer")
        .order_by("observed_on", "pk")
    )


def _policy_reviews(person: User, certification_ids: list[int]) -> list[ReviewLine]:
    """The policy changes that asked this person for a review: done (with the
    day) or still pending. A change made when the person held no certificate
    of its certification never concerned them and is left out."""
    from certifications import policy
    from certifications.models import PolicyChange

    lines = []
    for change in (
        PolicyChange.objects.filter(certification_id__in=certification_ids)
        .select_related("certification", "module")
        .order_by("created_at")
    ):
        state = policy.review_state(change=change, user=person)
        if state is None:
            continue
        done = state == policy.DONE
        completed = policy.completed_on(change=change, user=person) if done else None
        lines.append(ReviewLine(change=change, done=done, completed_on=completed))
    return lines
