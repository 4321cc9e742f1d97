"""allauth's own company sign-in providers, each extended by what the project's
rules (people/sso.py) need and allauth does not keep. Registered through
`SOCIALACCOUNT_PROVIDERS[<id>]["provider_class"]`; allauth's URLs and views
stay theirs (`package`).
"""

from __future__ import annotations

import secrets

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
)
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from django.core.exceptions import PermissionDenied

from .sso import NONCE_STATE_KEY


class CompanyOpenIDConnectProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider, sending a `nonce` (OpenID Connect
    Core §3.1.2.1) and keeping it with the sign-in's state, so that an ID token
    minted for another sign-in is refused (`people.sso.nonce_matches`, checked
    in the social account adapter). allauth's code flow sends none."""

    package = "allauth.socialaccount.providers.openid_connect"

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = {**auth_params, "nonce": nonce}
        return super().redirect(
            request,
            process,
            next_url,
            data,
            auth_params=auth_params,
            **{NONCE_STATE_KEY: nonce},
            **kwargs,
        )


class CompanySAMLProvider(SAMLProvider):
    """allauth's SAML 2.0 provider, keeping next to the attributes the
    assertion's AuthnContextClassRef values, which say how the person signed in
    at the identity provider (`people.sso.mfa_asserted` reads them)."""

    package = "allauth.socialaccount.providers.saml"

    def unstash_redirect_state(self, request, state_id):
        # A response whose sign-in this browser did not start (a replay, or a
        # response carried to another browser) finds no state: allauth raises
        # PermissionDenied, which would show a bare 403; say what happened.
        try:
            return super().unstash_redirect_state(request, state_id)
        except PermissionDenied:
            raise ImmediateHttpResponse(
                render_authentication_error(request, self)
            ) from None

    def extract_extra_data(self, data):
        return {
            "attributes": data.get_attributes(),
            "authn_contexts": list(data.get_last_authn_contexts() or []),
        }
