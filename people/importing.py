"""Parsing and checking an employee CSV, shared by the preview and the apply.

The file is read in a streaming way and each row is reduced to a small tuple, so a
50,000-row file stays within a few tens of megabytes. Nothing here writes: the
preview shows the plan, and `people.import_apply.people_import_apply` carries it out.
"""

import csv
import datetime
import hashlib
import io
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from .models import (
    EMPLOYEE_ID_PATTERN,
    ERROR_EMPLOYEE_ID,
    ERROR_MANAGER_CYCLE,
    ERROR_SELF_MANAGER,
    HIRE_DATES,
    Department,
    User,
)
from .roles import manage_refusals

# Header names as HR systems export them, compared after `normalise_header`
# (case, accents, punctuation and spacing ignored): "E-mail aziendale",
# "DATA ASSUNZIONE" and "Data_Assunzione" all match.
COLUMNS = {
    "employee_id": (
        "employee_id",
        "employee id",
        "matricola",
        "matr",
        "n matricola",
        "numero matricola",
        "matricola dipendente",
        "codice dipendente",
        "id dipendente",
    ),
    "first_name": ("first_name", "first name", "nome", "nome dipendente"),
    "last_name": ("last_name", "last name", "cognome", "cognome dipendente"),
    "email": (
        "email",
        "e-mail",
        "mail",
        "e-mail aziendale",
        "email aziendale",
        "mail aziendale",
        "indirizzo e-mail",
        "indirizzo email",
        "posta elettronica",
        "posta elettronica aziendale",
    ),
    "department": (
        "department",
        "reparto",
        "ufficio",
        "area",
        "servizio",
        "unita organizzativa",
    ),
    "job_title": (
        "job_title",
        "job title",
        "mansione",
        "qualifica",
        "posizione",
        "ruolo aziendale",
    ),
    "hire_date": (
        "hire_date",
        "hire date",
        "data_assunzione",
        "data di assunzione",
        "assunzione",
        "data inizio rapporto",
    ),
    "manager_employee_id": (
        "manager_employee_id",
        "manager employee id",
        "matricola_responsabile",
        "responsabile",
        "matricola del responsabile",
        "matricola capo",
    ),
    "manager_email": (
        "manager_email",
        "manager email",
        "e-mail responsabile",
        "mail responsabile",
        "indirizzo e-mail responsabile",
        "e-mail del responsabile",
        "e-mail aziendale responsabile",
    ),
    "language": ("language", "lingua"),
}
# What HR reads in the mapping step and in the preview's old -> new changes.
FIELD_LABELS = {
    "employee_id": _("Matricola"),
    "first_name": _("Nome"),
    "last_name": _("Cognome"),
    "email": _("E-mail"),
    "department": _("Reparto"),
    "job_title": _("Mansione"),
    "hire_date": _("Data di assunzione"),
    "manager_employee_id": _("Matricola del responsabile"),
    "manager_email": _("E-mail del responsabile"),
    "language": _("Lingua"),
}
CHANGE_LABELS = {
    **FIELD_LABELS,
    "manager": _("Responsabile"),
    "preferred_language": _("Lingua"),
    "is_active": _("Stato"),
}
REQUIRED_COLUMNS = ("employee_id", "first_name", "last_name", "email")
# What each column holds, for the upload page's list of columns.
FIELD_HELP = {
    "employee_id": _(
        "Il codice del dipendente nel gestionale del personale: ogni riga ritrova "
        "con questo la persona già presente, anche se ha cambiato e-mail o nome."
    ),
    "first_name": _("Il nome della persona."),
    "last_name": _("Il cognome della persona."),
    "email": _(
        "L'indirizzo con cui accede e riceve l'invito; uno diverso per ogni persona."
    ),
    "department": _("Il reparto; se non esiste ancora viene creato."),
    "job_title": _("La mansione, come la scrive il gestionale."),
    "hire_date": _(
        "AAAA-MM-GG o GG/MM/AAAA: da qui partono le scadenze dei corsi dei neoassunti."
    ),
    "manager_employee_id": _(
        "La matricola del responsabile: una persona del file o già presente."
    ),
    "manager_email": _("In alternativa alla matricola, l'e-mail del responsabile."),
    "language": _("it o en: la lingua in cui la persona vede il prodotto."),
}
# Fields an existing person keeps when the file has no column for them.
KEPT_WHEN_ABSENT = ("department", "job_title", "hire_date", "manager")
LANGUAGES = {code for code, _label in User.Language.choices}

