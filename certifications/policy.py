"""Recertification after a material change of policy.

A trainer marks a published module revision as a material change; whoever was
certified before it must re-read the module (with the note and a comparison of
the two texts) and pass the course quiz again by the due date. Passing issues a
new certificate that attests the new revision and keeps the old expiry.
"""

import difflib
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from courses.models import ModulePage
from courses.selectors import course_of_module
from courses.services import enrollment_certify
from courses.signals import CertificateTerms
from lms.audit import log
from quizzes.services import attempt_start, attempt_submit

from . import derivation, selectors
from .models import Certification, CertificationStatus, PolicyChange
from .services import certification_status_sync
from .signals import policy_change_published

NOT_ALLOWED = _(
    "Non hai il permesso di segnalare modifiche di policy per questa pagina."
)
NOT_PUBLISHED = _("Il modulo deve essere pubblicato prima di segnalare la modifica.")
NO_PREVIOUS = _("Il modulo non ha una revisione pubblicata precedente da confrontare.")
NO_CERTIFICATION = _("Il corso di questo modulo non conferisce alcuna certificazione.")
NOT_CONCERNED = _("Questa modifica di policy non ti riguarda.")
NO_QUIZ = _("Il corso non ha un quiz finale: chiedi al formatore di aggiungerlo.")
REVIEW_PASSED = _(
    "Hai superato il quiz: il nuovo certificato attesta la policy aggiornata."
)
REVIEW_FAILED = _(
    "Non hai raggiunto il punteggio minimo: rileggi le modifiche e riprova."
)


def can_mark(*, user, module) -> bool:
    return user.has_perm("certifications.add_policychange") and bool(
        module.permissions_for_user(user).can_publish()
    )


def module_plain_text(page) -> str:
    return " ".join(strip_tags(page.body.render_as_block()).split())


@dataclass
class DiffPart:
    kind: str  # "equal", "insert" or "delete"
    text: str


def text_diff(old: str, new: str) -> list[DiffPart]:
    """Word-level comparison of two plain texts."""
    a, b = old.split(), new.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b).get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("equal", " ".join(a[i1:i2])))
        if tag in ("delete", "replace"):
            parts.append(DiffPart("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(DiffPart("insert", " ".join(b[j1:j2])))
    return parts


def change_diff(change: PolicyChange) -> list[DiffPart]:
    new = module_plain_text(change.revision.as_object())
    old = (
        module_plain_text(change.previous_revision.as_object())
        if change.previous_revision
        else ""
    )
    return text_diff(old, new)


def _previous_published_revision(module):
    # The revision that was live before the current one: the latest earlier
    # revision that Wagtail's log records as published.
    from wagtail.models import PageLogEntry

    published = (
        PageLogEntry.objects.filter(page=module, action="wagtail.publish")
        .exclude(revision=module.live_revision)
        .exclude(revision__isnull=True)
        .filter(revision__created_at__lt=module.live_revision.created_at)
        .order_by("-revision__created_at")
        .select_related("revision")
        .first()
    )
    return published.revision if published else None


@transaction.atomic
def policy_change_mark(
    *, module, note: str, due_days: int, user, quiz=None
) -> list[PolicyChange]:
    module = ModulePage.objects.get(pk=module.pk)  # the published state, not a copy
    if not can_mark(user=user, module=module):
        raise PermissionDenied(NOT_ALLOWED)
    if not module.live or module.live_revision is None:
        raise ValidationError(NOT_PUBLISHED)
    previous = _previous_published_revision(module)
    if previous is None:
        raise ValidationError(NO_PREVIOUS)
    course = course_of_module(module=module)
    certifications = list(
        Certification.objects.filter(
            Q(onboarding_courses=course) | Q(refresher_courses=course)
        ).distinct()
    )
    if not certifications:
        raise ValidationError(NO_CERTIFICATION)
    due_date = timezone.localdate() + timedelta(days=due_days)
    changes = []
    for certification in certifications:
        change = PolicyChange(
            certification=certification,
            module=module,
            revision=module.live_revision,
            previous_revision=previous,
            note=note,
            quiz=quiz,
            due_date=due_date,
            created_by=user,
        )
        change.full_clean()
        change.save()
        log(
            instance=module,
            action="lms.policy_change.mark",
            user=user,
            data={
                "certification": certification.name,
                "note": note,
                "due_date": due_date.isoformat(),
                "revision": module.live_revision.pk,
                "quiz": quiz.title if quiz else None,
            },
        )
        changes.append(change)
    # The statuses first (the review shortens the validity), then the news.
    for change in changes:
        transaction.on_commit(
            lambda change=change: certification_status_sync(
                today=timezone.localdate(), certification=change.certification
            ),
            robust=True,
        )
    transaction.on_commit(
        lambda: policy_change_published.send(sender="certifications", changes=changes),
        robust=True,
    )
    return changes


def change_url(change: PolicyChange) -> str:
    from django.urls import reverse

    return reverse("certifications:policy_review", args=[change.pk])


def concerned_statuses(*, change: PolicyChange):
    """Who must recertify: certified before the change, not yet after it."""
    return CertificationStatus.objects.filter(
        certification=change.certification,
        certificate__issued_at__lt=change.created_at,
        certificate__status__in=["valid", "expired"],
    ).select_related("user", "certificate")


def concerns(*, change: PolicyChange, user) -> bool:
    plan = selectors.certification_plans(certification=change.certification)[0]
    certificates, _e = selectors.history(user_ids=[user.pk], course_ids=plan.course_ids)
    current = derivation.current_certificate(plan.requirement, certificates[user.pk])
    return (
        current is not None
        and current.issued_at < change.created_at
        and (current.expires_at is None or current.expires_at >= timezone.localdate())
    )


@transaction.atomic
def policy_review_start(*, user, change: PolicyChange):
    """Start (or resume) the review quiz: the course's final quiz, through the
    quiz engine, so attempt limits, time limits and snapshots all apply."""
    if not concerns(change=change, user=user):
        raise PermissionDenied(NOT_CONCERNED)
    course = course_of_module(module=change.module)
    quiz = review_quiz(change=change, course=course)
    if quiz is None:
        raise ValidationError(NO_QUIZ)
    return attempt_start(user=user, quiz=quiz, course=course)


def review_quiz(*, change: PolicyChange, course):
    """The change's own short quiz when the trainer chose one, else the course's."""
    return change.quiz or course.quiz


@transaction.atomic
def policy_review_submit(*, user, change: PolicyChange, attempt, responses=None):
    """Grade the review quiz; passing issues the certificate for the new text,
    superseding the current one and keeping its expiry, through the same path as
    a course completed (`courses.services.enrollment_certify`)."""
    if not concerns(change=change, user=user):
        raise PermissionDenied(NOT_CONCERNED)
    if attempt.user_id != user.pk:
        raise PermissionDenied(NOT_CONCERNED)
    attempt = attempt_submit(attempt=attempt, responses=responses)
    if not attempt.passed:
        return attempt, None
    plan = selectors.certification_plans(certification=change.certification)[0]
    certificates, _e = selectors.history(user_ids=[user.pk], course_ids=plan.course_ids)
    fact = derivation.current_certificate(plan.requirement, certificates[user.pk])
    current = Certificate.objects.select_for_update().get(pk=fact.id)
    certificate = enrollment_certify(
        enrollment=current.enrollment,
        attempt=attempt,
        terms=CertificateTerms(expires_at=current.expires_at, supersedes=current),
        revision=change.revision,
    )
    return attempt, certificate
