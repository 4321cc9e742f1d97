"""Writes for the learning journey: enrolment, module completion, quiz submission
and course completion. Each compliance-relevant change leaves an audit entry."""

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_supersede
from content import scenarios
from content.translation import source_of
from lms.audit import log
from people.models import User
from quizzes.services import attempt_start, attempt_submit
from scorm import runtime

from . import selectors, signals
from .models import (
    AssignmentRule,
    CoursePage,
    Enrollment,
    KnowledgeCheckResponse,
    ModuleCompletion,
    ModulePage,
    ScenarioRun,
    ScormRecord,
)
from .signals import CertificateTerms

COURSE_NOT_AVAILABLE = _("Questo corso non è disponibile.")
NOT_ENROLLED = _("Iscriviti al corso per accedere ai suoi contenuti.")
MODULE_NOT_AVAILABLE = _("Questo modulo non è disponibile.")
QUIZ_LOCKED = _("Il quiz si apre quando hai completato tutti i moduli del corso.")
QUIZ_MISSING = _("Questo corso non ha ancora un quiz finale.")
ENROLLED = _("Iscrizione al corso «{title}» effettuata.")
ALREADY_CERTIFIED = _("Hai già superato questo corso: il certificato è pronto.")
CANNOT_ASSIGN = _("Non hai il permesso di assegnare corsi.")
DUE_DATE_IN_THE_PAST = _("La scadenza non può essere nel passato.")
KNOWLEDGE_CHECKS_PENDING = _(
    "Rispondi a tutte le verifiche di comprensione del modulo prima di segnarlo "
    "come completato."
)
KNOWLEDGE_CHECK_NOT_FOUND = _(
    "Questa verifica di comprensione non c'è più: ricarica la pagina del modulo."
)
KNOWLEDGE_CHECK_NO_OPTION = _("Scegli una delle risposte proposte.")
SCENARIOS_PENDING = _(
    "Porta a termine gli scenari del modulo prima di segnarlo come completato."
)
SCENARIO_NOT_FOUND = _("Questo scenario non c'è più: ricarica la pagina del modulo.")
SCENARIO_MOVED_ON = _(
    "La conversazione è già andata avanti (forse in un'altra scheda): ecco a che "
    "punto sei."
)
SCENARIO_NO_CHOICE = _("Scegli una delle risposte proposte.")
SCORM_PENDING = _(
    "Porta a termine il contenuto SCORM del modulo prima di segnarlo come completato."
)
SCORM_NOT_FOUND = _(
    "Questo contenuto SCORM non c'è più: ricarica la pagina del modulo."
)
CYCLE_NOT_COMPLETE = _(
    "Il corso è ancora in corso: si può ripetere solo dopo averlo completato."
)
CYCLE_RENEWED = _("Corso ripetuto: nuovo ciclo completato.")


@transaction.atomic
def enrollment_create(
    *,
    user: User,
    course: CoursePage,
    source: str = Enrollment.Source.SELF,
    actor: User | None = None,
    due_date: date | None = None,
) -> Enrollment:
    """Enrol a person in a course; enrolling twice returns the first enrolment.

    Enrolling again after an assignment was removed brings the same enrolment
    back, with its history (completed modules, attempts).

    A translated course enrols in its original: the course record, whatever
    language the learner reads it in."""
    course = source_of(course)
    if not course.live:
        raise ValidationError(COURSE_NOT_AVAILABLE)
    if not Enrollment.objects.filter(user=user, course=course).exists():
        # The apps above may refuse (a refresher for who never held the
        # certification it renews); a refusal raises ValidationError.
        signals.enrollment_requested.send(sender="courses", user=user, course=course)
    enrollment, created = Enrollment.objects.get_or_create(
        user=user,
        course=course,
        defaults={"source": source, "enrolled_by": actor or user, "due_date": due_date},
    )
    if not created and enrollment.removed_at is not None:
        _restore(
            enrollment=enrollment, source=source, actor=actor or user, due=due_date
        )
    if created:
        _announce(enrollment, "create")
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


def _announce(enrollment: Enrollment, action: str) -> None:
    """`enrollment_changed`, once the change is committed."""
    signals.enrollment_changed.send_on_commit(
        sender="courses", enrollment=enrollment, action=action
    )


