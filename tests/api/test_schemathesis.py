"""Property-based run of the API against its own OpenAPI schema: whatever
schemathesis generates within the schema (and outside it, for negative cases),
the API answers with JSON and never a 500."""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from api.services import api_token_create
from certifications.models import CertificationStatus
from people.models import Department
from tests.builders import make_requirement, make_status, make_user

MAX_EXAMPLES = 25


@pytest.fixture
def data(db, hr):
    care = Department.objects.create(name="Assistenza", code="assistenza")
    anna = make_user("anna@test.it", department=care, employee_id="A1")
    make_status(anna, make_requirement(), CertificationStatus.Status.CERTIFIED)
    _token, raw = api_token_create(name="schemathesis", by=hr)
    return raw


def test_no_500_anywhere(client, data, settings):
    settings.LMS_API_RATE = "100000/m"
    cache.clear()
    raw = client.get("/api/v1/openapi.json").json()
    schema = schemathesis.openapi.from_dict(raw)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    seen = []

    for operation in operations:
        strategy = st.one_of(
            operation.as_strategy(),
            operation.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE),
        )

        @hypothesis_settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def check(case):
            response = client.get(
                case.formatted_path,
                case.query or {},
                HTTP_AUTHORIZATION=f"Bearer {data}",
            )
            seen.append(response.status_code)
            assert response.status_code < 500, (case.formatted_path, case.query)
            assert response["Content-Type"].startswith("application/json")

        check()
    assert 200 in seen and 422 in seen
