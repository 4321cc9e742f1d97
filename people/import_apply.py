"""Carrying out a confirmed employee import in the background.

A 76,000-row file takes minutes to apply, longer than a web request may last.
HR's confirmation (`people_import_confirm`) therefore only queues the run, once
however often the button is pressed, and the task
`people.tasks.apply_people_import` applies it (`people_import_apply`) while HR's
status page follows the counters.

The task reads the file again and checks it against the database as it stands,
with the importer's rights: a file that has errors by then changes nothing, as
in the preview. It then writes in batches, each in its own transaction with the
run's counters and the last line it reached, and asks the rule of who may change
whom (`roles.manage_refusals`) again for each batch: a row whose person HR may
no longer change is refused, counted and listed, and the others go on. People
first, managers after everyone exists, the people missing from the file and the
run's end (status, audit entry) last in one transaction. A retried task (the
worker died) goes on after the last committed batch; a run that ended does
nothing again.

Each write also moves the run's heartbeat. A run in progress whose heartbeat
stopped (`PeopleImport.stalled`: its worker died where no queue retries it, or
the queue was down when it was confirmed) is the uploader's to resume
(`people_import_resume`): queued again as a new attempt, it goes on after the
last committed batch, and a job of an earlier attempt that turns up late stops
at its next write. The daily job ends runs left stalled for a day
(`people_imports_abandon`).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lms.audit import log
from lms.tasks_backend import JOB_STOPPED, QueueUnavailable

from . import roles
from .importing import ERROR_MISSING_COLUMNS, ERROR_NOT_MANAGEABLE, FIELD_LABELS
from .models import Department, PeopleImport, User
from .services import (
    department_code,
    people_import_plan,
    people_invite,
    person_emails_follow,
)
from .signals import announce
from .tasks import apply_people_import

logger = logging.getLogger(__name__)

ERROR_ROWS = _("Il file contiene errori: non è stato modificato nulla.")
ERROR_NOT_ALLOWED = _(
    "Chi ha caricato il file non può più importare persone: l'importazione non è "
    "stata applicata."
)
ERROR_UNEXPECTED = _(
    "Errore imprevisto durante l'importazione. Riprova caricando di nuovo il file "
    "o rivolgiti all'assistenza."
)
ERROR_ABANDONED = _(
    "L'importazione si è interrotta e non è stata ripresa entro un giorno."
)
# A run stalled for this long is ended by the daily job: a file resumed days
# later would apply yesterday's data over today's.
ABANDONED_AFTER = timedelta(days=1)
# The status page lists at most this many refused rows; the count is exact.
REFUSED_LIMIT = 200
# `bulk_update` sets each field with a CASE whose arms each row of the batch is
# matched against, so the cost per row grows with the batch: small batches.
UPDATE_BATCH = 100

Status = PeopleImport.Status


def batch_rows() -> int:
    """Rows per committed batch: the counters HR sees move once a batch."""
    return getattr(settings, "LMS_IMPORT_BATCH_ROWS", 1000)


class ImportRejected(Exception):
    """The file cannot be applied: nothing was changed."""

    def __init__(self, message: str, errors=()):
        super().__init__(message)
        self.message = message
        self.errors = list(errors)


class _Superseded(Exception):
    """Another run of the task moved this import on (or ended it): stop."""


@transaction.atomic
def people_import_confirm(
    *, people_import: PeopleImport, by: User, deactivate_missing: bool
) -> bool:
    """Queue the apply of a previewed file; False when it was already confirmed
    (a double click, the back button), which queues nothing.

    The row lock makes two confirmations at once queue one run. The task is
    queued after the commit, so a worker never finds the run still a preview."""
    run = PeopleImport.objects.select_for_update().get(pk=people_import.pk)
    if run.status != Status.PREVIEWED:
        return False
    # Everyone new becomes a learner: refused now rather than in the background.
    if not roles.grantable_groups(by).filter(name=roles.LEARNER).exists():
        raise PermissionDenied(roles.ERROR_ROLE_NOT_GRANTABLE)
    run.status = Status.QUEUED
    run.deactivate_missing = deactivate_missing
    run.confirmed_at = run.heartbeat_at = timezone.now()
    run.save(
        update_fields=["status", "deactivate_missing", "confirmed_at", "heartbeat_at"]
    )
    transaction.on_commit(lambda: _enqueue(run.pk, run.attempt))
    return True


@transaction.atomic
def people_import_resume(*, people_import: PeopleImport, by: User) -> bool:
    """Queue a stalled run again (see the module's docstring); False when it is
    not stalled (it ended, it moves, or a click a moment ago resumed it), which
    queues nothing. The new attempt goes on after the last committed batch."""
    run = PeopleImport.objects.select_for_update().get(pk=people_import.pk)
    if not run.stalled:
        return False
    run.attempt += 1
    run.status = Status.QUEUED
    run.queue_unreachable = False
    run.heartbeat_at = timezone.now()
    run.save(update_fields=["attempt", "status", "queue_unreachable", "heartbeat_at"])
    log(
        instance=run,
        action="lms.people.import_resume",
        user=by,
        data={
            "file_name": run.file_name,
            "attempt": run.attempt,
            "rows_done": run.rows_done,
            "last_line": run.last_line,
        },
    )
    transaction.on_commit(lambda: _enqueue(run.pk, run.attempt))
    return True


def _enqueue(pk: int, attempt: int) -> None:
    try:
        result = apply_people_import.enqueue(pk, attempt)
    except QueueUnavailable:
        # Not run in this request instead: the status page says so and offers
        # to queue it again.
        PeopleImport.objects.filter(pk=pk, attempt=attempt).update(
            queue_unreachable=True
        )
        return
    # The queue's job id, to find the job behind a run; the immediate backend
    # has already run it, so only this field is written.
    PeopleImport.objects.filter(pk=pk).update(task_id=result.id[:64])


def people_imports_abandon() -> list[PeopleImport]:
    """End as failed, with an audit entry, the runs stalled for longer than
    `ABANDONED_AFTER` (the daily job): none stays "in corso" for ever. The
    batches they committed stay."""
    since = timezone.now() - ABANDONED_AFTER
    runs = PeopleImport.objects.filter(
        Q(heartbeat_at__lt=since) | Q(heartbeat_at=None, confirmed_at__lt=since),
        status__in=[Status.QUEUED, Status.RUNNING],
    ).select_related("uploaded_by")
    abandoned = []
    for run in runs:
        with translation.override(_language(run.uploaded_by)):
            if _fail(run, None, str(ERROR_ABANDONED)):
                abandoned.append(run)
    return abandoned


def _language(by: User | None) -> str:
    return (by.preferred_language if by else "") or settings.LANGUAGE_CODE


def people_import_apply(
    *, people_import: PeopleImport, attempt: int = 0
) -> PeopleImport:
    """Apply a confirmed import (the task's body) as its `attempt`; see the
    module's docstring.

    Messages are written in the importer's language, as their preview was."""
    run = _claim(people_import.pk, attempt)
    if run is not None:
        by = run.uploaded_by
        with translation.override(_language(by)):
            try:
                _apply(run, by)
            except _Superseded:
                pass
            except ImportRejected as rejected:
                _fail(run, by, rejected.message, rejected.errors)
            except PermissionDenied as denied:
                _fail(run, by, str(denied) or str(ERROR_NOT_ALLOWED))
            except JOB_STOPPED:
                # The job's time ran out: the run stays in progress, and the
                # queue's retry goes on after the last committed batch.
                raise
            except Exception:
                logger.exception("people import %s failed", run.pk)
                _fail(run, by, str(ERROR_UNEXPECTED))
                raise
    return PeopleImport.objects.get(pk=people_import.pk)


@transaction.atomic
def _claim(pk: int, attempt: int) -> PeopleImport | None:
    run = PeopleImport.objects.select_for_update().get(pk=pk)
    if run.status not in (Status.QUEUED, Status.RUNNING) or run.attempt != attempt:
        return None
    run.status = Status.RUNNING
    run.started_at = run.started_at or timezone.now()
    run.heartbeat_at = timezone.now()
    run.queue_unreachable = False
    run.save(
        update_fields=["status", "started_at", "heartbeat_at", "queue_unreachable"]
    )
    return run


def _lock(run: PeopleImport) -> None:
    """Inside a batch's transaction: go on only if no other run of the task has
    moved this import on since this one last wrote, and this run is still the
    import's current attempt; then mark the heartbeat the transaction commits
    with its batch."""
    status, last_line, attempt = (
        PeopleImport.objects.select_for_update()
        .values_list("status", "last_line", "attempt")
        .get(pk=run.pk)
    )
    if status != Status.RUNNING or last_line != run.last_line or attempt != run.attempt:
        raise _Superseded
    run.heartbeat_at = timezone.now()


def _apply(run: PeopleImport, by: User | None) -> None:
    if by is None or not by.is_active or not by.has_perm("people.add_user"):
        raise PermissionDenied(str(ERROR_NOT_ALLOWED))
    plan = people_import_plan(people_import=run, by=by)
    if plan.file_error:
        raise ImportRejected(f"{ERROR_ROWS} {plan.file_error}")
    if plan.needs_mapping:
        missing = ", ".join(str(FIELD_LABELS[key]) for key in plan.needs_mapping)
        columns = ERROR_MISSING_COLUMNS % {"columns": missing}
        raise ImportRejected(f"{ERROR_ROWS} {columns}")
    # Before the first batch, an error stops everything, as in the preview; a
    # resumed run cannot undo its batches, so it refuses those rows only.
    resumed = run.last_line > 0
    if plan.errors and not resumed:
        raise ImportRejected(str(ERROR_ROWS), plan.errors)
    learner = roles.grantable_groups(by).filter(name=roles.LEARNER).first()
    if learner is None:
        raise PermissionDenied(roles.ERROR_ROLE_NOT_GRANTABLE)

    with transaction.atomic():
        _lock(run)
        taken_codes = set(Department.objects.values_list("code", flat=True))
        Department.objects.bulk_create(
            [
                Department(name=name, code=department_code(name, taken_codes))
                for name in plan.new_departments
            ]
        )
        run.rows_total = len(plan.rows)
        _add(run, departments=len(plan.new_departments))
        run.save(update_fields=["rows_total", "counts", "heartbeat_at"])
    departments = {
        name.lower(): pk for pk, name in Department.objects.values_list("pk", "name")
    }
    batch = _Batch(plan, by, learner, departments)
    todo = [row for row in plan.rows if row.line > run.last_line]
    size = batch_rows()
    for start in range(0, len(todo), size):
        batch.apply(run, todo[start : start + size])
    batch.set_managers(run)
    _finish(run, by, plan)


def _add(run: PeopleImport, **counts: int) -> None:
    for key, value in counts.items():
        run.counts[key] = run.counts.get(key, 0) + value


class _Batch:
    """The writes of one plan, a batch of rows at a time."""

    def __init__(self, plan, by: User, learner, departments: dict[str, int]):
        self.plan = plan
        self.by = by
        self.learner = learner
        self.departments = departments
        self.creates = {row.line for row in plan.creates}
        self.updates = {row.line: (pk, changed) for row, pk, changed in plan.updates}
        self.errors: dict[int, str] = {}
        for line, message in plan.errors:
            self.errors.setdefault(line, message)
        # Refused while this run went on: their managers are not set either.
        self.refused_ids: set[str] = set()
        self.unusable = make_password(None)

    def fill(self, person: User, row) -> User:
        person.email = row.email
        person.first_name = row.first_name
        person.last_name = row.last_name
        person.job_title = row.job_title
        person.hire_date = row.hire_date
        person.department_id = (
            self.departments[row.department.lower()] if row.department else None
        )
        if row.language:
            person.preferred_language = row.language
        person.is_active = True
        return person

    def refuse(self, rows, pks: dict[str, int]) -> list[tuple[int, str]]:
        """The rows of this batch the importer may not apply now: an error the
        plan found (resumed run only) or a person they may no longer change."""
        refusals = roles.manage_refusals(
            self.by, User.objects.filter(pk__in=list(pks.values()))
        )
        refused = []
        for row in rows:
            if row.line in self.errors:
                refused.append((row.line, self.errors[row.line]))
            elif pks.get(row.employee_id) in refusals:
                reason = refusals[pks[row.employee_id]]
                message = ERROR_NOT_MANAGEABLE % {
                    "value": row.employee_id,
                    "reason": reason,
                }
                refused.append((row.line, str(message)))
        return refused

    @transaction.atomic
    def apply(self, run: PeopleImport, rows) -> None:
        _lock(run)
        updates = {
            row.employee_id: (row, *self.updates[row.line])
            for row in rows
            if row.line in self.updates
        }
        refused = self.refuse(
            rows, {eid: pk for eid, (_row, pk, _c) in updates.items()}
        )
        refused_lines = {line for line, _message in refused}
        self.refused_ids.update(
            row.employee_id for row in rows if row.line in refused_lines
        )
        creates = [
            row
            for row in rows
            if row.line in self.creates and row.line not in refused_lines
        ]
        updates = [
            update for update in updates.values() if update[0].line not in refused_lines
        ]
        User.objects.bulk_create(
            [
                self.fill(
                    User(employee_id=row.employee_id, password=self.unusable), row
                )
                for row in creates
            ],
            batch_size=1000,
        )
        self._update(updates)
        new_ids = list(
            User.objects.filter(
                employee_id__in=[row.employee_id for row in creates]
            ).values_list("pk", flat=True)
        )
        person_emails_follow(
            emails={
                pk: row.email
                for row, pk, changed in updates
                if any(change.field == "email" for change in changed)
            }
        )
        User.groups.through.objects.bulk_create(
            [
                User.groups.through(user_id=pk, group_id=self.learner.pk)
                for pk in new_ids
            ],
            batch_size=1000,
        )
        # Bulk writes send no model signal: the batch is announced in one go.
        announce(
            user_ids=[*new_ids, *(pk for _row, pk, _c in updates)],
            created_ids=new_ids,
            roles_added_ids=new_ids,
        )
        people_invite(user_ids=new_ids)
        _add(
            run,
            created=len(creates),
            updated=len(updates),
            unchanged=len(rows) - len(creates) - len(updates) - len(refused),
            refused=len(refused),
        )
        room = REFUSED_LIMIT - len(run.refused_rows)
        run.refused_rows.extend([line, message] for line, message in refused[:room])
        run.rows_done += len(rows)
        run.last_line = rows[-1].line
        run.save(
            update_fields=[
                "counts",
                "refused_rows",
                "rows_done",
                "last_line",
                "heartbeat_at",
            ]
        )

    def _update(self, updates) -> None:
        plan = self.plan
        current_language = dict(
            User.objects.filter(pk__in=[pk for _row, pk, _c in updates]).values_list(
                "pk", "preferred_language"
            )
        )
        User.objects.bulk_update(
            [
                self.fill(User(pk=pk, preferred_language=current_language[pk]), row)
                for row, pk, _changed in updates
            ],
            [
                "email",
                "first_name",
                "last_name",
                # A column the file does not have leaves its field as it is.
                *(
                    name
                    for name in ("job_title", "hire_date", "department")
                    if plan.has(name)
                ),
                "preferred_language",
                "is_active",
            ],
            batch_size=UPDATE_BATCH,
        )

    def set_managers(self, run: PeopleImport) -> None:
        """Managers once everyone is in: a row may name someone further down
        the file. Only the managers that change (a new person starts with
        none); a resumed run's plan sees those already set as unchanged."""
        plan = self.plan
        rows = [
            *(row for row in plan.creates if row.manager_employee_id),
            *(
                row
                for row, _pk, changed in plan.updates
                if any(change.field == "manager" for change in changed)
            ),
        ]
        rows = [row for row in rows if row.employee_id not in self.refused_ids]
        if not rows:
            return
        ids = dict(
            User.objects.filter(employee_id__isnull=False).values_list(
                "employee_id", "pk"
            )
        )
        size = batch_rows()
        for start in range(0, len(rows), size):
            with transaction.atomic():
                _lock(run)
                run.save(update_fields=["heartbeat_at"])
                part = rows[start : start + size]
                refusals = roles.manage_refusals(
                    self.by,
                    User.objects.filter(pk__in=[ids[row.employee_id] for row in part]),
                )
                User.objects.bulk_update(
                    [
                        User(
                            pk=ids[row.employee_id],
                            manager_id=ids.get(row.manager_employee_id),
                        )
                        for row in part
                        if ids[row.employee_id] not in refusals
                    ],
                    ["manager"],
                    batch_size=UPDATE_BATCH,
                )


@transaction.atomic
def _finish(run: PeopleImport, by: User, plan) -> None:
    _lock(run)
    deactivated_ids = []
    if run.deactivate_missing and plan.deactivations:
        candidates = [pk for pk, _eid, _email in plan.deactivations]
        refusals = roles.manage_refusals(by, User.objects.filter(pk__in=candidates))
        deactivated_ids = [pk for pk in candidates if pk not in refusals]
        User.objects.filter(pk__in=deactivated_ids).update(is_active=False)
        announce(user_ids=deactivated_ids)
    run.counts.update(
        rows=run.rows_total,
        missing=len(plan.deactivations),
        deactivated=len(deactivated_ids),
    )
    run.status = Status.APPLIED
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "status", "finished_at", "heartbeat_at"])
    log(
        instance=run,
        action="lms.people.import",
        user=by,
        data={
            "file_name": run.file_name,
            **run.counts,
            # Which column filled which field: the trail of a mapped import.
            "columns": {
                name: key
                for name, key in zip(plan.header, plan.fields, strict=True)
                if key
            },
        },
    )


@transaction.atomic
def _fail(run: PeopleImport, by: User | None, message: str, errors=()) -> bool:
    """End the run as failed with `message` (and, for a file rejected before
    its first batch, its errors as the refused rows); False when it already
    ended or another attempt took it over. Whatever batches were committed
    stay, and the audit entry says how far the run went."""
    locked = PeopleImport.objects.select_for_update().get(pk=run.pk)
    if locked.status not in (Status.QUEUED, Status.RUNNING):
        return False
    if locked.attempt != run.attempt:
        return False
    if errors:
        locked.counts["refused"] = len({line for line, _text in errors})
        locked.refused_rows = [[line, str(text)] for line, text in errors][
            :REFUSED_LIMIT
        ]
    locked.status = Status.FAILED
    locked.error = str(message)
    locked.finished_at = locked.heartbeat_at = timezone.now()
    locked.save(
        update_fields=[
            "counts",
            "refused_rows",
            "status",
            "error",
            "finished_at",
            "heartbeat_at",
        ]
    )
    log(
        instance=locked,
        action="lms.people.import_failed",
        user=by,
        data={
            "file_name": locked.file_name,
            "error": locked.error,
            "rows_done": locked.rows_done,
            **locked.counts,
        },
    )
    return True