def enrollment_activity_announce(*, enrollments: Iterable[Enrollment]) -> None:
    """Say, once committed, that the person did something for these courses
    that an app above recorded (an observation on the job, a session
    attended): whatever is derived from "started"
    (`selectors.started_enrollment_ids`), the certification statuses, is read
    again. Writes nothing itself."""
    for enrollment in enrollments:
        _announce(enrollment, "progress")


def _restore(
    *,
    enrollment: Enrollment,
    source: str,
    actor: User | None,
    due: date | None,
    reason: str = "",
) -> None:
    enrollment.removed_at = None
    enrollment.removed_by = None
    _enrollment_set(
        enrollment,
        source=source,
        actor=actor,
        due=due,
        reason=reason,
        change="restore",
        action="lms.enrollment.restore",
    )


def _enrollment_set(
    enrollment: Enrollment,
    *,
    source: str,
    actor: User | None,
    due: date | None,
    reason: str,
    change: str,
    action: str,
    **audit,
) -> None:
    """Who assigned the enrolment, how, by when and why: saved, announced as
    `change` and logged as `action` (new, restored or reassigned alike)."""
    enrollment.source = source
    enrollment.enrolled_by = actor
    enrollment.due_date = due
    enrollment.reason = reason
    enrollment.full_clean()
    enrollment.save()
    _announce(enrollment, change)
    log(
        instance=enrollment,
        action=action,
        user=actor,
        data=_audit_data(enrollment, **audit),
    )


def _audit_data(enrollment: Enrollment, **extra) -> dict:
    return {
        "course": enrollment.course.title,
        "learner": enrollment.user.email,
        "source": enrollment.source,
        "due_date": enrollment.due_date.isoformat() if enrollment.due_date else None,
        "reason": enrollment.reason,
        **extra,
    }


@transaction.atomic
def enrollment_assign(
    *,
    users: Iterable[User],
    course: CoursePage,
    actor: User,
    due_date: date | None = None,
    due_in_days: int | None = None,
    reason: str = "",
) -> dict[str, int]:
    """Assign a course to people by hand (HR, trainers), with a deadline that is a
    fixed date or N days from today.

    A person already enrolled keeps their progress and gets the new deadline and
    the assignment's reason; a removed assignment is restored. Returns how many
    were assigned, restored and updated."""
    if not actor.has_perm("courses.assign_course"):
        raise PermissionDenied(CANNOT_ASSIGN)
    if not course.live:
        raise ValidationError(COURSE_NOT_AVAILABLE)
    today = timezone.localdate()
    if due_in_days is not None:
        due_date = today + timedelta(days=due_in_days)
    if due_date is not None and due_date < today:
        raise ValidationError(DUE_DATE_IN_THE_PAST)
    counts = {"assigned": 0, "restored": 0, "updated": 0}
    users = list(users)
    existing = {
        e.user_id: e
        for e in Enrollment.objects.select_for_update().filter(
            course=course, user__in=users
        )
    }
    manual = Enrollment.Source.MANUAL
    for user in users:
        enrollment = existing.get(user.pk)
        assignment = {"source": manual, "actor": actor, "due": due_date}
        if enrollment is None:
            _enrollment_set(
                Enrollment(user=user, course=course),
                **assignment,
                reason=reason,
                change="assign",
                action="lms.enrollment.assign",
            )
            counts["assigned"] += 1
        elif enrollment.removed_at is not None:
            _restore(enrollment=enrollment, **assignment, reason=reason)
            counts["restored"] += 1
        else:
            previous = enrollment.due_date
            _enrollment_set(
                enrollment,
                **assignment,
                reason=reason,
                change="update",
                action="lms.enrollment.assign",
                previous_due_date=previous.isoformat() if previous else None,
            )
            counts["updated"] += 1
    return counts


