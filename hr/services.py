"""HR's actions across the domain apps: reminders a team leader or HR sends."""

from datetime import date

from django.db import transaction

from lms.audit import log
from notifications.models import Kind
from notifications.services import Candidate, notifications_send_many
from people.models import User


def reminder_reason(today: date) -> str:
    """The reason key of a reminder: one per person a day, whoever sends it."""
    return f"sollecito:{today.isoformat()}"


def reminder_options(row) -> dict:
    """What a reminder about this overdue status row says and links to: the
    live course that earns the certification, else the person's training page."""
    courses = sorted(row.certification.onboarding_courses.all(), key=lambda c: c.path)
    course = next((c for c in courses if c.live), None)
    return {
        "course": course,
        "due_date": row.due_date,
        "link": None if course is not None else "/la-mia-formazione/",
    }


def reminder_candidates(rows, *, today: date) -> list[Candidate]:
    return [
        Candidate(
            user=row.user,
            kind=Kind.OVERDUE,
            reason_key=reminder_reason(today),
            options=reminder_options(row),
        )
        for row in rows
    ]


@transaction.atomic
def team_reminders_send(*, sender: User, rows: list, today: date) -> list:
    """Remind each person of these overdue status rows
    (`hr.compliance.overdue_reminders`), at most once a day each: the
    notifications' own rule (`notifications_send_many`, one record per person
    and reason) drops whoever was already reminded today. Each reminder sent is
    audited on the person, with who sent it. Returns the e-mail records sent."""
    records = notifications_send_many(
        candidates=reminder_candidates(rows, today=today), today=today
    )
    certification_of = {row.user_id: row.certification.name for row in rows}
    for record in records:
        log(
            instance=record.user,
            action="lms.person.remind",
            user=sender,
            data={
                "certification": certification_of.get(record.user_id, ""),
                "subject": record.subject,
            },
        )
    return records