ERROR_EMPTY_FILE = _("Il file è vuoto.")
ERROR_NOT_TEXT = _("Il file non sembra un CSV di testo.")
ERROR_MISSING_COLUMNS = _("Mancano le colonne obbligatorie: %(columns)s.")
ERROR_NO_EMPLOYEE_ID = _("Matricola mancante.")
ERROR_BAD_EMPLOYEE_ID = _("Matricola «%(value)s» non valida: %(rule)s")
_EMPLOYEE_ID = re.compile(EMPLOYEE_ID_PATTERN)
ERROR_NO_NAME = _("Nome o cognome mancante.")
ERROR_BAD_EMAIL = _("Indirizzo e-mail non valido: «%(value)s».")
ERROR_DUPLICATE_ID = _("Matricola «%(value)s» ripetuta (già alla riga %(line)s).")
ERROR_DUPLICATE_EMAIL = _("E-mail «%(value)s» ripetuta (già alla riga %(line)s).")
ERROR_ADMINISTRATOR = _(
    "La matricola «%(value)s» è di un amministratore: l'importazione non può "
    "modificarlo."
)
ERROR_NOT_MANAGEABLE = _("Matricola «%(value)s»: %(reason)s")
ERROR_EMAIL_TAKEN = _(
    "L'e-mail «%(value)s» appartiene già a un'altra persona (matricola %(other)s)."
)
ERROR_BAD_DATE = _(
    "Data di assunzione non valida: «%(value)s» (usa AAAA-MM-GG o GG/MM/AAAA)."
)
ERROR_UNKNOWN_MANAGER = _("Responsabile con matricola «%(value)s» sconosciuto.")
ERROR_UNKNOWN_MANAGER_EMAIL = _("Responsabile con e-mail «%(value)s» sconosciuto.")
ERROR_TWO_MANAGERS = _(
    "La matricola e l'e-mail del responsabile indicano due persone diverse "
    "(«%(id)s» e «%(email)s»)."
)
ERROR_NO_HEADER = _(
    "La prima riga deve contenere i nomi delle colonne (per esempio matricola, "
    "nome, cognome, e-mail): sembra già una riga di dati o è vuota."
)
ERROR_BAD_LANGUAGE = _("Lingua «%(value)s» non supportata (usa it o en).")
ERROR_TOO_LONG = _("Il campo «%(column)s» supera i %(max)s caratteri.")
ERROR_WRONG_COLUMNS = _("La riga ha %(found)s colonne invece di %(expected)s.")
ERROR_UNREADABLE = _(
    "Il file non si legge come CSV dalla riga %(line)s: controlla le virgolette."
)
ERROR_FIELD_TOO_LONG = _(
    "Alla riga %(line)s un campo supera il limite di %(max)s caratteri: il file "
    "non si può leggere. Controlla quella riga."
)

MAX_LENGTHS = {
    "employee_id": 40,
    "first_name": 150,
    "last_name": 150,
    "email": 254,
    "department": 120,
    "job_title": 120,
}


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first; then the Windows and Latin-1 encodings
    that spreadsheets on Italian desktops still save by default."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


def sniff_delimiter(sample: str) -> str:
    first_line = sample.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: first_line.count(d) for d in (",", ";", "\t")}
        return max(counts, key=counts.get)


