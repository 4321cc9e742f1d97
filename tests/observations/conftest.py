# The API tests' token, client and company, for /api/v1/observations.
from tests.api.test_api import api, company, token  # noqa: F401
