"""Who may reach every URL of the project.

`URLS` has one entry per named URL pattern of the project (walked from the root
resolver, so a new URL without an entry fails `test_every_url_has_an_entry`).
Each entry says how to call it and what each role gets. Third-party URL trees
(Wagtail admin, allauth, Wagtail's documents and utility views) are covered by
the prefix rules in `THIRD_PARTY`.

To add a URL: add one `Access(...)` line keyed by its name ("app:name"); `url`
receives the `World` built below (two learners with attempts and certificates,
a manager, a trainer, HR, a superuser, a course) and returns the path.
Outcomes: an HTTP status, or LOGIN (a redirect to the login page).
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents.models import Document

from certificates.models import Certificate
from courses.models import Enrollment
from courses.selectors import course_modules
from people import roles
from people.models import User
from quizzes.models import Attempt
from tests.builders import PASSWORD, certify_through_pages, make_course, make_user

ROLES = ("anonymous", "learner", "trainer", "hr", "manager", "superuser")
LOGIN = "login"


@dataclass
class Access:
    url: object  # (World) -> path
    method: str = "GET"
    data: dict = field(default_factory=dict)
    anonymous: object = LOGIN
    learner: object = 200
    trainer: object = 200
    hr: object = 200
    manager: object = 200
    superuser: object = 200

    def expected(self, role):
        return getattr(self, role)


def everyone(url, status=200, **kw):
    return Access(
        url,
        anonymous=status,
        learner=status,
        trainer=status,
        hr=status,
        manager=status,
        superuser=status,
        **kw,
    )


def signed_in(url, status=200, **kw):
    return Access(
        url,
        learner=status,
        trainer=status,
        hr=status,
        manager=status,
        superuser=status,
        **kw,
    )


# Project URLs, one entry per URL name. The learner owns the attempt and the
# certificate used below; everyone else is a stranger to them (HR may download
# certificates). Nobody but the learner is enrolled in the course.
URLS = {  # fmt: skip
    "health_live": everyone(lambda w: "/health/live/"),
    "health_ready": everyone(lambda w: "/health/ready/"),
    "people:training_status": Access(
        lambda w: "/hr/stato-formazione/",
        learner=403,
        trainer=403,
        manager=403,
        hr=200,
        superuser=200,
    ),
    "people:set_language": everyone(
        lambda w: "/lingua/", 302, method="POST", data={"language": "en"}
    ),
    "courses:my_training": signed_in(lambda w: "/la-mia-formazione/"),
    "courses:enrol": signed_in(
        lambda w: f"/corsi/{w.other_course.pk}/iscrizione/", 302, method="POST"
    ),
    # Not enrolled: sent back to the course page (302), nothing recorded.
    "courses:complete_module": signed_in(
        lambda w: f"/moduli/{w.module.pk}/completa/", 302, method="POST"
    ),
    # The learner has passed, so the quiz is closed for them too (302).
    "quizzes:take": signed_in(lambda w: f"/quiz/{w.course.pk}/", 302),
    "quizzes:result": Access(
        lambda w: f"/quiz/tentativi/{w.attempt.pk}/",
        learner=200,
        trainer=404,
        hr=404,
        manager=404,
        superuser=404,
    ),
    "certificates:download": Access(
        lambda w: f"/certificati/{w.certificate.pk}/pdf/",
        learner=200,
        trainer=404,
        hr=200,
        manager=404,
        superuser=200,
    ),
    "certificates:verify_lookup": everyone(lambda w: "/verifica/"),
    "certificates:verify": everyone(
        lambda w: f"/verifica/{w.certificate.verification_code}/"
    ),
    "personal_data": Access(
        lambda w: f"/hr/persone/{w.users['learner'].pk}/dati-personali/",
        learner=403,
        trainer=403,
        manager=403,
    ),
    "personal_data_export": Access(
        lambda w: f"/hr/persone/{w.users['learner'].pk}/dati-personali/esporta/",
        learner=403,
        trainer=403,
        manager=403,
    ),
    # The learner is active, so HR is told it cannot be done (redirect back).
    "personal_data_anonymise": Access(
        lambda w: f"/hr/persone/{w.users['learner'].pk}/dati-personali/anonimizza/",
        method="POST",
        learner=403,
        trainer=403,
        manager=403,
        hr=302,
        superuser=302,
    ),
    "admin_login_redirect": everyone(lambda w: "/admin/login/", LOGIN),
    # Wagtail's page tree: the home and course pages are public summaries; a
    # module is read only by learners enrolled in its course (others are sent
    # to the course page).
    "wagtail_serve": everyone(lambda w: w.course.url),
    "wagtail_serve:module": Access(
        lambda w: w.module.url,
        anonymous=LOGIN,
        learner=200,
        trainer=302,
        hr=302,
        manager=302,
        superuser=302,
    ),
}

# Third-party URL trees, by prefix. Every pattern under these prefixes without
# URL arguments is requested with GET by anonymous and by a learner: neither may
# ever get a page of the admin, and nothing may fail with a server error.
THIRD_PARTY = {
    "admin/": {"anonymous": {302, 404, 405}, "learner": {302, 403, 404, 405}},
    "account/": {"anonymous": {200, 302, 405}, "learner": {200, 302, 404, 405}},
    "documents/": {"anonymous": {200, 302, 404, 405}},
    "_util/": {"anonymous": {200, 302, 404, 405}},
}


# Static assets of the admin, the same for everybody.
PUBLIC_ASSETS = {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog"}


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield prefix + str(pattern.pattern), name, pattern


def project_urls():
    return [
        (route, name)
        for route, name, _ in walk(get_resolver().url_patterns)
        if not route.startswith(tuple(THIRD_PARTY))
    ]


def test_every_url_has_an_entry():
    missing = [
        f"{route} ({name})"
        for route, name in project_urls()
        if name is None or name not in URLS
    ]
    assert missing == [], "add these URLs to URLS in " + __file__


def test_no_entry_is_stale():
    names = {name for _, name, _ in walk(get_resolver().url_patterns)}
    stale = {key for key in URLS if key.split(":module")[0] not in names}
    assert stale == set()


@dataclass
class World:
    course: object
    other_course: object
    module: object
    attempt: Attempt
    certificate: Certificate
    users: dict


@pytest.fixture
def world(catalogue, django_capture_on_commit_callbacks):
    learner = make_user("agente@test.it", role=roles.LEARNER)
    manager = make_user("capo@test.it", role=roles.LEARNER, first_name="Capo")
    learner.manager = manager
    learner.save()
    users = {
        "learner": learner,
        "manager": manager,
        "trainer": make_user("formatore@test.it", role=roles.TRAINER),
        "hr": make_user("hr@test.it", role=roles.HR),
        "superuser": User.objects.create_superuser(
            email="admin@test.it", password=PASSWORD
        ),
    }
    course = make_course(catalogue, title="Corso", modules=2)
    other_course = make_course(catalogue, title="Altro", modules=1)
    client = Client()
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
    return World(
        course=course,
        other_course=other_course,
        module=course_modules(course=course)[0],
        attempt=Attempt.objects.get(user=learner),
        certificate=certificate,
        users=users,
    )


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(
        "/account/login/"
    ):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("name", sorted(URLS))
def test_who_may_reach(name, world):
    access = URLS[name]
    got, want = {}, {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        path = access.url(world)
        call = client.post if access.method == "POST" else client.get
        got[role] = outcome(call(path, access.data))
        want[role] = access.expected(role)
    assert got == want


def test_third_party_trees_never_open_to_the_wrong_people(world):
    problems = []
    for route, name, _pattern in walk(get_resolver().url_patterns):
        rule = next(
            (r for prefix, r in THIRD_PARTY.items() if route.startswith(prefix)), None
        )
        if rule is None or "<" in route or "(" in route or "^" in route:
            continue
        if name in PUBLIC_ASSETS or name in URLS:
            continue
        for role, allowed in rule.items():
            client = Client()
            if role != "anonymous":
                client.force_login(world.users[role])
            status = client.get("/" + route).status_code
            if status not in allowed:
                problems.append(f"{role} GET /{route} ({name}): {status}")
    assert problems == [], "\n".join(problems)


# Object level: whatever IDs a learner types, another person's records stay closed.


@pytest.fixture
def stranger(world, catalogue, django_capture_on_commit_callbacks):
    other = make_user("altro@test.it", role=roles.LEARNER, first_name="Altro")
    client = Client()
    client.force_login(other)
    course = make_course(catalogue, title="Suo corso", modules=1)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
    return other, certificate


def test_a_learner_cannot_read_anothers_attempt_or_certificate(world, stranger):
    other, certificate = stranger
    attempt = Attempt.objects.get(user=other)
    client = Client()
    client.force_login(world.users["learner"])
    assert client.get(f"/quiz/tentativi/{attempt.pk}/").status_code == 404
    assert client.get(f"/certificati/{certificate.pk}/pdf/").status_code == 404
    # Every nearby ID is closed too, not just the one we know about.
    own = {world.attempt.pk}
    for pk in range(1, attempt.pk + 3):
        status = client.get(f"/quiz/tentativi/{pk}/").status_code
        assert status == (200 if pk in own else 404), pk
    for pk in range(1, certificate.pk + 3):
        status = client.get(f"/certificati/{pk}/pdf/").status_code
        assert status == (200 if pk == world.certificate.pk else 404), pk
    # The public verification page shows the record, never the PDF.
    page = client.get(f"/verifica/{certificate.verification_code}/")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")


def test_a_learner_sees_only_their_own_progress(world, stranger):
    other, _ = stranger
    client = Client()
    client.force_login(world.users["learner"])
    page = client.get("/la-mia-formazione/").content.decode()
    assert "Suo corso" not in page
    assert client.get("/hr/stato-formazione/").status_code == 403
    # The module of a course they are not enrolled in stays closed.
    module = course_modules(course=stranger[1].course)[0]
    response = client.get(module.url)
    assert response.status_code == 302
    assert "Modulo 1" not in response.content.decode()
    client.post(f"/moduli/{module.pk}/completa/")
    assert not Enrollment.objects.filter(
        user=world.users["learner"], course=stranger[1].course
    ).exists()


def test_documents_tree_has_a_served_document(world):
    from django.core.files.base import ContentFile

    document = Document(title="Guida")
    document.file.save("guida.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    response = Client().get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
