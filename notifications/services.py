"""Sending e-mails and in-app notifications, once per reason and day.

Every e-mail is first recorded (the unique constraint on person, reason and day
is the guarantee against duplicates, whatever runs twice), then delivered by a
task; a failed delivery stays recorded and is retried by the daily job.
"""

import logging
import mimetypes
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict, Unpack

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from content.translation import present_for
from lms.words import date_in_words

from .defaults import DEFAULTS
from .models import EmailRecord, EmailTemplate, Kind, Notification, fill_placeholders

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def reminder_offsets() -> list[int]:
    return sorted(getattr(settings, "LMS_REMINDER_OFFSETS", (30, 7, 1)))


def absolute_url(path: str) -> str:
    """The address of a path of the site, for e-mails (in-app notices keep the
    path itself, so they follow whatever host the site is served on)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def _texts(kind: str, language: str) -> tuple[str, str]:
    # The live version only: a draft waits for a lead trainer's approval.
    template = EmailTemplate.objects.filter(kind=kind, live=True).first()
    suffix = "en" if language == "en" else "it"
    if template is not None:
        return getattr(template, f"subject_{suffix}"), getattr(
            template, f"body_{suffix}"
        )
    default = DEFAULTS[kind]
    return default[f"subject_{suffix}"], default[f"body_{suffix}"]


def _site_path(link: str) -> str:
    """The path of a link to this site: notices never name a host."""
    base = settings.SITE_URL.rstrip("/")
    if link.startswith(base + "/"):
        return link[len(base) :]
    return link


def _long_date(day: date | None) -> str:
    """A due date as a sentence says it, in the active language ("entro il
    31 marzo 2026")."""
    if day is None:
        return "-"
    return date_in_words(day, "j F Y")


def _days(delta) -> str:
    """The days left with their noun, in the recipient's language ("1 giorno",
    "3 giorni"): a template says "scade tra {days}", so it reads right for one
    day too."""
    n = delta.days
    return ngettext("%(n)s giorno", "%(n)s giorni", n) % {"n": n}


class Message(TypedDict, total=False):
    """What a message says beyond its kind: the template's placeholders."""

    course: object  # a CoursePage, a policy review's ModulePage
    due_date: date | None
    items: str
    code: str
    note: str
    link: str | None  # a path of the site; the course's page by default
    # When a session is, in the recipient's language, as it reads after a
    # colon ("lunedì 7 dicembre 2026, 09:30–12:30"): the notice's line
    # "Quando: …"; a moved session's new date and time, "Ora è: …" (the
    # e-mail gives them in `items`).
    when: str
    # Where a session is: its place ("Dove: …") and the video call's link,
    # each on a line of its own under the date; empty when it has none (or
    # when the person is no longer expected there: no link after a call-off).
    place: str
    video_link: str


def notification_compose(
    *, user, kind: str, today: date, **message: Unpack[Message]
) -> tuple[str, str, str]:
    """The subject, body and link `notification_send` would send this person,
    in their language (the course too, where it is translated): also what a
    preview shows before anything is sent."""
    return _compose(
        user=user, kind=kind, today=today, **_in_their_language([message], [user])[0]
    )


def _in_their_language(messages: list[dict], users: list) -> list[dict]:
    """The messages with the course (or module) each names as its recipient
    reads it: the page's translation in their language where it has one, asked
    once for the whole list."""
    courses = present_for([m.get("course") for m in messages], users)
    return [
        {**m, "course": course} if m.get("course") is not course else m
        for m, course in zip(messages, courses, strict=True)
    ]


def _compose(
    *, user, kind: str, today: date, **message: Unpack[Message]
) -> tuple[str, str, str]:
    language = user.preferred_language or "it"
    course = message.get("course")
    due_date = message.get("due_date")
    link = message.get("link")
    if link is None:
        link = course.get_url() if course is not None else "/"
    with translation.override(language):
        values = {
            "name": user.first_name or user.full_name,
            "course": course.title if course is not None else "",
            "due_date": _long_date(due_date),
            "days": _days(due_date - today) if due_date else "",
            "link": absolute_url(link),
            "items": message.get("items", ""),
            "code": message.get("code", ""),
            "note": message.get("note", ""),
        }
    subject_text, body_text = _texts(kind, language)
    subject = fill_placeholders(subject_text, values).replace("\n", " ")
    return subject, fill_placeholders(body_text, values), link


NOTICE_DUE = _("Da completare entro il {due_date}.")
NOTICE_WAS_DUE = _("Era da completare entro il {due_date}.")
NOTICE_CODE = _("Codice di verifica: {code}.")
# The words of the session_moved e-mail: "Ora è: …", "Prima era: …" (no full
# stop: the place may be a link).
NOTICE_MOVED_TO = _("Ora è: {when}")
NOTICE_MOVED_FROM = _("Prima era: {note}")
# Every other notice of a session: the date the person's seat (or call-off,
# or reminder) is about.
NOTICE_WHEN = _("Quando: {when}")
# Under the date: where the session is, and the link of a virtual one (the
# session card's words).
NOTICE_WHERE = _("Dove: {place}")
NOTICE_LINK = _("Link della videochiamata: {link}")
NOTE_LENGTH = 200


def where_lines(*, place: str = "", video_link: str = "") -> list[str]:
    """A session's place and link as a notice and an e-mail give them, in the
    active language: "Dove: …", then the link, each only when there is one."""
    lines = []
    if place:
        lines.append(NOTICE_WHERE.format(place=place))
    if video_link:
        lines.append(NOTICE_LINK.format(link=video_link))
    return lines


def notice_line(
    *,
    kind: str,
    due_date: str,
    note: str = "",
    code: str = "",
    when: str = "",
    place: str = "",
    video_link: str = "",
) -> str:
    """The lines an in-app notice shows under its title: what the e-mail says
    that matters, without its greeting or the address in full. A session's
    notice says when the session is (`when`, "Quando: …"; a moved one when it
    is now and was before) and where (`place`, `video_link`), so the person
    knows which date it is about, and where to go, without opening the
    e-mail."""
    due = due_date if due_date and due_date != "-" else ""
    if kind == Kind.CERTIFICATE and code:
        return NOTICE_CODE.format(code=code)
    lines = []
    if kind == Kind.SESSION_MOVED:
        if when:
            lines.append(NOTICE_MOVED_TO.format(when=when))
        lines += where_lines(place=place, video_link=video_link)
        if note:
            lines.append(NOTICE_MOVED_FROM.format(note=note))
    elif when:
        lines.append(NOTICE_WHEN.format(when=when))
        lines += where_lines(place=place, video_link=video_link)
    if note and kind in (Kind.POLICY_REVIEW, Kind.POLICY_REMINDER):
        lines.append(Truncator(note).chars(NOTE_LENGTH))
    if due and kind in (Kind.OVERDUE, Kind.POLICY_OVERDUE):
        lines.append(NOTICE_WAS_DUE.format(due_date=due))
    elif due and kind in (
        Kind.ASSIGNMENT,
        Kind.REMINDER,
        Kind.POLICY_REVIEW,
        Kind.POLICY_REMINDER,
    ):
        lines.append(NOTICE_DUE.format(due_date=due))
    return "\n".join(str(line) for line in lines)


class Sending(Message, total=False):
    """A message and the file it carries: a path in the default storage."""

    attachment: str
    attachment_name: str


@transaction.atomic
def notification_send(
    *, user, kind: str, reason_key: str, today: date, **options: Unpack[Sending]
) -> EmailRecord | None:
    """Record and queue one e-mail and its in-app notice, unless one was already
    recorded for this person and reason. Returns None when it was.

    The one way anything reaches a person: whoever owns a notice decides who
    gets it and why (`reason_key`), this records it (once per person, reason
    and day), and the `deliver_email` task sends it, retried by the daily job.
    `link` is a path of the site (the course's page by default): the e-mail
    spells it out in full, the in-app notice keeps the path. `attachment` is
    a file in the default storage, attached when the e-mail goes out. The
    course is named as the person reads it (`notification_compose`)."""
    (options,) = _in_their_language([options], [user])
    return _send(user=user, kind=kind, reason_key=reason_key, today=today, **options)


def _send(
    *, user, kind: str, reason_key: str, today: date, **options: Unpack[Sending]
) -> EmailRecord | None:
    """`notification_send` with the course already in the person's language."""
    if EmailRecord.objects.filter(user=user, reason_key=reason_key).exists():
        return None
    language = user.preferred_language or "it"
    message = {k: v for k, v in options.items() if not k.startswith("attachment")}
    subject, body, link = _compose(user=user, kind=kind, today=today, **message)
    record = EmailRecord(
        user=user,
        to=user.email,
        kind=kind,
        reason_key=reason_key,
        date=today,
        subject=subject[:300],
        body=body,
        language=language,
        attachment=options.get("attachment", ""),
        attachment_name=options.get("attachment_name", ""),
    )
    record.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        return None
    # The notice is the subject, a line and a link; the e-mail's body, with its
    # greeting and the address spelled out, is for e-mail.
    with translation.override(language):
        line = notice_line(
            kind=kind,
            due_date=_long_date(message.get("due_date")),
            note=message.get("note", ""),
            code=message.get("code", ""),
            when=message.get("when", ""),
            place=message.get("place", ""),
            video_link=message.get("video_link", ""),
        )
    notice_create(
        user=user, kind=kind, title=subject, url=link, reason_key=reason_key, body=line
    )
    from .tasks import deliver_email

    transaction.on_commit(lambda: deliver_email.enqueue(record.pk))
    return record


def email_deliver(*, record: EmailRecord) -> EmailRecord:
    if record.outcome == EmailRecord.Outcome.SENT:
        return record
    html = render_to_string(
        "notifications/email.html",
        {"subject": record.subject, "body": record.body, "language": record.language},
    )
    message = EmailMultiAlternatives(
        subject=record.subject,
        body=record.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[record.to],
    )
    message.attach_alternative(html, "text/html")
    if record.attachment:
        with default_storage.open(record.attachment, "rb") as attached:
            message.attach(
                record.attachment_name or record.attachment.rsplit("/", 1)[-1],
                attached.read(),
                mimetypes.guess_type(record.attachment)[0]
                or "application/octet-stream",
            )
    record.attempts += 1
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("E-mail %s not delivered: %s", record.pk, error)
        record.outcome = EmailRecord.Outcome.FAILED
        record.error = str(error)[:500]
    else:
        record.outcome = EmailRecord.Outcome.SENT
        record.sent_at = timezone.now()
        record.error = ""
    record.save(update_fields=["attempts", "outcome", "error", "sent_at"])
    return record


def emails_retry() -> int:
    """Queue again the failed e-mails that have attempts left."""
    from .tasks import deliver_email

    failed = list(
        EmailRecord.objects.filter(
            outcome=EmailRecord.Outcome.FAILED, attempts__lt=MAX_ATTEMPTS
        ).values_list("pk", flat=True)
    )
    for pk in failed:
        deliver_email.enqueue(pk)
    return len(failed)


@dataclass(frozen=True)
class Candidate:
    """One notice an owner app wants sent, with its reason key: the keyword
    arguments of `notification_send` but `today`."""

    user: object
    kind: str
    reason_key: str
    options: dict = field(default_factory=dict)


def notifications_send_many(*, candidates: Iterable[Candidate], today: date) -> list:
    """Send each candidate whose reason has no record yet: one query finds the
    ones already sent, then `notification_send` records and queues the rest (its
    unique constraint stays the guarantee when two runs race). The owners of
    reminders (courses, certifications) select the candidates; this is the one
    loop that sends them."""
    candidates = list(candidates)
    # A reason is sent once per person: the same key (a policy review's
    # reminder) goes to everyone it concerns.
    sent = set(
        EmailRecord.objects.filter(
            reason_key__in={c.reason_key for c in candidates}
        ).values_list("user_id", "reason_key")
    )
    due = []
    for candidate in candidates:
        key = (candidate.user.pk, candidate.reason_key)
        if key not in sent:
            sent.add(key)
            due.append(candidate)
    # Each course in its recipient's language, asked once for the whole list.
    messages = _in_their_language([c.options for c in due], [c.user for c in due])
    records = []
    for candidate, options in zip(due, messages, strict=True):
        record = _send(
            user=candidate.user,
            kind=candidate.kind,
            reason_key=candidate.reason_key,
            today=today,
            **options,
        )
        if record is not None:
            records.append(record)
    return records


@transaction.atomic
def notice_create(
    *, user, kind: str, title: str, url: str, reason_key: str, body: str = ""
) -> Notification | None:
    """An in-app notice with no e-mail (a failed quiz: the learner has just
    seen the result; the notice keeps the way back to it). Once per person and
    reason. `url` is a path of the site."""
    if Notification.objects.filter(user=user, reason_key=reason_key).exists():
        return None
    return Notification.objects.create(
        user=user,
        kind=kind,
        title=title[:300],
        body=body,
        url=_site_path(url),
        reason_key=reason_key,
    )


@transaction.atomic
def notifications_mark_done(
    *, user_id: int, reason_keys: Iterable[str] = (), prefixes: Iterable[str] = ()
) -> int:
    """Mark read the person's unread notices whose task is done: the owner app
    names them by reason key, exactly or by a prefix ("reminder:12:")."""
    query = Q(reason_key__in=list(reason_keys))
    for prefix in prefixes:
        query |= Q(reason_key__startswith=prefix)
    return Notification.objects.filter(
        query, user_id=user_id, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def notifications_mark_read(*, user, notification_id: int | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
