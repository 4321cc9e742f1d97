"""Signals of the learning journey, declared once.

Two kinds. *Hooks* are sent by a service inside its transaction and let the
apps above `courses` take part in a decision (a requirement, the terms of a
certificate, a refusal); their receivers return values or raise, and must do
no writes of their own. *Events* are sent once the transaction has committed
(`lms.events.Event.send_on_commit`): receivers react (a status table, an
e-mail) and a receiver that fails is logged without undoing what happened.

Every signal is sent with `sender` = the service's module name (`"courses"`).
"""

from dataclasses import dataclass
from datetime import date

from django.dispatch import Signal

from lms.events import Event


@dataclass(frozen=True)
class CertificateTerms:
    """What a `certificate_terms` receiver decides about a certificate about to
    be issued: when it expires (None: never) and which certificate it renews
    (superseded by it; None: none)."""

    expires_at: date | None = None
    supersedes: object | None = None  # a Certificate


@dataclass(frozen=True)
class HoursEntry:
    """One piece of training a person did, as the hours register counts it: a
    completed module (its estimated duration), a classroom session attended
    (the hours the register says), an observation on the job (its length)."""

    user_id: int
    day: date
    minutes: int
    kind: str  # "module", "session", "observation"
    label: str  # what it was: the module's or session's title
    course_id: int | None = None
    trainer: str = ""  # who gave it (a session's trainer, the observer)


# Hooks (inside the transaction) ---------------------------------------------

enrollment_requested = Signal()
"""Sent by `enrollment_create` before a person is enrolled in a course for the
first time, with `user` and `course`. A receiver that refuses raises
`django.core.exceptions.ValidationError` with the message the person reads
(a refresher asked for by someone who never held its certification)."""

completion_requirements = Signal()
"""Sent whenever progress is computed, with `enrollments` (a list of
`Enrollment`, each with its `course` and `user_id`) and `today`. A receiver
returns `{enrollment_id: [courses.progress.Requirement, ...]}` for the
enrolments whose course needs more than its modules and final quiz (an
observation on the job, a classroom session); enrolments it has nothing to say
about are left out. It must answer in a fixed number of queries, whatever the
number of enrolments. A certificate is issued only once every requirement is
met; the app that meets one calls `courses.services.enrollment_try_complete`."""

enrollment_activity = Signal()
"""Sent when it is asked whether enrolments have started
(`courses.selectors.started_enrollment_ids`), with `enrollments` (a list of
`Enrollment`, each with `user_id`, `course_id` and its cycle) and `until` (a
datetime, or None for now). A receiver returns the ids of those enrolments for
which its app recorded something the person did for the course in the cycle
that stood then (`Enrollment.activity_counts`): an observation on the job, a
classroom session attended. Receivers only read, in a fixed number of queries
whatever the number of enrolments."""

certificate_terms = Signal()
"""Sent by `enrollment_certify` just before a course's certificate is issued,
with `enrollment` (locked) and `attempt`. A receiver that governs the
certificate (a certification) returns a `CertificateTerms`: its
expiry and the certificate it renews. At most one receiver may answer for a
course; None means "not mine"."""

prerequisites_held = Signal()
"""Sent when some enrolments' courses require other courses, with `user_ids`,
`required_course_ids` and `today`. A receiver returns a set of
`(user_id, course_id)` pairs that count as held although the person has no
valid certificate of that very course (they hold the certification that course
grants, through a later renewal)."""

learner_tasks = Signal()
"""Sent by the learner's home ("La mia formazione") with `user` and `today`. A
receiver returns a list of `courses.progress.Task`: something the person must
do that an app above courses asks for (a policy review, an observation to
acknowledge, a survey), shown at the top of the home with its due date and a
link. Receivers only read, in a fixed number of queries."""

course_sections = Signal()
"""Sent by a course's page with `course` (the original, whose records count),
`user` (signed in) and `enrollment` (theirs, or None). A receiver returns a
`courses.progress.CourseSection` the page shows beside the person's status (the
course's classroom sessions to book), or None when it has nothing to offer.
Receivers only read, in a fixed number of queries."""

training_hours = Signal()
"""Sent by the hours register with `user_ids` (a collection, or None for
everybody), `start` and `end` (dates, inclusive) and `course_ids` (None: every
course). Each app that records training answers with a list of `HoursEntry`
for those people in that period: courses its completed modules, other apps
their sessions and observations. Receivers only read, in a fixed number of
queries whatever the number of people."""

# Events (after the commit) ----------------------------------------------------

enrollment_changed = Event()
"""Sent after an enrolment is created, assigned, removed, restored, restarted or
makes progress, with `enrollment` and `action` (one of "create", "assign",
"remove", "restore", "restart", "progress"). Receivers refresh what they derive
from enrolments (certification statuses) or announce it (the assignment
e-mail)."""

enrollment_completed = Event()
"""Sent after a course's certificate was issued for an enrolment (its
completion, or a policy review passed through the same course), with
`enrollment`, `certificate` and `attempt`."""

module_completed = Event()
"""Sent after a learner completed a module, with `enrollment` and `module`."""
