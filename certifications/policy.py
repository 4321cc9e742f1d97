"""Recertification after a material change of policy.

A trainer marks a published module revision as a material change; whoever was
certified before it must re-read the module (with the note and a comparison of
the two texts) and pass the course quiz again by the due date. Passing issues a
new certificate that attests the new revision and keeps the old expiry.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

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
NO_CERTIFICATION = _("Il corso di questo modulo non conferisce alcuna certificazione.")
NOTHING_NEW = _(
    "Dopo la certificazione delle persone interessate non è stata pubblicata "
    "nessuna nuova versione del modulo: pubblica prima il testo modificato, poi "
    "segnala la modifica."
)
NOT_CONCERNED = _("Questa modifica di policy non ti riguarda.")
NO_QUIZ = _("Il corso non ha un quiz finale: chiedi al formatore di aggiungerlo.")
REVIEW_PASSED = _(
    "Hai superato il quiz: il nuovo certificato attesta la policy aggiornata."
)
REVIEW_FAILED = _(
    "Non hai raggiunto il punteggio minimo: rileggi le modifiche e riprova."
)


def certifications_of_module(module) -> list[Certification]:
    """The certifications the module's course grants or renews."""
    course = course_of_module(module=module)
    return list(
        Certification.objects.filter(
            Q(onboarding_courses=course) | Q(refresher_courses=course), live=True
        ).distinct()
    )


def concerned_count(*, module) -> int:
    """How many people a policy change of this module would ask to review it
    now: everyone whose certification it belongs to is currently valid."""
    return (
        CertificationStatus.objects.filter(
            certification__in=certifications_of_module(module),
            certificate__status="valid",
            user__is_active=True,
        )
        .values("user_id")
        .distinct()
        .count()
    )


def can_be_marked_on_approval(obj) -> bool:
    """Whether the approval of this object may also record a policy change: a
    module of a course that grants a certification, published on approval (a
    change scheduled for later is reviewed once live, from the page list)."""
    if isinstance(obj, Page) and not isinstance(obj, ModulePage):
        obj = obj.specific  # the workflow views pass the base Page
    if not isinstance(obj, ModulePage):
        return False
    go_live = getattr(obj, "go_live_at", None)
    if go_live is not None and go_live > timezone.now():
        return False
    return bool(certifications_of_module(obj))


def can_mark(*, user, module) -> bool:
    return user.has_perm("certifications.add_policychange") and bool(
        module.permissions_for_user(user).can_publish()
    )


def module_html(page) -> str:
    """A module revision's body as the learner reads it (block templates
    included; knowledge checks shown without their form)."""
    return str(page.body.render_as_block()) if page.body else ""


def html_diff(old: str, new: str) -> str:
    """A block-by-block comparison that keeps the text's structure (headings,
    lists, paragraphs) and marks what was added and removed with <ins> and
    <del>, each announced to screen readers. lxml's htmldiff does the work;
    both texts are our own rendered blocks, whose rich text Wagtail has
    already cleaned."""
    from lxml import html as lxml_html
    from lxml.html.diff import htmldiff

    if not old and not new:
        return ""
    marked = htmldiff(old or "<p></p>", new or "<p></p>")
    fragment = lxml_html.fragment_fromstring(marked, create_parent="div")
    labels = {"ins": str(ADDED), "del": str(REMOVED)}
    for element in fragment.iter("ins", "del"):
        hidden = lxml_html.Element("span", {"class": "visually-hidden"})
        hidden.text = f"[{labels[element.tag]}: "
        hidden.tail = element.text
        element.text = None
        element.insert(0, hidden)
        closing = lxml_html.Element("span", {"class": "visually-hidden"})
        closing.text = "]"
        element.append(closing)
    return "".join(
        lxml_html.tostring(child, encoding="unicode") for child in fragment
    ) + (fragment.text or "")


ADDED = _("aggiunto")
REMOVED = _("eliminato")


def change_diff(change: PolicyChange) -> str:
    """The old and new text of the changed module, compared (a module new to
    the course is all added)."""
    old = (
        module_html(change.previous_revision.as_object())
        if change.previous_revision
        else ""
    )
    return html_diff(old, module_html(change.revision.as_object()))


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


