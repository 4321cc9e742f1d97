"""Reads for HR: everyone's training status, in a fixed number of queries."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Department, PeopleImport, User


def search_q(search: str, *, prefix: str = "") -> Q:
    """People whose name, e-mail or employee ID contains `search`, in any case
    (`prefix` "user__" applies it through a relation)."""
    return (
        Q(**{f"{prefix}first_name__icontains": search})
        | Q(**{f"{prefix}last_name__icontains": search})
        | Q(**{f"{prefix}email__icontains": search})
        | Q(**{f"{prefix}employee_id__icontains": search})
    )


def people_for_hr(
    *, department: Department | None = None, search: str = ""
) -> QuerySet[User]:
    people = User.objects.filter(is_active=True).select_related("department")
    if department is not None:
        people = people.filter(department=department)
    if search:
        people = people.filter(search_q(search))
    return people.order_by("last_name", "first_name", "email")


def people_directory(
    *,
    search: str = "",
    department: Department | None = None,
    manager: User | None = None,
    role: str = "",
    active: str = "",
    hired_from=None,
    hired_to=None,
) -> QuerySet[User]:
    """The HR directory: everyone, leavers included, so their records stay
    reachable; `active` narrows it when HR asks."""
    people = User.objects.select_related("department", "manager").prefetch_related(
        "groups"
    )
    if search:
        people = people.filter(search_q(search))
    if department is not None:
        people = people.filter(department=department)
    if manager is not None:
        people = people.filter(manager=manager)
    if role:
        people = people.filter(groups__name=role)
    if active == "yes":
        people = people.filter(is_active=True)
    elif active == "no":
        people = people.filter(is_active=False)
    if hired_from:
        people = people.filter(hire_date__gte=hired_from)
    if hired_to:
        people = people.filter(hire_date__lte=hired_to)
    return people.order_by("last_name", "first_name", "email", "pk")


def managers() -> QuerySet[User]:
    """People who have at least one report: the choices of a manager filter.
    An EXISTS per person rather than a join made DISTINCT over whole user rows,
    which cost tens of milliseconds with hundreds of managers."""
    return User.objects.filter(
        Exists(User.objects.filter(manager=OuterRef("pk")))
    ).order_by("last_name", "first_name", "email")


def managers_matching(search: str, *, limit: int) -> list[User]:
    """The first `limit` managers, in name order, matching every word of
    `search`: "capo carla" finds Carla Capo, whose label reads surname first."""
    condition = Q()
    for word in search.split():
        condition &= search_q(word)
    return list(
        managers()
        .filter(condition)
        .only("pk", "first_name", "last_name", "email", "employee_id")[:limit]
    )


def email_in_use(email: str, *, exclude_pk: int | None = None) -> bool:
    """Whether another person signs in with this address: their e-mail, or an
    address allauth still knows them by. Compared without case, as logins are."""
    people = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        people = people.exclude(pk=exclude_pk)
        addresses = addresses.exclude(user_id=exclude_pk)
    return people.exists() or addresses.exists()


def people_imports_of(user: User, *, limit: int = 10) -> list[PeopleImport]:
    """The last imports `user` confirmed, newest first, for the upload page: the
    way back to a run's status page (a stopped one's "Riprendi") once its own
    page was closed. Previews never confirmed are left out: nothing ran."""
    return list(
        PeopleImport.objects.filter(uploaded_by=user)
        .exclude(status=PeopleImport.Status.PREVIEWED)
        .order_by("-confirmed_at", "-pk")[:limit]
    )