def parse_date(value: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"):
        try:
            day = datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
        if not HIRE_DATES[0] <= day <= HIRE_DATES[1]:
            raise ValueError(value)
        return day
    raise ValueError(value)


def normalise_header(name: str) -> str:
    """Lower case, no accents, punctuation and underscores as single spaces:
    how a person reads a column name, not how a spreadsheet spelt it."""
    name = unicodedata.normalize("NFKD", name.replace("\ufeff", ""))
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = " ".join(re.sub(r"[^a-z0-9]+", " ", name).split())
    # "E-mail", "e mail" and "email" are one word to a reader.
    return re.sub(r"\be mail\b", "email", name)


_ALIASES = {
    normalise_header(alias): key for key, names in COLUMNS.items() for alias in names
}


def headers_key(header: Sequence[str]) -> str:
    """Names a header row for a saved mapping: the same export from the same HR
    system gives the same key, whatever the case or accents of this copy."""
    joined = "\x1f".join(normalise_header(name) for name in header)
    return hashlib.sha256(joined.encode()).hexdigest()


def guess_columns(header: Sequence[str]) -> list[str]:
    """The product field for each column ("" when not recognised); a field is
    taken by its first column only."""
    taken, fields = set(), []
    for name in header:
        key = _ALIASES.get(normalise_header(name), "")
        if key in taken:
            key = ""
        taken.add(key)
        fields.append(key)
    return fields


@dataclass(frozen=True, slots=True)
class ColumnGuide:
    """One column as the upload page lists it."""

    label: str
    required: bool
    help: str
    names: tuple[str, ...]


def column_guide() -> list[ColumnGuide]:
    """The columns the importer reads, from its own definitions: which are
    required, what each holds and the header names recognised."""
    return [
        ColumnGuide(
            label=str(label),
            required=key in REQUIRED_COLUMNS,
            help=str(FIELD_HELP[key]),
            names=COLUMNS[key],
        )
        for key, label in FIELD_LABELS.items()
    ]


def missing_columns(fields: Sequence[str]) -> list[str]:
    return [key for key in REQUIRED_COLUMNS if key not in fields]


def _looks_like_data(header: Sequence[str]) -> bool:
    """A file exported without its header row starts with a person: an e-mail
    address or a date where a column name should be."""
    cells = [cell.strip() for cell in header]
    if not any(cells):
        return True
    for cell in cells:
        if "@" in cell and normalise_header(cell) not in _ALIASES:
            return True
        if re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", cell):
            return True
    return False


def read_header(raw: bytes) -> tuple[list[str], str]:
    """The file's header row and, when it has none, the reason in words."""
    # The whole file, as `build_plan` decodes it: a cut inside a UTF-8
    # character would pick another encoding and another header.
    text = decode(raw)
    if "\x00" in text[:4096]:
        return [], str(ERROR_NOT_TEXT)
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=sniff_delimiter(text[:4096])
    )
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return [], str(ERROR_EMPTY_FILE)
    if _looks_like_data(header):
        return [], str(ERROR_NO_HEADER)
    return [name.replace("\ufeff", "").strip() for name in header], ""


@dataclass(frozen=True, slots=True)
class Change:
    """One field of an existing person, as the preview shows it: old -> new."""

    field: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return str(CHANGE_LABELS.get(self.field, self.field))


@dataclass(slots=True)
class Row:
    line: int
    employee_id: str
    first_name: str
    last_name: str
    email: str
    department: str
    job_title: str
    hire_date: datetime.date | None
    manager_employee_id: str
    language: str
    manager_email: str = ""


@dataclass
class Plan:
    """What an import would do. Lists are capped for display; counts are exact."""

    rows: list[Row] = field(default_factory=list)
    creates: list[Row] = field(default_factory=list)
    updates: list[tuple[Row, int, list[Change]]] = field(default_factory=list)
    unchanged: int = 0
    deactivations: list[tuple[int, str, str]] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    file_error: str = ""
    # Set when a required column is not recognised: the view asks HR to match
    # the file's columns to the product's fields before anything else.
    header: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    needs_mapping: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error and not self.needs_mapping

    def has(self, name: str) -> bool:
        """Whether the file has a column for this field ("manager": either of
        its two columns). A field without one is left as it is: a file of names
        and e-mails must not wipe everyone's department."""
        if name == "manager":
            return (
                "manager_employee_id" in self.fields or "manager_email" in self.fields
            )
        return name in self.fields

    def counts(self) -> dict[str, int]:
        return {
            # The rows the apply would carry out, not those read before the
            # checks against the database.
            "rows": len(self.creates) + len(self.updates) + self.unchanged,
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
            "missing": len(self.deactivations),
            "departments": len(self.new_departments),
            "errors": len(self.errors),
        }


def _rows(text: str, plan: Plan, fields: Sequence[str] | None) -> Iterator[Row]:
    # newline="": the csv module reads every line ending itself, a lone CR
    # (old Mac spreadsheets) included.
    reader = _Records(
        csv.reader(
            io.StringIO(text, newline=""), delimiter=sniff_delimiter(text[:4096])
        )
    )
    try:
        yield from _read_rows(reader, plan, fields)
    except csv.Error:
        # An unbalanced quote that swallows the rest of the file, for one: the
        # whole file is refused, nothing of it applied.
        plan.file_error = _unreadable(text, reader.start)


def _unreadable(text: str, line: int) -> str:
    """Why the csv module stopped at this line, in words. Past its field size
    limit it stops too, quotes or not: a quote left open is the likely cause
    only when the rest of the file holds an odd number of them."""
    lines = io.StringIO(text, newline="")
    offset = sum(len(previous) for previous in itertools.islice(lines, line - 1))
    if text.count('"', offset) % 2:
        return str(ERROR_UNREADABLE % {"line": line})
    return str(
        ERROR_FIELD_TOO_LONG
        % {
            "line": line,
            "max": number_format(csv.field_size_limit(), force_grouping=True),
        }
    )


