from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from wagtail.users.models import UserProfile

from lms.audit import log

from . import roles
from .importing import build_plan, headers_key, read_header
from .models import ImportColumnMapping, PeopleImport, User
from .tasks import invite_people


@transaction.atomic
def user_assign_default_role(*, user: User) -> None:
    group, _ = Group.objects.get_or_create(name=roles.LEARNER)
    user.groups.add(group)


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    user.preferred_language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["preferred_language"])
    # Wagtail's admin reads its own profile: keep both interfaces in one language.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])
    return user


def _require_may_manage(*, person: User, by: User) -> None:
    refusal = roles.manage_refusal(by, person)
    if refusal:
        raise PermissionDenied(refusal)


def people_invite(*, user_ids: list[int]) -> None:
    """Send the new people their invitation to sign in once the transaction
    commits: whether HR typed them in or imported them, they get the same
    e-mail (`people.invitations`), and a rolled-back change sends nothing."""
    if user_ids:
        ids = list(user_ids)
        transaction.on_commit(lambda: invite_people.enqueue(ids))


def person_emails_follow(*, emails: dict[int, str]) -> None:
    """Make allauth's addresses follow the e-mail HR set ({person id: address}).

    allauth signs people in and sends password-reset links by its own address
    rows as well as by `User.email`: a row left with the old address would keep
    it working for both. Each person keeps exactly one row, the new address.
    Pending reset links die with the change, because allauth's reset token is
    computed over the person's addresses."""
    if not emails:
        return
    EmailAddress.objects.filter(user_id__in=list(emails)).delete()
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email, primary=True, verified=False)
            for pk, email in emails.items()
        ],
        batch_size=1000,
    )


@transaction.atomic
def person_roles_set(*, person: User, by: User, groups: Iterable[Group]) -> None:
    """Give `person` exactly `groups` among the roles `by` may give
    (`roles.grantable_groups`); any other group the person has stays as it is.
    Roles decide what someone may change or publish, so each change is audited."""
    wanted = set(groups)
    refusal = roles.roles_change_refusal(by, person, wanted)
    if refusal:
        raise PermissionDenied(refusal)
    allowed = set(roles.grantable_groups(by, to=person))
    current = set(person.groups.all())
    new = (current - allowed) | wanted
    if new == current:
        return
    person.groups.set(new)
    log(
        instance=person,
        action="lms.person.roles",
        user=by,
        data={
            "added": sorted(group.name for group in new - current),
            "removed": sorted(group.name for group in current - new),
        },
    )


@transaction.atomic
def person_save(
    *, person: User, by: User, groups: Iterable[Group] | None = None
) -> User:
    """Create or edit a person from HR's form; the change is audited because
    department, manager and hire date decide what training is required.

    `groups` are the roles the person has among those `by` may give (the others
    stay as they are; None leaves them all); a new person given none keeps the
    default one, Learner. Every new person is invited to sign in, as imported
    people are."""
    created = person.pk is None
    if created:
        person.set_unusable_password()
        old_email = None
    else:
        _require_may_manage(person=person, by=by)
        old_email = (
            User.objects.filter(pk=person.pk).values_list("email", flat=True).first()
        )
    person.full_clean(exclude=["password"])
    person.save()
    if created or old_email != person.email:
        person_emails_follow(emails={person.pk: person.email})
    if groups is not None and (groups or not created):
        person_roles_set(person=person, by=by, groups=groups)
    log(
        instance=person,
        action="lms.person.create" if created else "lms.person.edit",
        user=by,
        data={"employee_id": person.employee_id, "email": person.email},
    )
    if created and person.is_active and person.email:
        people_invite(user_ids=[person.pk])
    return person


def _active_set(*, person: User, by: User, active: bool) -> User:
    _require_may_manage(person=person, by=by)
    person.is_active = active
    person.save(update_fields=["is_active"])
    log(
        instance=person,
        action="lms.person.reactivate" if active else "lms.person.deactivate",
        user=by,
        data={"employee_id": person.employee_id},
    )
    return person


@transaction.atomic
def person_deactivate(*, person: User, by: User) -> User:
    """A leaver: cannot log in any more, but every record and certificate stays."""
    return _active_set(person=person, by=by, active=False)


@transaction.atomic
def person_reactivate(*, person: User, by: User) -> User:
    return _active_set(person=person, by=by, active=True)


@transaction.atomic
def people_import_upload(*, uploaded_file, by: User) -> PeopleImport:
    people_import = PeopleImport(
        file_name=(uploaded_file.name or "import.csv")[-255:], uploaded_by=by
    )
    people_import.file.save(
        uploaded_file.name or "import.csv", uploaded_file, save=False
    )
    people_import.full_clean()
    people_import.save()
    return people_import


def people_import_plan(*, people_import: PeopleImport, by: User | None = None):
    """The plan of an uploaded file, read with the column mapping HR saved for
    its header row, if any (otherwise the header names are recognised)."""
    with people_import.file.open("rb") as handle:
        raw = handle.read()
    header, _error = read_header(raw)
    saved = (
        ImportColumnMapping.objects.filter(headers_key=headers_key(header))
        .values_list("fields", flat=True)
        .first()
        if header
        else None
    )
    return build_plan(raw, importer=by, fields=saved)


@transaction.atomic
def import_column_mapping_save(
    *, headers: list[str], fields: list[str], by: User
) -> ImportColumnMapping:
    """Remember how HR matched this header row, for every later file with it.
    The form has checked the fields; the change is logged as it decides what an
    import writes into people's records."""
    mapping, _created = ImportColumnMapping.objects.update_or_create(
        headers_key=headers_key(headers),
        defaults={"headers": list(headers), "fields": list(fields), "updated_by": by},
    )
    log(
        instance=mapping,
        action="lms.people.import_mapping",
        user=by,
        data={"headers": list(headers), "fields": list(fields)},
    )
    return mapping


def department_code(name: str, taken: set[str]) -> str:
    """A new department's code from its name, unique among `taken` (which it
    extends)."""
    base = slugify(name)[:34] or "reparto"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    taken.add(code)
    return code
