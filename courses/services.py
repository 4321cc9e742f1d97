"""Writes for the learning journey: enrolment, module completion, quiz submission
and course completion. Each compliance-relevant change leaves an audit entry."""

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from people.models import User

from . import selectors
from .models import CoursePage, Enrollment, ModuleCompletion, ModulePage

COURSE_NOT_AVAILABLE = _("Questo corso non è disponibile.")
NOT_ENROLLED = _("Iscriviti al corso per accedere ai suoi contenuti.")
MODULE_NOT_AVAILABLE = _("Questo modulo non è disponibile.")
QUIZ_LOCKED = _("Il quiz si apre quando hai completato tutti i moduli del corso.")
QUIZ_MISSING = _("Questo corso non ha ancora un quiz finale.")
ENROLLED = _("Ti sei iscritto al corso «{title}».")
ALREADY_CERTIFIED = _("Hai già superato questo corso: il certificato è pronto.")


@transaction.atomic
def enrollment_create(
    *,
    user: User,
    course: CoursePage,
    source: str = Enrollment.Source.SELF,
    actor: User | None = None,
    due_date: date | None = None,
) -> Enrollment:
    """Enrol a person in a course; enrolling twice returns the first enrolment."""
    if not course.live:
        raise ValidationError(COURSE_NOT_AVAILABLE)
    enrollment, created = Enrollment.objects.get_or_create(
        user=user,
        course=course,
        defaults={"source": source, "enrolled_by": actor or user, "due_date": due_date},
    )
    if created:
        log(
            instance=enrollment,
            action="lms.enrollment.create",
            user=actor or user,
            data={
                "course": course.title,
                "learner": user.email,
                "source": source,
                "due_date": due_date.isoformat() if due_date else None,
            },
        )
    return enrollment


def _locked_enrollment(*, user: User, course: CoursePage) -> Enrollment:
    # The row lock serialises concurrent writes for one learner in one course
    # (double clicks, two tabs), so completion and issuing happen once.
    try:
        return Enrollment.objects.select_for_update().get(user=user, course=course)
    except Enrollment.DoesNotExist:
        raise PermissionDenied(NOT_ENROLLED) from None


@transaction.atomic
def module_complete(*, user: User, module: ModulePage) -> ModuleCompletion:
    if not module.live:
        raise ValidationError(MODULE_NOT_AVAILABLE)
    course = selectors.course_of_module(module=module)
    enrollment = _locked_enrollment(user=user, course=course)
    completion, created = ModuleCompletion.objects.get_or_create(
        enrollment=enrollment, module=module
    )
    if created:
        log(
            instance=enrollment,
            action="lms.module.complete",
            user=user,
            data={"course": course.title, "module": module.title},
        )
        enrollment_try_complete(enrollment=enrollment)
    return completion


@transaction.atomic
def course_quiz_submit(
    *, user: User, course: CoursePage, answers: Mapping[int, Sequence[int]]
):
    """Grade a final-quiz attempt for a course, then complete the course if the
    attempt passed. The quiz gate is checked here, on the server, not only hidden
    in the page."""
    from quizzes.services import attempt_submit

    enrollment = _locked_enrollment(user=user, course=course)
    state = selectors.enrollment_progress(enrollment=enrollment).quiz_state
    if state == selectors.QuizState.MISSING:
        raise ValidationError(QUIZ_MISSING)
    if state == selectors.QuizState.LOCKED:
        raise PermissionDenied(QUIZ_LOCKED)
    if state == selectors.QuizState.PASSED:
        raise ValidationError(ALREADY_CERTIFIED)
    attempt = attempt_submit(
        user=user, quiz=course.quiz, course=course, answers=answers
    )
    if attempt.passed:
        enrollment_try_complete(enrollment=enrollment)
    return attempt


@transaction.atomic
def enrollment_try_complete(*, enrollment: Enrollment):
    """Complete the course and issue its certificate once every live module is done
    and the final quiz has been passed. Safe to call any number of times."""
    from certificates.services import certificate_issue

    progress = selectors.enrollment_progress(enrollment=enrollment)
    if progress.certificate is not None:
        return progress.certificate
    if progress.modules_done < progress.modules_total:
        return None
    attempt = selectors.passing_attempt(enrollment=enrollment)
    if attempt is None:
        return None
    # The completion's moment is this audit entry and the certificate's issue
    # time; nothing on the enrolment repeats it.
    log(
        instance=enrollment,
        action="lms.enrollment.complete",
        user=enrollment.user,
        data={"course": enrollment.course.title, "score": str(attempt.score)},
    )
    return certificate_issue(enrollment=enrollment, attempt=attempt)


# --- Minimal stub added by i7-hr (people import calls it) -------------------------
# i3-learning owns assignment rules and replaces this with the real service of the
# same signature when the branches merge. Until then it assigns nothing.
def assignment_rules_apply(*, today=None, users=None) -> int:
    """Stub: apply assignment rules to `users` (all when None). Returns how many
    enrolments were created; this placeholder creates none."""
    return 0
