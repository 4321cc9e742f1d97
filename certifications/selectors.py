"""Reads for certifications: who needs what, and each person's history as facts
for the derivation. Everything is loaded for many people at once, in a fixed
number of queries whatever their number."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from people import roles

from . import derivation
from .models import Certification, CertificationStatus, StatusCount


@dataclass
class CertificationPlan:
    certification: Certification
    requirement: derivation.Requirement
    department_ids: set[int]
    group_ids: set[int]
    policy_changes: list[derivation.PolicyChangeFact]

    @property
    def course_ids(self) -> frozenset[int]:
        r = self.requirement
        return r.onboarding_course_ids | r.refresher_course_ids


def certification_plans(
    *, certification: Certification | None = None
) -> list[CertificationPlan]:
    """What each certification requires: its courses, departments, roles and
    policy changes, in a fixed number of queries."""
    # Live rows only: a certification never published requires nothing yet.
    certifications = Certification.objects.filter(live=True).prefetch_related(
        "onboarding_courses",
        "refresher_courses",
        "required_departments",
        "required_groups",
        "policy_changes",
    )
    if certification is not None:
        certifications = certifications.filter(pk=certification.pk)
    plans = []
    for c in certifications:
        plans.append(
            CertificationPlan(
                certification=c,
                requirement=derivation.Requirement(
                    validity_months=c.validity_months,
                    renewal_window_days=c.renewal_window_days,
                    onboarding_course_ids=frozenset(
                        x.pk for x in c.onboarding_courses.all()
                    ),
                    refresher_course_ids=frozenset(
                        x.pk for x in c.refresher_courses.all()
                    ),
                    lapsed_requires_onboarding=c.lapsed_requires_onboarding,
                    due_days_after_hire=c.due_days_after_hire,
                ),
                department_ids={d.pk for d in c.required_departments.all()},
                group_ids={g.pk for g in c.required_groups.all()},
                policy_changes=[
                    derivation.PolicyChangeFact(p.created_at, p.due_date)
                    for p in c.policy_changes.all()
                ],
            )
        )
    return plans


@dataclass
class Person:
    id: int
    department_id: int | None
    hire_date: date | None
    group_ids: set[int]
    is_learner: bool = False


def people(*, user_ids: Iterable[int] | None = None) -> dict[int, Person]:
    from people.models import User

    users = User.objects.filter(is_active=True)
    if user_ids is not None:
        users = users.filter(pk__in=list(user_ids))
    result = {
        pk: Person(pk, department_id, hire_date, set())
        for pk, department_id, hire_date in users.values_list(
            "pk", "department_id", "hire_date"
        )
    }
    memberships = User.groups.through.objects.filter(user_id__in=list(result))
    # The role's name rides on the same query: "required for everyone" means
    # every learner.
    for user_id, group_id, name in memberships.values_list(
        "user_id", "group_id", "group__name"
    ):
        result[user_id].group_ids.add(group_id)
        result[user_id].is_learner |= name == roles.LEARNER
    return result


def is_required(plan: CertificationPlan, person: Person) -> bool:
    c = plan.certification
    return bool(
        (c.required_for_everyone and person.is_learner)
        or (person.department_id in plan.department_ids)
        or (person.group_ids & plan.group_ids)
    )


def certificate_facts(
    *, user_ids: Iterable[int], course_ids: Iterable[int]
) -> dict[int, list[derivation.CertificateFact]]:
    """Every certificate of these people in these courses, as facts, by
    person. One query."""
    from certificates.models import Certificate

    user_ids, course_ids = list(user_ids), list(course_ids)
    certificates: dict[int, list] = defaultdict(list)
    if not user_ids or not course_ids:
        return certificates
    rows = Certificate.objects.filter(
        user_id__in=user_ids, course_id__in=course_ids
    ).values_list("pk", "user_id", "course_id", "issued_at", "expires_at", "status")
    for pk, user_id, course_id, issued_at, expires_at, status in rows:
        certificates[user_id].append(
            derivation.CertificateFact(
                id=pk,
                course_id=course_id,
                issued_at=issued_at,
                expires_at=expires_at,
                revoked=status == Certificate.Status.REVOKED,
            )
        )
    return certificates


def history(
    *,
    user_ids: Iterable[int],
    course_ids: Iterable[int],
    until: datetime | None = None,
) -> tuple[
    dict[int, list[derivation.CertificateFact]],
    dict[int, list[derivation.EnrollmentFact]],
]:
    """Certificates and enrolments of these people in these courses, as facts.

    An enrolment is started by the one rule every page reads
    (`courses.selectors.started_enrollment_ids`: anything done for the course
    in its cycle), so a certification is "In corso" exactly when one of its
    courses is.

    `until`: the enrolments as they stood at that moment (for the past figures
    of `compliance_as_of`): made before it, started by what was done before
    it, removed only if removed before it. Certificates are all given; the
    caller keeps those issued before it."""
    from courses.models import Enrollment
    from courses.selectors import started_enrollment_ids

    user_ids, course_ids = list(user_ids), list(course_ids)
    certificates = certificate_facts(user_ids=user_ids, course_ids=course_ids)
    enrollments: dict[int, list] = defaultdict(list)
    if not user_ids or not course_ids:
        return certificates, enrollments
    enrolled = Enrollment.objects.filter(user_id__in=user_ids, course_id__in=course_ids)
    if until is not None:
        enrolled = enrolled.filter(enrolled_at__lt=until)
    rows = list(
        enrolled.only(
            "pk",
            "user_id",
            "course_id",
            "due_date",
            "removed_at",
            "cycle",
            "cycle_started_at",
        )
    )
    started = started_enrollment_ids(enrollments=rows, until=until)
    for row in rows:
        enrollments[row.user_id].append(
            derivation.EnrollmentFact(
                course_id=row.course_id,
                due_date=row.due_date,
                started=row.pk in started,
                removed=row.removed_at is not None
                and (until is None or row.removed_at < until),
            )
        )
    return certificates, enrollments


def derived_statuses(
    *,
    today: date,
    user_ids: Iterable[int] | None = None,
    plans: list[CertificationPlan],
    required_since: dict[tuple[int, int], date | None] | None = None,
) -> dict[tuple[int, int], derivation.Derived]:
    """What the summary table should say under these plans
    (`certification_plans`), keyed by (user id, certification id), for every
    required pair among these people (everyone when None).

    `required_since`: since when each pair has been required, as the summary
    table recorded it; a pair it does not know starts being required `today`."""
    required_since = required_since or {}
    persons = people(user_ids=user_ids)
    course_ids = set().union(*(p.course_ids for p in plans))
    certificates, enrollments = history(user_ids=persons, course_ids=course_ids)
    result = {}
    for plan in plans:
        for person in persons.values():
            if not is_required(plan, person):
                continue
            result[(person.id, plan.certification.pk)] = derivation.derive(
                requirement=plan.requirement,
                certificates=[
                    c for c in certificates[person.id] if c.course_id in plan.course_ids
                ],
                enrollments=[
                    e for e in enrollments[person.id] if e.course_id in plan.course_ids
                ],
                hire_date=person.hire_date,
                today=today,
                policy_changes=plan.policy_changes,
                required_since=required_since.get(
                    (person.id, plan.certification.pk), today
                ),
            )
    return result


# Holding a certificate that is valid that day (as `hr.compliance.COMPLIANT`).
COMPLIANT = (derivation.CERTIFIED, derivation.EXPIRING, derivation.REVIEW_REQUIRED)


@dataclass
class PastCompliance:
    """The status rows of a past day: how many counted, how many of them were
    compliant, and how many had each status (`counts`, by status value)."""

    day: date
    total: int
    compliant: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> int | None:
        return round(100 * self.compliant / self.total) if self.total else None


def recorded_compliance(
    *, day: date, department=None, certification=None
) -> PastCompliance | None:
    """The figures the daily job recorded for `day` (`StatusCount`), for the
    whole company or one department and/or certification; None when that day
    was not recorded (the job did not run, or the history starts later)."""
    chosen = Q()
    if department is not None:
        chosen &= Q(department=department)
    if certification is not None:
        chosen &= Q(certification=certification)
    # One query: the day's rows say whether it was recorded at all, the
    # filtered sum what the selection counted.
    rows = (
        StatusCount.objects.filter(day=day)
        .values("status")
        .annotate(total=Sum("count", filter=chosen))
        .order_by()
    )
    counts = {row["status"]: row["total"] or 0 for row in rows}
    if not counts:
        return None
    return PastCompliance(
        day=day,
        total=sum(counts.values()),
        compliant=sum(counts.get(status, 0) for status in COMPLIANT),
        counts=counts,
    )


def compliance_as_of(
    statuses: QuerySet[CertificationStatus], *, day: date, certification=None
) -> PastCompliance:
    """How these status rows stood at the end of `day`, for the trend on every
    tile of HR's dashboard.

    Nothing is stored for it: each status is derived again from the history,
    with the same pure rule (`certifications.derivation.derive`) that fills the
    summary table, run with `today=` that day. How:

    - Who counted then: the (person, certification) rows the dashboard counts now
      (same scope and filters), less those that were not yet required that day
      (`required_since` after it) and people hired after it.
    - What they held then: their certificates issued up to that day (a refresher
      counts on top of them as it does today), and the policy changes published up
      to that day, under the certification's current rule.
    - What they were doing then: their enrolments made by that day, started if a
      module was completed by then, removed if removed by then (`history`); the
      first due date counts from `required_since`, as in the table.
    - Compliant then: the derived status is one of `COMPLIANT`.

    What it cannot know, because no history of it is kept: people who have left
    since (they are no longer in the table), department or role moves, a
    certificate revoked since (it counts as revoked then too), an enrolment's due
    date changed since, and rule edits.

    A fixed number of queries: the rows, the certifications' plans and the
    certificates and enrolments of the people concerned.
    """
    pairs = list(
        statuses.filter(
            Q(required_since__isnull=True) | Q(required_since__lte=day),
            Q(user__hire_date__isnull=True) | Q(user__hire_date__lte=day),
        ).values_list(
            "user_id", "certification_id", "user__hire_date", "required_since"
        )
    )
    if not pairs:
        return PastCompliance(day=day, total=0, compliant=0)
    plans = {
        plan.certification.pk: plan
        for plan in certification_plans(certification=certification)
    }
    # Rows of a certification unpublished a moment ago, until its statuses are
    # recomputed (`publication`): it no longer counts, then or now.
    pairs = [pair for pair in pairs if pair[1] in plans]
    if not pairs:
        return PastCompliance(day=day, total=0, compliant=0)
    course_ids = set().union(*(plan.course_ids for plan in plans.values()))
    # The end of that day in the site's time zone, as certificates are issued.
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time()))
    certificates, enrollments = history(
        user_ids={pair[0] for pair in pairs}, course_ids=course_ids, until=end
    )
    counts: dict[str, int] = defaultdict(int)
    for user_id, certification_id, hire_date, required_since in pairs:
        plan = plans[certification_id]
        derived = derivation.derive(
            requirement=plan.requirement,
            certificates=[
                c
                for c in certificates[user_id]
                if c.course_id in plan.course_ids and c.issued_at < end
            ],
            enrollments=[
                e for e in enrollments[user_id] if e.course_id in plan.course_ids
            ],
            hire_date=hire_date,
            today=day,
            policy_changes=[p for p in plan.policy_changes if p.created_at < end],
            required_since=required_since,
        )
        counts[derived.status] += 1
    return PastCompliance(
        day=day,
        total=len(pairs),
        compliant=sum(counts[status] for status in COMPLIANT),
        counts=dict(counts),
    )


def has_records(certification: Certification) -> bool:
    """Whether deleting this certification would lose records: its policy
    changes, the daily figures that counted it, or (once it was published)
    certificates of its courses, which it gave their meaning."""
    from certificates.models import Certificate

    if (
        certification.policy_changes.exists()
        or StatusCount.objects.filter(certification=certification).exists()
    ):
        return True
    if not (certification.live or certification.first_published_at):
        return False
    return Certificate.objects.filter(
        Q(course__certifications_earned=certification)
        | Q(course__certifications_renewed=certification)
    ).exists()


def certification_of_course(*, course) -> tuple[Certification | None, bool]:
    """The certification a course earns or renews, and whether it renews it."""

    certification = course.certifications_renewed.filter(live=True).first()
    if certification is not None:
        return certification, True
    return course.certifications_earned.filter(live=True).first(), False
