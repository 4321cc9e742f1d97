import datetime

import pytest
from django.utils import timezone
from openapi_spec_validator import validate

from api.models import ApiToken
from certifications.models import CertificationStatus
from people import roles
from tests.builders import (
    make_departments,
    make_person,
    make_requirement,
    make_status,
    make_user,
)
from tests.concurrency import at_once

S = CertificationStatus.Status
TODAY = timezone.localdate()


@pytest.fixture
def token(login, hr):
    page = login(hr).post("/hr/api/token/", {"name": "Sistema paghe"})
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    start = html.index('value="lms_') + len('value="')
    return html[start : html.index('"', start)]


@pytest.fixture
def api(client, token):
    def get(path, **params):
        return client.get(
            "/api/v1" + path, params, HTTP_AUTHORIZATION=f"Bearer {token}"
        )

    return get


@pytest.fixture
def company(db):
    care, sales = make_departments()
    anna = make_person("anna", department=care, employee_id="A1")
    luca = make_person("luca", department=sales, employee_id="A2", manager=anna)
    privacy = make_requirement("Privacy e GDPR", validity_months=12)
    make_status(anna, privacy, S.CERTIFIED, valid_until=TODAY + datetime.timedelta(90))
    make_status(luca, privacy, S.OVERDUE, due_date=TODAY)
    return locals()


def test_token_is_stored_only_as_a_hash_and_shown_once(login, hr, token):
    stored = ApiToken.objects.get()
    assert token not in {stored.token_hash, stored.prefix, stored.name}
    assert stored.prefix == token[:12] and len(stored.token_hash) == 64
    page = login(hr).get("/hr/api/token/").content.decode()
    assert token not in page and "Sistema paghe" in page


def test_the_token_list_states_each_token_s_status(login, hr, token):
    client = login(hr)
    page = client.get("/hr/api/token/").content.decode()
    assert '<span class="badge badge--success">Attivo</span>' in page
    client.post(f"/hr/api/token/{ApiToken.objects.get().pk}/revoca/")
    page = client.get("/hr/api/token/").content.decode()
    assert "Attivo</span>" not in page and "Revocato</span>" in page


def test_people_with_statuses_filters_and_stable_order(api, company):
    data = api("/people").json()
    assert data["count"] >= 2
    ids = [p["id"] for p in data["items"]]
    assert ids == sorted(ids)
    anna = next(p for p in data["items"] if p["employee_id"] == "A1")
    assert anna["department"] == "assistenza"
    assert anna["statuses"][0]["status"] == "certified"
    assert anna["statuses"][0]["certification"] == "Privacy e GDPR"
    only = api("/people", department="vendite").json()["items"]
    assert [p["employee_id"] for p in only] == ["A2"]
    assert only[0]["manager_employee_id"] == "A1"
    overdue = api("/people", status="overdue").json()["items"]
    assert [p["employee_id"] for p in overdue] == ["A2"]
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    assert api("/people", updated_since=future).json()["items"] == []
    page = api("/people", limit=1, offset=1).json()
    assert len(page["items"]) == 1 and page["items"][0]["id"] == ids[1]
    assert api("/people/A1").json()["email"] == "anna@test.it"


def test_statuses_certifications_and_courses(api, company, course):
    rows = api("/statuses", status="certified").json()["items"]
    assert [r["employee_id"] for r in rows] == ["A1"]
    assert api("/certifications").json()["items"][0]["name"] == "Privacy e GDPR"
    courses = api("/courses").json()["items"]
    assert courses[0]["title"] == "Fondamenti del servizio"


def test_certificates_with_verification(
    api, learner, course, login, django_capture_on_commit_callbacks
):
    from courses.selectors import course_modules
    from tests.builders import take_quiz

    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    with django_capture_on_commit_callbacks(execute=True):
        take_quiz(client, course)
    client.logout()
    items = api("/certificates").json()["items"]
    assert len(items) == 1 and items[0]["valid"] is True
    code = items[0]["verification_code"]
    one = api(f"/certificates/{code.lower()}").json()
    assert one["verification_code"] == code and one["verify_url"].endswith(
        f"/verifica/{code}/"
    )
    assert api("/certificates", status="revoked").json()["items"] == []
    missing = api("/certificates/NOPE")
    assert missing.status_code == 404 and missing.json() == {"detail": "Non trovato."}


def test_extreme_timezone_offsets_are_accepted(api, company):
    # Found by schemathesis: PostgreSQL refused +23:17 until values became UTC.
    response = api("/people", updated_since="0100-06-26T23:59:22+23:17")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"status": "bogus"}, 422),
        ({"limit": 0}, 422),
        ({"limit": 10_000}, 422),
        ({"offset": -1}, 422),
        ({"offset": 10**30}, 422),
        ({"updated_since": "yesterday"}, 422),
        # In range as typed, out of range once in UTC.
        ({"updated_since": "0001-01-01T00:00:00+23:00"}, 422),
        ({"department": "a\x00b"}, 422),
    ],
)
def test_bad_input_is_a_clear_json_error(api, company, params, status):
    response = api("/people", **params)
    assert response.status_code == status
    assert "detail" in response.json()