@transaction.atomic
def enrollment_remove(
    *, enrollment: Enrollment, actor: User, reason: str = ""
) -> Enrollment:
    """Withdraw an assignment. The row, its completions, attempts and
    certificates stay: they are the learner's training record."""
    if not actor.has_perm("courses.assign_course"):
        raise PermissionDenied(CANNOT_ASSIGN)
    return _withdraw(enrollment=enrollment, actor=actor, reason=reason)


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, reason: str) -> Enrollment:
    """The daily job's withdrawal, with no person acting: a refresher left
    unfinished when its certification lapsed and onboarding was assigned again.
    It can no longer renew anything; left open it would stay on the learner's
    list, and in HR's overdue figures, for ever."""
    return _withdraw(enrollment=enrollment, actor=None, reason=reason)


def _withdraw(*, enrollment: Enrollment, actor: User | None, reason: str):
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.removed_at is not None:
        return enrollment
    enrollment.removed_at = timezone.now()
    enrollment.removed_by = actor
    enrollment.full_clean()
    enrollment.save(update_fields=["removed_at", "removed_by"])
    _announce(enrollment, "remove")
    log(
        instance=enrollment,
        action="lms.enrollment.remove",
        user=actor,
        data=_audit_data(enrollment, removal_reason=reason),
    )
    return enrollment


def rule_due_date(*, rule: AssignmentRule, user: User, today: date) -> date:
    """Hire date plus the rule's days; but someone hired long before the rule
    existed cannot be overdue on the day they are assigned, so then the days
    count from today."""
    if user.hire_date is not None:
        due = user.hire_date + timedelta(days=rule.due_days)
        if due >= today:
            return due
    return today + timedelta(days=rule.due_days)


def _rule_candidates(*, rule: AssignmentRule, today: date, users):
    people = User.objects.filter(is_active=True)
    if users is not None:
        people = people.filter(pk__in=[u.pk for u in users])
    if rule.department_id:
        people = people.filter(department_id=rule.department_id)
    if rule.role_id:
        people = people.filter(groups=rule.role_id)
    if rule.hired_within_days is not None:
        people = people.filter(
            hire_date__gte=today - timedelta(days=rule.hired_within_days),
            hire_date__lte=today,
        )
    # Anyone with an enrolment row, removed ones included, is left alone: a
    # rule never overrides HR's removal or an earlier assignment.
    return people.exclude(enrollments__course_id=rule.course_id).distinct()


@transaction.atomic
def assignment_rules_apply(
    *, today: date | None = None, users: Iterable[User] | None = None
) -> list[Enrollment]:
    """Assign every live course to the people its rules match and who have no
    enrolment in it yet. Idempotent: running it again assigns nobody twice.

    `users` limits the run to those people (new or imported accounts); without
    it every active person is matched (the daily command). Returns the
    enrolments created, which the daily job records one by one."""
    today = today or timezone.localdate()
    users = list(users) if users is not None else None
    created_enrollments: list[Enrollment] = []
    if users == []:
        return created_enrollments
    rules = (
        # Rules of the originals only: a translated course is not a second
        # course to assign (its copied rules are never applied).
        AssignmentRule.objects.filter(
            course__live=True, course__locale__language_code=settings.LANGUAGE_CODE
        )
        .select_related("course", "department", "role")
        .order_by("course__path", "sort_order")
    )
    for rule in rules:
        reason = str(rule.describe())
        for user in _rule_candidates(rule=rule, today=today, users=users):
            enrollment, created = Enrollment.objects.get_or_create(
                user=user,
                course=rule.course,
                defaults={
                    "source": Enrollment.Source.RULE,
                    "rule": rule,
                    "reason": reason,
                    "due_date": rule_due_date(rule=rule, user=user, today=today),
                },
            )
            if created:
                _announce(enrollment, "assign")
                log(
                    instance=enrollment,
                    action="lms.enrollment.assign",
                    user=None,
                    data=_audit_data(enrollment, rule=rule.pk),
                )
                created_enrollments.append(enrollment)
    return created_enrollments


def _locked_enrollment(*, user: User, course: CoursePage) -> Enrollment:
    # The row lock serialises concurrent writes for one learner in one course
    # (double clicks, two tabs), so completion and issuing happen once.
    try:
        # The prerequisite flag rides on the lock, for the progress read next.
        enrollment = selectors.with_prerequisite_flag(
            Enrollment.objects.select_for_update()
        ).get(user=user, course=course, removed_at__isnull=True)
    except Enrollment.DoesNotExist:
        raise PermissionDenied(NOT_ENROLLED) from None
    # Both were read already; the audit entry's label names them.
    enrollment.user, enrollment.course = user, course
    return enrollment


