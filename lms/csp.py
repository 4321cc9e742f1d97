"""The Content Security Policy, with one scoped exception.

The site's own pages allow scripts and styles from our origin only. The Wagtail
admin renders inline scripts (inline panels, date widgets) and inline styles, so
under /admin/ — and only there — 'unsafe-inline' is added for those two.
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
        return parts
