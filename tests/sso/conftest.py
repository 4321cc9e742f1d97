from tests.sso.oidc_provider import oidc_provider  # noqa: F401