@transaction.atomic
def module_complete(*, user: User, module: ModulePage) -> ModuleCompletion:
    """Record the module done. The completion carries `progress`: the
    enrolment's progress with the module done (its course, whether the quiz
    has opened), worked out under the lock from the progress read for the
    check, so that the request that completes it need not read it again. It
    lists no requirement of the apps above (`enrollment_progress`)."""
    if not module.live:
        raise ValidationError(MODULE_NOT_AVAILABLE)
    course = selectors.course_of_module(module=module)
    enrollment = _locked_enrollment(user=user, course=course)
    # Locks, modules done and the quiz's state: no requirement changes them.
    progress = selectors.enrollment_progress(enrollment=enrollment, requirements=False)
    lock = progress.module_lock(module.pk)
    if lock is not None:
        raise PermissionDenied(lock.message)
    if module.pk in progress.done_module_ids:  # done already: nothing to ask
        completion = ModuleCompletion.objects.get(
            enrollment=enrollment, module=module, cycle=enrollment.cycle
        )
        completion.progress = progress
        return completion
    _check_knowledge_checks_answered(enrollment=enrollment, module=module)
    # This service is the only writer of completions and holds the enrolment's
    # lock, and the progress just read under it says the row is not there: a
    # plain insert (the unique constraint stays the last word).
    completion = ModuleCompletion.objects.create(
        enrollment=enrollment, module=module, cycle=enrollment.cycle
    )
    log(
        instance=enrollment,
        action="lms.module.complete",
        user=user,
        data={"course": course.title, "module": module.title},
    )
    signals.module_completed.send_on_commit(
        sender="courses", enrollment=enrollment, module=module
    )
    _announce(enrollment, "progress")
    # Only a passed final quiz lets a completion finish the course, and the
    # progress read above, under the lock, already says whether it was.
    if progress.quiz_state == selectors.QuizState.PASSED:
        enrollment_try_complete(enrollment=enrollment)
    completion.progress = progress.with_module_done(module.pk)
    return completion


def _check_knowledge_checks_answered(*, enrollment: Enrollment, module: ModulePage):
    answered = selectors.knowledge_answers(enrollment=enrollment, module=module)
    if any(
        block_id not in answered
        for block_id in selectors.block_ids(module=module, block_type="knowledge_check")
    ):
        raise ValidationError(KNOWLEDGE_CHECKS_PENDING, code="knowledge_checks")
    if not selectors.scenarios_finished(enrollment=enrollment, module=module):
        raise ValidationError(SCENARIOS_PENDING, code="knowledge_checks")
    if not selectors.scorm_satisfied(enrollment=enrollment, module=module):
        raise ValidationError(SCORM_PENDING, code="knowledge_checks")


def _open_module(*, user: User, module: ModulePage) -> Enrollment:
    """The learner's enrolment, locked, when the module is live and open to
    them. A locked module's checks and scenarios are locked content too (their
    feedback teaches)."""
    if not module.live:
        raise ValidationError(MODULE_NOT_AVAILABLE)
    course = selectors.course_of_module(module=module)
    enrollment = _locked_enrollment(user=user, course=course)
    lock = selectors.enrollment_progress(
        enrollment=enrollment, requirements=False
    ).module_lock(module.pk)
    if lock is not None:
        raise PermissionDenied(lock.message)
    return enrollment


@transaction.atomic
def knowledge_check_answer(
    *, user: User, module: ModulePage, block_id: str, option_index: int
) -> KnowledgeCheckResponse:
    """Record the learner's answer to an inline knowledge check. Ungraded: a new
    answer replaces the previous one, and any answer counts for completion."""
    enrollment = _open_module(user=user, module=module)
    block = selectors.body_block(
        block_type="knowledge_check", module=module, block_id=block_id
    )
    if block is None:
        raise ValidationError(KNOWLEDGE_CHECK_NOT_FOUND)
    options = list(block.value["options"])
    if not 0 <= option_index < len(options):
        raise ValidationError(KNOWLEDGE_CHECK_NO_OPTION)
    response = KnowledgeCheckResponse.objects.filter(
        enrollment=enrollment, module=module, block_id=block_id
    ).first() or KnowledgeCheckResponse(
        enrollment=enrollment, module=module, block_id=block_id
    )
    first = response.pk is None
    response.option_index = option_index
    response.is_correct = bool(options[option_index]["correct"])
    response.full_clean()
    response.save()
    if first:
        _announce(enrollment, "progress")  # a module begun starts the course
    return response