class _Records:
    """A csv reader that also knows the line its current record starts on
    (`line_num` is where it ends)."""

    def __init__(self, reader):
        self.reader = reader
        self.start = 1

    def __iter__(self):
        return self

    def __next__(self):
        self.start = self.reader.line_num + 1
        return next(self.reader)

    @property
    def line_num(self) -> int:
        return self.reader.line_num


def _read_rows(reader, plan: Plan, fields: Sequence[str] | None) -> Iterator[Row]:
    try:
        header = next(reader)
    except StopIteration:
        plan.file_error = str(ERROR_EMPTY_FILE)
        return
    if _looks_like_data(header):
        plan.file_error = str(ERROR_NO_HEADER)
        return
    plan.header = [name.replace("\ufeff", "").strip() for name in header]
    # A saved mapping counts only for the header row it was made for.
    if fields is None or len(fields) != len(header):
        fields = guess_columns(header)
    plan.fields = list(fields)
    columns = {key: index for index, key in enumerate(fields) if key}
    if missing := missing_columns(fields):
        plan.needs_mapping = missing
        return
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) < len(header) and len(values) <= max(columns.values()):
            plan.errors.append(
                (
                    line,
                    str(
                        ERROR_WRONG_COLUMNS
                        % {"found": len(values), "expected": len(header)}
                    ),
                )
            )
            continue

        def get(key, values=values):
            index = columns.get(key)
            return values[index].strip() if index is not None else ""

        row_errors = []
        for key, limit in MAX_LENGTHS.items():
            if len(get(key)) > limit:
                row_errors.append(str(ERROR_TOO_LONG % {"column": key, "max": limit}))
        hire_date = None
        if raw_date := get("hire_date"):
            try:
                hire_date = parse_date(raw_date)
            except ValueError:
                row_errors.append(str(ERROR_BAD_DATE % {"value": raw_date}))
        language = get("language").lower()[:2]
        if language and language not in LANGUAGES:
            row_errors.append(str(ERROR_BAD_LANGUAGE % {"value": get("language")}))
        email = get("email").lower()
        try:
            validate_email(email)
        except ValidationError:
            row_errors.append(str(ERROR_BAD_EMAIL % {"value": get("email")}))
        if not get("employee_id"):
            row_errors.append(str(ERROR_NO_EMPLOYEE_ID))
        manager_id, manager_email = get("manager_employee_id"), get("manager_email")
        if "@" in manager_id and not manager_email:
            # A "Responsabile" column often holds the manager's e-mail address.
            manager_id, manager_email = "", manager_id
        for value in (get("employee_id"), manager_id):
            if value and not _EMPLOYEE_ID.match(value):
                row_errors.append(
                    str(
                        ERROR_BAD_EMPLOYEE_ID
                        % {"value": value, "rule": ERROR_EMPLOYEE_ID}
                    )
                )
        if not get("first_name") or not get("last_name"):
            row_errors.append(str(ERROR_NO_NAME))
        if manager_id and manager_id == get("employee_id"):
            row_errors.append(str(ERROR_SELF_MANAGER))
        if row_errors:
            plan.errors.extend((line, message) for message in row_errors)
            continue
        yield Row(
            line=line,
            employee_id=get("employee_id"),
            first_name=get("first_name"),
            last_name=get("last_name"),
            email=email,
            department=get("department"),
            job_title=get("job_title"),
            hire_date=hire_date,
            manager_employee_id=manager_id,
            language=language,
            manager_email=manager_email.lower(),
        )


def _repeated(row, seen_ids: dict[str, int], seen_emails: dict[str, int]) -> str:
    """The error for a row whose employee ID or e-mail an earlier row of the
    file already had (naming that line), or ""."""
    for value, seen, message in (
        (row.employee_id, seen_ids, ERROR_DUPLICATE_ID),
        (row.email, seen_emails, ERROR_DUPLICATE_EMAIL),
    ):
        if value in seen:
            return str(message % {"value": value, "line": seen[value]})
    return ""


