"""The training-hours register: what each person did, asked of every app that
records training through `courses.signals.training_hours` (courses answers for
its modules; sessions and observations for theirs), summed per person, kind and
course. Nothing is stored: the register is read from the apps' own records, so
it can never disagree with them."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from courses.signals import HoursEntry, training_hours
from people.models import User

from . import compliance

KINDS = {
    "module": _("Modulo"),
    "session": _("Sessione in aula"),
    "observation": _("Osservazione sul lavoro"),
}


def hours_text(minutes: int) -> float:
    """Minutes as hours with two decimals, what registers and spreadsheets show."""
    return round(minutes / 60, 2)


@dataclass
class PersonHours:
    user_id: int
    minutes: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_course: dict[int | None, int] = field(default_factory=dict)
    entries: list[HoursEntry] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return hours_text(self.minutes)

    def kind_rows(self) -> list[tuple[str, str, float]]:
        """(kind, label, hours) for every kind, zeros included, in fixed order."""
        return [
            (kind, str(label), hours_text(self.by_kind.get(kind, 0)))
            for kind, label in KINDS.items()
        ]


@dataclass
class Register:
    start: datetime.date
    end: datetime.date
    people: dict[int, PersonHours]
    course_titles: dict[int, str]

    def course_rows(self, person: PersonHours) -> list[tuple[str, float]]:
        """(course title, hours) of one person, largest first; hours tied to no
        course under "Altro"."""
        rows = [
            (
                self.course_titles.get(course_id, "") if course_id else str(OTHER),
                hours_text(minutes),
            )
            for course_id, minutes in person.by_course.items()
        ]
        return sorted(rows, key=lambda row: (-row[1], row[0]))


OTHER = _("Altro")


def this_year(
    today: datetime.date | None = None,
) -> tuple[datetime.date, datetime.date]:
    """The default period: the calendar year, as funded-training plans count."""
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


PERIOD_BACKWARDS = _("La data di fine viene prima della data di inizio.")
PERIOD_TOO_LONG = _("Il periodo può durare al massimo 10 anni.")


def check_period(start: datetime.date, end: datetime.date) -> None:
    """The register's period, on HR's pages and in the API: ten years at most,
    as a longer one reads every row the company has. Each day's own range is
    the date field's (`lms.forms.DateField`, the API's `Day`)."""
    if end < start:
        raise ValidationError(PERIOD_BACKWARDS)
    if end - start > datetime.timedelta(days=3653):
        raise ValidationError(PERIOD_TOO_LONG)


def hours_people(reader, *, active: bool | None = None) -> list[int] | None:
    """Whose hours `reader` reads, the one rule of the register's page, its
    exports, the API and whose transcript one opens: HR everybody (None), a
    team leader the people whose manager they are; PermissionDenied for
    anyone else. (The compliance export's hours column follows its own rows,
    the active people's certification statuses, for HR and team leader
    alike.)

    Deactivated people are there for both alike: hours a person earned stay
    on record when they leave, so a period's register adds up to the same
    total whoever has left since (a funded-training audit asks about past
    years), and HR and the team leader never show different hours for the
    same person. `active` narrows it when asked (True: only active people,
    False: only deactivated ones)."""
    if compliance.compliance_scope(reader) is None:
        raise PermissionDenied
    people = None
    if not reader.has_perm("people.view_training_status"):
        people = User.objects.filter(manager=reader)
    if active is not None:
        people = (people if people is not None else User.objects.all()).filter(
            is_active=active
        )
    return None if people is None else list(people.values_list("pk", flat=True))


def hours_entries(
    *, user_ids, start: datetime.date, end: datetime.date, course_ids=None
) -> list[HoursEntry]:
    """Every app's entries for these people and this period, sorted by day.
    An answer outside what was asked is dropped, so a careless receiver cannot
    add hours to someone else's register."""
    wanted_users = None if user_ids is None else set(user_ids)
    wanted_courses = None if course_ids is None else set(course_ids)
    entries = []
    for _receiver, answer in training_hours.send(
        sender="hr",
        user_ids=None if wanted_users is None else sorted(wanted_users),
        start=start,
        end=end,
        course_ids=None if wanted_courses is None else sorted(wanted_courses),
    ):
        for entry in answer or ():
            if not isinstance(entry, HoursEntry):
                continue
            if not start <= entry.day <= end:
                continue
            if wanted_users is not None and entry.user_id not in wanted_users:
                continue
            if wanted_courses is not None and entry.course_id not in wanted_courses:
                continue
            entries.append(entry)
    entries.sort(key=lambda e: (e.day, e.user_id, e.kind, e.label))
    return entries


def hours_register(
    *, user_ids, start: datetime.date, end: datetime.date, course_ids=None
) -> Register:
    """Per person (every one of `user_ids`, zeros included): the total and its
    breakdown by kind and by course, with the entries behind it. One query per
    app that answers and one for the course titles, whatever the number of
    people."""
    entries = hours_entries(
        user_ids=user_ids, start=start, end=end, course_ids=course_ids
    )
    people: dict[int, PersonHours] = {}
    for user_id in user_ids or ():
        people[user_id] = PersonHours(user_id=user_id)
    kinds = defaultdict(lambda: defaultdict(int))
    courses = defaultdict(lambda: defaultdict(int))
    for entry in entries:
        person = people.setdefault(entry.user_id, PersonHours(user_id=entry.user_id))
        person.minutes += entry.minutes
        person.entries.append(entry)
        kinds[entry.user_id][entry.kind] += entry.minutes
        courses[entry.user_id][entry.course_id] += entry.minutes
    for user_id, person in people.items():
        person.by_kind = dict(kinds[user_id])
        person.by_course = dict(courses[user_id])
    course_ids_seen = {e.course_id for e in entries if e.course_id}
    titles = (
        dict(
            CoursePage.objects.filter(pk__in=course_ids_seen).values_list("pk", "title")
        )
        if course_ids_seen
        else {}
    )
    return Register(start=start, end=end, people=people, course_titles=titles)