def _scenario_graph(*, module: ModulePage, block_id: str) -> dict:
    block = selectors.body_block(
        block_type="scenario", module=module, block_id=block_id
    )
    if block is None:
        raise ValidationError(SCENARIO_NOT_FOUND)
    return scenarios.graph_from_value(block.value)


@transaction.atomic
def scenario_choose(
    *,
    user: User,
    module: ModulePage,
    block_id: str,
    step_key: str,
    choice_index: int,
) -> ScenarioRun:
    """Record the learner's reply at one step of a scenario of a module.

    Replies are final, as in a real conversation: only the step the learner's
    latest run is waiting at takes a reply (a page left open in another tab
    gets SCENARIO_MOVED_ON). A reply on the first step after the run ended, or
    after the trainer changed the scenario, starts a new run; earlier runs stay
    for the trainers' summary.
    """
    enrollment = _open_module(user=user, module=module)
    graph = _scenario_graph(module=module, block_id=block_id)
    run = selectors.scenario_runs(enrollment=enrollment, module=module).get(block_id)
    walk = scenarios.walk(graph, run.path) if run is not None else None
    if walk is None or walk.current is None:
        # Nothing under way: a reply to the opening line starts a run.
        if step_key != graph["steps"][0]["key"]:
            raise ValidationError(SCENARIO_MOVED_ON)
        run = ScenarioRun(enrollment=enrollment, module=module, block_id=block_id)
        walk = scenarios.walk(graph, [])
        _announce(enrollment, "progress")  # a module begun starts the course
    if walk.current["key"] != step_key:
        raise ValidationError(SCENARIO_MOVED_ON)
    if not 0 <= choice_index < len(walk.current["choices"]):
        raise ValidationError(SCENARIO_NO_CHOICE)
    run.path = [*run.path, [step_key, choice_index]]
    ending = walk.current["choices"][choice_index]["ending"]
    if ending:
        run.ending = ending
        run.finished_at = timezone.now()
    run.full_clean()
    run.save()
    return run


@transaction.atomic
def scenario_restart(*, user: User, module: ModulePage, block_id: str) -> ScenarioRun:
    """Start a scenario again: a new, empty run (a run not yet begun is reused)."""
    enrollment = _open_module(user=user, module=module)
    _scenario_graph(module=module, block_id=block_id)
    run = selectors.scenario_runs(enrollment=enrollment, module=module).get(block_id)
    if run is not None and not run.path:
        return run
    run = ScenarioRun(enrollment=enrollment, module=module, block_id=block_id)
    run.full_clean()
    run.save()
    return run


@transaction.atomic
def scorm_commit(
    *, user: User, module: ModulePage, block_id: str, payload: dict
) -> tuple[ScormRecord, bool]:
    """Store what a module's SCORM package committed for the learner (their
    own enrolment, current cycle), and complete the module through
    `module_complete` once the package reports what the block asks (completed
    or passed) and the rest of the module is done. Returns the record and
    whether the module is now complete.

    Only the elements of `scorm.runtime.TRACKED` are kept, merged over what was
    stored; meeting the requirement is recorded once and never undone by a
    later commit (a package that resets its status on relaunch)."""
    enrollment = _open_module(user=user, module=module)
    block = selectors.body_block(block_type="scorm", module=module, block_id=block_id)
    if block is None or block.value.get("package") is None:
        raise ValidationError(SCORM_NOT_FOUND)
    package = block.value["package"]
    record = ScormRecord.objects.filter(
        enrollment=enrollment, module=module, block_id=block_id, cycle=enrollment.cycle
    ).first() or ScormRecord(
        enrollment=enrollment, module=module, block_id=block_id, cycle=enrollment.cycle
    )
    if record.pk is None:
        _announce(enrollment, "progress")  # a module begun starts the course
    if record.package_id not in (None, package.pk):
        # The trainer chose another package: its data means nothing to this one.
        record.data, record.satisfied_at = {}, None
    record.package = package
    record.data = {
        **record.data,
        **runtime.tracked_values(package.version, payload),
    }
    state = runtime.summary(package.version, record.data)
    record.completion_status = state.completion
    record.success_status = state.success
    record.score = state.score
    record.commits += 1
    newly_satisfied = record.satisfied_at is None and runtime.satisfies(
        package.version, record.data, block.value["completion"]
    )
    if newly_satisfied:
        record.satisfied_at = timezone.now()
    record.full_clean()
    record.save()
    if newly_satisfied:
        log(
            instance=enrollment,
            action="lms.scorm.progress",
            user=user,
            data={
                "course": enrollment.course.title,
                "module": module.title,
                "package": package.title,
                "requirement": block.value["completion"],
                "completion_status": state.completion,
                "success_status": state.success,
                "score": state.score,
            },
        )
    done = False
    if record.satisfied_at is not None:
        try:
            with transaction.atomic():
                module_complete(user=user, module=module)
            done = True
        except ValidationError as error:
            # Other parts of the module are still to do: the learner finishes
            # them and marks the module complete as usual.
            if error.code != "knowledge_checks":
                raise
    return record, done