def build_plan(
    raw: bytes,
    *,
    importer: User | None = None,
    fields: Sequence[str] | None = None,
) -> Plan:
    """Check every row against the file itself and the database, in a fixed
    number of queries whatever the file size.

    `fields` names the product field of each column (a mapping HR saved);
    without it the header names are recognised by `guess_columns`."""
    plan = Plan()
    text = decode(raw)
    if "\x00" in text[:4096]:
        plan.file_error = str(ERROR_NOT_TEXT)
        return plan
    # The first line each employee ID and e-mail stood on.
    seen_ids: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for row in _rows(text, plan, fields):
        error = _repeated(row, seen_ids, seen_emails)
        if error:
            plan.errors.append((row.line, error))
            continue
        seen_ids[row.employee_id] = row.line
        seen_emails[row.email] = row.line
        plan.rows.append(row)
    del text
    if plan.file_error or plan.needs_mapping:
        return plan
    if not plan.rows and not plan.errors:
        plan.file_error = str(ERROR_EMPTY_FILE)
        return plan

    department_names = dict(Department.objects.values_list("pk", "name"))
    departments = {name.lower(): pk for pk, name in department_names.items()}
    # employee ID -> (pk, email, first, last, department id, job, hired, manager's
    # employee ID, language, active): tuples keep 50,000 people small in memory.
    existing = {
        values[0]: values[1:]
        for values in (
            User.objects.filter(employee_id__isnull=False).values_list(
                "employee_id",
                "pk",
                "email",
                "first_name",
                "last_name",
                "department_id",
                "job_title",
                "hire_date",
                "manager__employee_id",
                "preferred_language",
                "is_active",
            )
        )
    }
    # An import must not be a way round the rule that only a superuser edits or
    # deactivates a superuser.
    administrators = set(
        User.objects.filter(is_superuser=True, employee_id__isnull=False).values_list(
            "employee_id", flat=True
        )
    )
    # Nor round the rule that HR changes only people whose every role it could
    # give (people.roles.manage_refusals): employee ID -> why not.
    refusals = {}
    if importer is not None:
        by_pk = {values[0]: employee_id for employee_id, values in existing.items()}
        refusals = {
            by_pk[pk]: reason
            for pk, reason in manage_refusals(
                importer, User.objects.filter(employee_id__isnull=False)
            ).items()
        }
    email_owner = dict(
        User.objects.filter(email__in=list(seen_emails)).values_list(
            "email", "employee_id"
        )
    )
    # An address allauth still signs someone in with is theirs too.
    for email, owner in EmailAddress.objects.filter(
        email__in=list(seen_emails)
    ).values_list("email", "user__employee_id"):
        email_owner.setdefault(email.lower(), owner)
    # A manager named by e-mail: someone in this file or already in the product.
    manager_emails = {row.manager_email for row in plan.rows if row.manager_email}
    manager_by_email = dict(
        User.objects.filter(
            email__in=list(manager_emails), employee_id__isnull=False
        ).values_list("email", "employee_id")
    )
    manager_by_email.update(
        (row.email, row.employee_id) for row in plan.rows if row.email in manager_emails
    )
    file_names = {
        row.employee_id: f"{row.first_name} {row.last_name}" for row in plan.rows
    }
    checked = []
    for row in plan.rows:
        if row.employee_id in administrators:
            plan.errors.append(
                (row.line, str(ERROR_ADMINISTRATOR % {"value": row.employee_id}))
            )
            continue
        if row.employee_id in refusals:
            plan.errors.append(
                (
                    row.line,
                    str(
                        ERROR_NOT_MANAGEABLE
                        % {
                            "value": row.employee_id,
                            "reason": refusals[row.employee_id],
                        }
                    ),
                )
            )
            continue
        owner = email_owner.get(row.email, row.employee_id)
        if row.email in email_owner and owner != row.employee_id:
            plan.errors.append(
                (
                    row.line,
                    str(
                        ERROR_EMAIL_TAKEN % {"value": row.email, "other": owner or "—"}
                    ),
                )
            )
            continue
        if row.manager_email:
            by_email = manager_by_email.get(row.manager_email)
            if by_email is None:
                plan.errors.append(
                    (
                        row.line,
                        str(ERROR_UNKNOWN_MANAGER_EMAIL % {"value": row.manager_email}),
                    )
                )
                continue
            if row.manager_employee_id and row.manager_employee_id != by_email:
                plan.errors.append(
                    (
                        row.line,
                        str(
                            ERROR_TWO_MANAGERS
                            % {
                                "id": row.manager_employee_id,
                                "email": row.manager_email,
                            }
                        ),
                    )
                )
                continue
            if by_email == row.employee_id:
                plan.errors.append((row.line, str(ERROR_SELF_MANAGER)))
                continue
            row.manager_employee_id = by_email
        if row.manager_employee_id and not (
            row.manager_employee_id in seen_ids or row.manager_employee_id in existing
        ):
            plan.errors.append(
                (
                    row.line,
                    str(ERROR_UNKNOWN_MANAGER % {"value": row.manager_employee_id}),
                )
            )
            continue
        checked.append(row)
    if plan.has("manager"):
        # The chains as they would stand after the import: the file's managers
        # over those already in the product.
        managers = {employee_id: values[7] for employee_id, values in existing.items()}
        managers.update((row.employee_id, row.manager_employee_id) for row in checked)
        loops = _loops(managers)
        for row in checked:
            if row.employee_id in loops:
                chain = " → ".join(loops[row.employee_id])
                plan.errors.append(
                    (row.line, str(ERROR_MANAGER_CYCLE % {"chain": chain}))
                )
        checked = [row for row in checked if row.employee_id not in loops]
    new_departments = {}
    for row in checked:
        if row.department and row.department.lower() not in departments:
            new_departments.setdefault(row.department.lower(), row.department)
        known = existing.get(row.employee_id)
        if known is None:
            plan.creates.append(row)
            continue
        pk, email, first, last, dept, job, hired, mgr, lang, active = known
        changed = [
            Change(name, _shown(name, old), _shown(name, new))
            for name, old, new in (
                ("email", email, row.email),
                ("first_name", first, row.first_name),
                ("last_name", last, row.last_name),
                ("job_title", job, row.job_title),
                ("hire_date", hired, row.hire_date),
                ("preferred_language", lang, row.language or lang),
                ("is_active", active, True),
            )
            if old != new and (name not in KEPT_WHEN_ABSENT or plan.has(name))
        ]
        wanted_dept = (
            departments.get(row.department.lower()) if row.department else None
        )
        # A department not yet in the product (created by this import) is a
        # change too, even for someone who had none.
        if plan.has("department") and (
            (row.department and (wanted_dept is None or wanted_dept != dept))
            or (not row.department and dept is not None)
        ):
            changed.append(
                Change(
                    "department",
                    department_names.get(dept, "") if dept else "—",
                    row.department or "—",
                )
            )
        if plan.has("manager") and (mgr or "") != row.manager_employee_id:
            changed.append(
                Change(
                    "manager",
                    _person(mgr, existing, file_names),
                    _person(row.manager_employee_id, existing, file_names),
                )
            )
        if changed:
            plan.updates.append((row, pk, changed))
        else:
            plan.unchanged += 1
    plan.errors.sort(key=lambda error: error[0])
    plan.new_departments = sorted(new_departments.values())
    plan.deactivations = [
        (values[0], employee_id, values[1])
        for employee_id, values in existing.items()
        if employee_id not in seen_ids
        and employee_id not in administrators
        and employee_id not in refusals
        and values[9]
        and (importer is None or values[0] != importer.pk)
    ]
    return plan


