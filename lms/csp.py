"""The Content Security Policy, with one scoped exception.

The site's own pages allow scripts and styles from our origin only. The Wagtail
admin renders inline scripts (inline panels, date widgets) and inline styles, so
under /admin/ — and only there — 'unsafe-inline' is added for those two. The
account pages may send forms on to the company sign-in providers.
"""

from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"
ADMIN_RELAXATION = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}


class ScopedCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            update = dict(parts.update or {})
            for directive, sources in ADMIN_RELAXATION.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        if not report_only and request.path_info.startswith(ACCOUNT_PREFIX):
            origins = company_sign_in_origins(request)
            if origins:
                update = dict(parts.update or {})
                update["form-action"] = [*update.get("form-action", []), *origins]
                parts.update = update
        return parts


ACCOUNT_PREFIX = "/account/"


def company_sign_in_origins(request) -> list[str]:
    """The company identity providers' origins (people/sso.py): the company
    sign-in button posts to us and we redirect to the provider, and browsers
    hold that redirect to the sign-in page's `form-action`. Only the account
    pages get them."""
    from urllib.parse import urlsplit

    from allauth.socialaccount.adapter import get_adapter

    origins = []
    for app in get_adapter(request).list_apps(request):
        config = app.settings or {}
        # OpenID Connect: the issuer; SAML: the IdP's sign-in address, or its
        # metadata's (the same host for Entra ID, ADFS, Keycloak).
        idp = config.get("idp") or {}
        address = config.get("server_url") or idp.get("sso_url") or ""
        address = address or idp.get("metadata_url") or ""
        url = urlsplit(address)
        if url.scheme in ("https", "http") and url.netloc:
            origin = f"{url.scheme}://{url.netloc}"
            if origin not in origins:
                origins.append(origin)
    return origins