def _quiz_gate(*, user: User, course: CoursePage) -> Enrollment:
    enrollment = _locked_enrollment(user=user, course=course)
    state = selectors.enrollment_progress(
        enrollment=enrollment, requirements=False
    ).quiz_state
    if state == selectors.QuizState.MISSING:
        raise ValidationError(QUIZ_MISSING)
    if state == selectors.QuizState.LOCKED:
        raise PermissionDenied(QUIZ_LOCKED)
    if state == selectors.QuizState.PASSED:
        raise ValidationError(ALREADY_CERTIFIED)
    return enrollment


@transaction.atomic
def course_quiz_start(*, user: User, course: CoursePage):
    """Start (or resume) the final quiz once the course's gate lets the learner
    in; the quiz's own rules (attempts, waiting time) are checked by quizzes."""
    enrollment = _quiz_gate(user=user, course=course)
    _announce(enrollment, "progress")  # an attempt starts the course
    return attempt_start(
        user=user,
        quiz=course.quiz,
        course=course,
        since=enrollment.cycle_started_at,
    )


@transaction.atomic
def course_quiz_submit(
    *, user: User, course: CoursePage, attempt, responses: Mapping[int, object] | None
):
    """Grade a final-quiz attempt for a course, then complete the course if the
    attempt passed. The enrolment lock serialises two submits of one attempt;
    the second gets the graded attempt back."""
    enrollment = _locked_enrollment(user=user, course=course)
    attempt = attempt_submit(attempt=attempt, responses=responses)
    if attempt.passed:
        enrollment_try_complete(enrollment=enrollment)
    return attempt


# Within a completion or a submit (always, but for the admin's repair paths):
# no savepoint of its own, whose failure the caller would have to handle.
@transaction.atomic(savepoint=False)
def enrollment_try_complete(*, enrollment: Enrollment):
    """Complete the course and issue its certificate once every live module is
    done, the final quiz has been passed and every requirement the apps above
    add (`signals.completion_requirements`) is met. Safe to call any number of
    times: whichever of them is met last issues the certificate."""
    # Without a passed final quiz there is nothing to complete: asked first, it
    # spares every module completion the whole progress read.
    attempt = selectors.passing_attempt(enrollment=enrollment)
    if attempt is None:
        return None
    progress = selectors.enrollment_progress(enrollment=enrollment)
    if progress.certificate is not None:
        return progress.certificate
    if progress.modules_done < progress.modules_total or progress.pending_requirements:
        return None
    return enrollment_certify(enrollment=enrollment, attempt=attempt)