def _loops(managers: dict[str, str | None]) -> dict[str, list[str]]:
    """Each employee ID whose chain of managers comes back to it, with that
    chain from it back to it. Every ID is walked once, so a 50,000-row file
    costs one pass."""
    loops: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in managers:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node = start
        while node and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = managers.get(node)
        if node in on_path:
            loop = path[on_path[node] :]
            for index, member in enumerate(loop):
                loops[member] = [*loop[index:], *loop[:index], member]
        done.update(path)
    return loops


LANGUAGE_NAMES = dict(User.Language.choices)


def _shown(name: str, value) -> str:
    """A value as HR reads it in the preview: dates as dd/mm/yyyy, languages
    and the active flag in words, an empty value as a dash."""
    if value is None or value == "":
        return "—"
    if name == "hire_date":
        return date_format(value, "d/m/Y")
    if name == "preferred_language":
        return str(LANGUAGE_NAMES.get(value, value))
    if name == "is_active":
        return str(_("attivo") if value else _("disattivato"))
    return str(value)


def _person(employee_id: str | None, existing: dict, file_names: dict) -> str:
    """A manager by name and employee ID, the file's name first (it is the one
    the import will keep)."""
    if not employee_id:
        return "—"
    name = file_names.get(employee_id)
    if name is None and employee_id in existing:
        values = existing[employee_id]
        name = f"{values[2]} {values[3]}".strip()
    return f"{name} ({employee_id})" if name else employee_id
