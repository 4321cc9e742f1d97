"""`/api/v1/observations`: read-only, paginated, documented."""

import pytest

from observations.services import observation_create
from tests.observations.builders import make_checklist, observe


def test_submitted_observations_with_filters(api, company):
    anna, luca = company["anna"], company["luca"]
    checklist = make_checklist("Sportello")
    passed = observe(anna, luca, checklist, level=3)
    failed = observe(anna, luca, checklist, level=0)
    observation_create(observer=anna, agent=luca, checklist=checklist)  # a draft
    body = api("/observations").json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["id"] == passed.pk
    assert first["employee_id"] == "A2"
    assert first["checklist"] == "Sportello"
    assert first["passed"] is True and first["score"] == 100.0
    assert first["parameters"]["Sicurezza"] == 100.0
    assert first["state"] == "submitted"
    only_failed = api("/observations", passed="false").json()["items"]
    assert [row["id"] for row in only_failed] == [failed.pk]
    assert api("/observations", department="assistenza").json()["count"] == 0
    assert api("/observations", department="vendite").json()["count"] == 2
    assert api("/observations", limit=1, offset=1).json()["items"][0]["id"] == failed.pk
    assert api("/observations", updated_since="not a date").status_code == 422


def test_documented_in_the_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/observations" in schema["paths"]


@pytest.mark.parametrize("rows", [2, 20])
def test_query_count_is_flat(
    api,
    company,
    rows,
    django_assert_max_num_queries,
):
    checklist = make_checklist()
    for _n in range(rows):
        observe(company["anna"], company["luca"], checklist)
    with django_assert_max_num_queries(6):
        assert api("/observations", limit=100).status_code == 200