@transaction.atomic(savepoint=False)
def enrollment_certify(
    *,
    enrollment: Enrollment,
    attempt,
    terms: CertificateTerms | None = None,
    revision=None,
):
    """Issue the certificate a passed attempt earns in a course: the one path
    from "quiz passed" to a certificate, for a course completed and for a policy
    review passed alike.

    `terms` (expiry, the certificate renewed) come from whichever app governs
    the course's certificate (`signals.certificate_terms`) unless the caller
    decides them (a policy review keeps the current expiry). `revision` is what
    the certificate attests, when not the course's live revision (a changed
    module). Earlier cycles' certificates the terms do not renew are superseded
    too, so an enrolment keeps one valid certificate."""
    log(
        instance=enrollment,
        action="lms.enrollment.complete",
        user=enrollment.user,
        data={
            "course": enrollment.course.title,
            "score": str(attempt.score),
            "quiz": attempt.quiz_id,
        },
    )
    if terms is None:
        answers = [
            answer
            for _receiver, answer in signals.certificate_terms.send(
                sender="courses", enrollment=enrollment, attempt=attempt
            )
            if answer is not None
        ]
        terms = answers[0] if answers else CertificateTerms()
    _supersede_earlier_cycles(enrollment=enrollment, keep=terms.supersedes)
    certificate = certificate_issue(
        enrollment=enrollment,
        attempt=attempt,
        expires_at=terms.expires_at,
        supersedes=terms.supersedes,
        revision=revision,
        duration_minutes=selectors.course_minutes(course=enrollment.course),
    )
    signals.enrollment_completed.send_on_commit(
        sender="courses",
        enrollment=enrollment,
        certificate=certificate,
        attempt=attempt,
    )
    return certificate


def _supersede_earlier_cycles(*, enrollment: Enrollment, keep) -> None:
    """A restarted enrolment may still hold the valid certificate of an earlier
    cycle that the renewal terms do not replace (it no longer counted for the
    certification): the new one supersedes it too, so the enrolment keeps one
    valid certificate."""
    if enrollment.cycle_started_at is None:
        return
    stale = Certificate.objects.filter(
        enrollment=enrollment,
        status=Certificate.Status.VALID,
        issued_at__lt=enrollment.cycle_started_at,
    )
    if keep is not None:
        stale = stale.exclude(pk=keep.pk)
    for certificate in stale:
        certificate_supersede(
            certificate=certificate,
            user=enrollment.user,
            reason=str(CYCLE_RENEWED),
        )


@transaction.atomic
def enrollment_restart(
    *,
    enrollment: Enrollment,
    due_date: date | None,
    actor: User | None,
    reason: str,
    source: str | None = None,
) -> Enrollment:
    """Start a new cycle of a completed enrolment: a renewal (or onboarding
    required again) taken through the same course.

    The row stays the same; progress, the quiz, its attempt limits and "already
    passed" count only what happens from now on. Earlier completions, attempts
    and certificates stay as history; the current certificate stays valid until
    the new cycle's certificate supersedes it. A removed enrolment is restored.
    Refused while the current cycle is not complete.

    `source`: how the new cycle was assigned (a certification's renewal says
    so, `Source.RENEWAL`, which is what withdrawing it takes back); by default
    an assignment keeps its origin and a self-enrolment becomes manual (an
    actor) or a rule's."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.pk not in selectors.cycle_completed_ids(enrollments=[enrollment]):
        raise ValidationError(CYCLE_NOT_COMPLETE)
    previous = enrollment.due_date
    enrollment.cycle += 1
    enrollment.cycle_started_at = timezone.now()
    enrollment.due_date = due_date
    enrollment.reason = reason
    enrollment.enrolled_by = actor
    if source is not None:
        enrollment.source = source
    elif enrollment.source == Enrollment.Source.SELF:
        enrollment.source = (
            Enrollment.Source.MANUAL if actor is not None else Enrollment.Source.RULE
        )
    enrollment.removed_at = None
    enrollment.removed_by = None
    enrollment.full_clean()
    # "cycle" among the fields tells the receivers a new cycle began (the
    # assignment e-mail goes out again).
    enrollment.save(
        update_fields=[
            "cycle",
            "cycle_started_at",
            "due_date",
            "reason",
            "enrolled_by",
            "source",
            "removed_at",
            "removed_by",
        ]
    )
    _announce(enrollment, "restart")
    log(
        instance=enrollment,
        action="lms.enrollment.restart",
        user=actor,
        data=_audit_data(
            enrollment,
            cycle=enrollment.cycle,
            previous_due_date=previous.isoformat() if previous else None,
        ),
    )
    return enrollment
