"""What a certification's publication or withdrawal changes at once.

A lead trainer who publishes new rules (validity, renewal window, courses, for
whom it is required) or unpublishes a certification changes everyone's
standing: HR's dashboard, the exports and the API read the summary table, so
it is brought to the live rules straight away rather than by the next night's
daily job. The work is queued in batches (`tasks.certification_statuses`), so
a large workforce does not hold up the lead trainer's request."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import get_active_log_context

from courses.models import CoursePage, Enrollment
from courses.selectors import cycle_completed_ids
from courses.services import enrollment_withdraw
from lms.audit import log
from people.models import User

from .daily import batch_size
from .models import Certification
from .services import certification_status_sync, refreshers_assign

RETIRED_REASON = _(
    "La certificazione «{certification}» è stata ritirata: il corso non serve più "
    "a rinnovarla."
)

PUBLISHED, UNPUBLISHED = "publish", "unpublish"


def publication_actor() -> User | None:
    """Who is publishing or unpublishing now: the person of the admin request
    (Wagtail's publish and unpublish actions record the same one on their
    `wagtail.publish` / `wagtail.unpublish` entry, but the published signal
    comes before that entry is written). None when nobody is: Wagtail's
    scheduled publication or expiry (`publish_scheduled`), or a shell or a
    command."""
    user = get_active_log_context().user
    return user if user is not None and user.is_authenticated else None


def publication_scheduled(*, instance, revision=None) -> bool:
    """Whether Wagtail's scheduled publishing (`publish_scheduled`) is doing
    this, rather than a shell or another command, which also act without a
    person. The command publishes the revisions whose approved go-live time
    has come: the revision it hands to the signal still carries
    `approved_go_live_at` (Wagtail clears it in the database only, and sets it
    on nothing it publishes at once). It withdraws what has expired with
    `set_expired`, which marks the instance `expired` before the signal. Code
    that calls the same methods the same way is doing what the schedule
    would, and is counted as the schedule."""
    if revision is not None:
        return instance.live and revision.approved_go_live_at is not None
    return not instance.live and instance.expired


def certification_statuses_refresh(
    *,
    certification: Certification,
    cause: str,
    actor: User | None,
    scheduled: bool = False,
):
    """Queue, once the publication commits, the recomputation of this
    certification's statuses for every active person: whoever the old rules
    concerned has a row (kept, changed or removed), whoever the new ones concern
    gets one. Active people only, as the daily job: a departed person's rows
    stay as they were. `actor`, who published or unpublished (None: nobody),
    and whether Wagtail's scheduled publishing did, go with each batch to its
    audit entry."""
    today = timezone.localdate().isoformat()
    actor_id = actor.pk if actor is not None else None

    def enqueue():
        from .tasks import certification_statuses

        user_ids = list(
            User.objects.filter(is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        size = batch_size()
        for start in range(0, len(user_ids), size):
            certification_statuses.enqueue(
                certification.pk,
                user_ids[start : start + size],
                today,
                cause,
                actor_id,
                scheduled,
            )

    transaction.on_commit(enqueue)


@transaction.atomic
def certification_statuses_apply(
    *,
    certification_id: int,
    user_ids: list[int],
    today: date,
    cause: str,
    actor_id: int | None = None,
    scheduled: bool = False,
) -> None:
    """One batch of `certification_statuses_refresh`: the statuses of these
    people for this certification as its live rules say (none, once it is
    unpublished), the refreshers now due assigned, or, once it is withdrawn,
    the renewals it had assigned withdrawn. What changed is logged on the
    certification (`lms.certification.statuses`) with the cause and under the
    person who published or unpublished, so the history says who changed
    everyone's standing. The data's `by` says who that was: a `person`, the
    `schedule` (Wagtail's scheduled publication or expiry, also `scheduled`)
    or the `system` (a shell or a command, with nobody signed in: not
    claimed to be the schedule). The publication itself is Wagtail's own
    entry."""
    certification = Certification.objects.filter(pk=certification_id).first()
    if certification is None:
        return
    differences = certification_status_sync(
        today=today, user_ids=user_ids, certification=certification
    )
    assigned, withdrawn = [], []
    if certification.live:
        assigned = refreshers_assign(
            today=today, user_ids=user_ids, certification=certification
        )
    else:
        withdrawn = renewals_withdraw(certification=certification, user_ids=user_ids)
    if not (differences or assigned or withdrawn):
        return
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    if actor_id:
        by = "person"
    else:
        by = "schedule" if scheduled else "system"
    log(
        instance=certification,
        action="lms.certification.statuses",
        user=actor,
        data={
            "cause": cause,
            "by": by,
            "scheduled": by == "schedule",
            "day": today.isoformat(),
            "statuses": [
                {"user": d.user_id, "from": d.stored, "to": d.derived}
                for d in differences
            ],
            "assigned": [e.pk for e in assigned],
            "withdrawn": [e.pk for e in withdrawn],
        },
    )


def renewals_withdraw(
    *, certification: Certification, user_ids: list[int]
) -> list[Enrollment]:
    """Withdraw the unfinished renewals a withdrawn certification had assigned
    (kept as history): left open, they would go on reminding people and be
    overdue on its behalf. A renewal is what the refresher assignment marked
    so (`Enrollment.Source.RENEWAL`) in one of its courses: an assignment
    rule's enrolment, HR's or the learner's own stays, even when its rule was
    since deleted. A course that another published certification also asks
    for stays."""
    course_ids = set(
        certification.onboarding_courses.values_list("pk", flat=True)
    ) | set(certification.refresher_courses.values_list("pk", flat=True))
    course_ids -= set(
        CoursePage.objects.filter(
            Q(certifications_earned__live=True) | Q(certifications_renewed__live=True),
            pk__in=course_ids,
        ).values_list("pk", flat=True)
    )
    if not course_ids:
        return []
    candidates = list(
        Enrollment.objects.filter(
            source=Enrollment.Source.RENEWAL,
            user_id__in=user_ids,
            course_id__in=course_ids,
            removed_at__isnull=True,
        )
    )
    completed = cycle_completed_ids(enrollments=candidates)
    reason = str(RETIRED_REASON).format(certification=certification.name)
    return [
        enrollment_withdraw(enrollment=e, reason=reason)
        for e in candidates
        if e.pk not in completed
    ]
