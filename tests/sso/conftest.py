from tests.sso.oidc_provider import oidc_provider  # noqa: F401
from tests.sso.saml_idp import saml_idp  # noqa: F401