def test_unknown_and_revoked_tokens_get_401(client, login, hr, token, company):
    assert client.get("/api/v1/people").status_code == 401
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401 and "detail" in response.json()
    web = login(hr)
    stored = ApiToken.objects.get()
    web.post(f"/hr/api/token/{stored.pk}/revoca/")
    web.logout()
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401


def test_read_only(client, token, company):
    response = client.post("/api/v1/people", {}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 405


def test_rate_limited(api, company, settings):
    settings.LMS_API_RATE = "3/m"
    assert [api("/certifications").status_code for _ in range(4)] == [
        200,
        200,
        200,
        429,
    ]


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER])
def test_only_hr_manages_tokens(client, db, role):
    client.force_login(make_user("x@test.it", role=role))
    assert client.get("/hr/api/token/").status_code == 403
    assert client.post("/hr/api/token/", {"name": "x"}).status_code == 403


def test_openapi_schema_is_valid(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert "/api/v1/people" in schema["paths"]


@pytest.mark.parametrize("people", [2, 25])
def test_query_count_is_flat(api, company, people, django_assert_max_num_queries):
    for n in range(people):
        person = make_user(f"p{n}@test.it", employee_id=f"P{n}")
        make_status(person, company["privacy"], S.NOT_STARTED)
    with django_assert_max_num_queries(7):
        assert api("/people", limit=100).status_code == 200


def test_token_creation_and_revocation_are_audited(login, hr, token):
    from wagtail.models import ModelLogEntry

    stored = ApiToken.objects.get()
    login(hr).post(f"/hr/api/token/{stored.pk}/revoca/")
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"lms.apitoken.create", "lms.apitoken.revoke"} <= actions


def _shared_redis_cache():
    """Redis database 13 of the shared server (this suite's own), or a skip."""
    import redis

    url = "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
        }
    }


@pytest.mark.parametrize("where", ["local memory", "redis"])
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_token_limit_holds_under_parallel_requests(token, company, settings, where):
    """Twelve requests released at once on one token with room for five: exactly
    five get through, whatever the interleaving (ninja's read-modify-write of a
    list of timestamps let parallel requests through together)."""
    from django.db import connection
    from django.test import Client

    if connection.vendor == "sqlite":
        pytest.skip("parallel connections need PostgreSQL")
    if where == "redis":
        settings.CACHES = _shared_redis_cache()
    settings.LMS_API_RATE = "5/h"

    def call():
        return (
            Client()
            .get("/api/v1/certifications", HTTP_AUTHORIZATION=f"Bearer {token}")
            .status_code
        )

    statuses, errors = at_once([call] * 12)
    assert errors == []
    assert sorted(statuses) == [200] * 5 + [429] * 7
    if where == "redis":
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/13").flushdb()


def test_status_and_date_filters_hold_for_the_same_status_row(api, company):
    """An incremental sync of "who became overdue since X" must not list Anna:
    she has been overdue on one certification for a month, and only her other
    one changed since X."""
    anna = company["anna"]
    since = timezone.now() - datetime.timedelta(hours=1)
    CertificationStatus.objects.filter(user=anna).update(
        status=S.OVERDUE, updated_at=since - datetime.timedelta(days=30)
    )
    code_of_conduct = make_requirement("Codice di condotta", validity_months=12)
    make_status(anna, code_of_conduct, S.CERTIFIED, valid_until=TODAY)
    overdue_since = api("/people", status="overdue", updated_since=since.isoformat())
    assert [p["employee_id"] for p in overdue_since.json()["items"]] == ["A2"]
    changed = api("/people", updated_since=since.isoformat()).json()["items"]
    assert [p["employee_id"] for p in changed] == ["A1", "A2"]
    rows = api("/statuses", status="certified", updated_since=since.isoformat())
    assert [r["certification"] for r in rows.json()["items"]] == ["Codice di condotta"]


def test_an_empty_filter_is_no_filter_and_a_bad_one_is_a_clear_error(api, company):
    everyone = api("/people").json()["count"]
    assert api("/people", department="").json()["count"] == everyone
    assert api("/statuses", department="").json()["count"] == 2
    too_long = api("/attendance", department="x" * 41)
    assert too_long.status_code == 422 and "detail" in too_long.json()
    assert api("/sessions", course=0).status_code == 422
    assert api("/observations", updated_since="domani").status_code == 422


# The dates of a period: the range HR's date fields take, and ten years at most.
OUT_OF_RANGE = "Indica una data dal 01/01/1900 al 31/12/2999."


def test_an_api_period_outside_the_range_is_a_422_with_the_message(api, company):
    for query in (
        {"start": "9999-12-01", "end": "9999-12-31"},
        {"start": "0001-01-01", "end": "0001-12-31"},
    ):
        response = api("/hours", **query)
        assert response.status_code == 422, query
        assert OUT_OF_RANGE in response.content.decode(), query
    response = api("/hours", start="2026-01-01", end="2026-12-31")
    assert response.status_code == 200
    assert len(response.json()["items"]) == 3


def test_an_api_period_longer_than_ten_years_is_a_422(api, company):
    """The same ten years as HR's page: longer asks every row the company has."""
    response = api("/hours", start="1900-01-01", end="2999-12-31")
    assert response.status_code == 422
    assert "al massimo 10 anni" in response.content.decode()
    assert api("/hours", start="2016-01-01", end="2025-12-31").status_code == 200