def _certified_on_the_live_text_only(module, certifications) -> bool:
    """Whether everyone the change would concern was certified once the live
    text was already published: the change compares that text with the one
    before it, which none of them was certified on, so they would review a
    difference they never missed (the whole module, for a module published
    once). A module first published after people were certified (new to the
    course) is a genuine change. Certified in the same instant counts as
    before."""
    certified = CertificationStatus.objects.filter(
        certification__in=certifications,
        certificate__status="valid",
        user__is_active=True,
    )
    return (
        certified.exists()
        and not certified.filter(
            certificate__issued_at__lte=module.last_published_at
        ).exists()
    )


@transaction.atomic
def policy_change_mark(
    *, module, note: str, due_days: int, user, quiz=None
) -> list[PolicyChange]:
    module = ModulePage.objects.get(pk=module.pk)  # the published state, not a copy
    if not can_mark(user=user, module=module):
        raise PermissionDenied(NOT_ALLOWED)
    if not module.live or module.live_revision is None:
        raise ValidationError(NOT_PUBLISHED)
    # None for a module new to the course: its whole text is the change.
    previous = _previous_published_revision(module)
    certifications = certifications_of_module(module)
    if not certifications:
        raise ValidationError(NO_CERTIFICATION)
    if _certified_on_the_live_text_only(module, certifications):
        raise ValidationError(NOTHING_NEW)
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
    policy_change_published.send_on_commit(sender="certifications", changes=changes)
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
    """Whether the review is still to be done by this person: their current
    certificate was issued before the change and is still valid."""
    return review_state(change=change, user=user) == PENDING


PENDING, DONE = "pending", "done"


def review_state(*, change: PolicyChange, user) -> str | None:
    """ "pending" (certified before the change, not since), "done" (certified
    before it, and again since: the review, or a renewal), or None when the
    change never concerned the person. The review page and every link to it
    keep working after it is done."""
    plan = selectors.certification_plans(certification=change.certification)[0]
    certificates = selectors.certificate_facts(
        user_ids=[user.pk], course_ids=plan.course_ids
    )
    held = [c for c in certificates[user.pk] if not c.revoked]
    if not any(c.issued_at < change.created_at for c in held):
        return None
    current = derivation.current_certificate(plan.requirement, held)
    if current is not None and current.issued_at >= change.created_at:
        return DONE
    if current is None or (
        current.expires_at is not None and current.expires_at < timezone.localdate()
    ):
        return None  # lapsed: renewing the certification is what is asked now
    return PENDING


def completed_on(*, change: PolicyChange, user):
    """When the person's review (or the renewal that answered it) was done."""
    plan = selectors.certification_plans(certification=change.certification)[0]
    certificates = selectors.certificate_facts(
        user_ids=[user.pk], course_ids=plan.course_ids
    )
    after = [
        c.issued_at
        for c in certificates[user.pk]
        if not c.revoked and c.issued_at >= change.created_at
    ]
    return min(after) if after else None


@transaction.atomic
def policy_review_start(*, user, change: PolicyChange):
    """Start (or resume) the review quiz through the quiz engine, so attempt
    limits, time limits and snapshots all apply. With no quiz of its own, the
    review asks the course quiz's questions on the changed module's topics (a
    one-sentence change is not a reason to sit the whole final quiz again);
    the whole quiz only when the module names no topic the quiz has."""
    if not concerns(change=change, user=user):
        raise PermissionDenied(NOT_CONCERNED)
    course = course_of_module(module=change.module)
    quiz = review_quiz(change=change, course=course)
    if quiz is None:
        raise ValidationError(NO_QUIZ)
    topics = None
    if change.quiz_id is None:
        topics = frozenset(change.module.topics.values_list("pk", flat=True))
    return attempt_start(
        user=user,
        quiz=quiz,
        course=course,
        purpose=review_purpose(change),
        topics=topics,
    )


def review_purpose(change: PolicyChange) -> str:
    """What a review's attempts are for: they count for this review only."""
    return f"policy:{change.pk}"


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
    certificates = selectors.certificate_facts(
        user_ids=[user.pk], course_ids=plan.course_ids
    )
    fact = derivation.current_certificate(plan.requirement, certificates[user.pk])
    current = Certificate.objects.select_for_update().get(pk=fact.id)
    certificate = enrollment_certify(
        enrollment=current.enrollment,
        attempt=attempt,
        terms=CertificateTerms(expires_at=current.expires_at, supersedes=current),
        revision=change.revision,
    )
    return attempt, certificate
