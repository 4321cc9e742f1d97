"""Per-client limit on verification look-ups, so codes cannot be enumerated.

A fixed window in the shared cache (`lms.ratelimit`), keyed by the client's
address as allauth reads it behind the proxy. Verification is a public read:
when the cache cannot be reached the look-up is answered (fail open, logged as
an error) rather than refused with a 429 that blames the visitor.
"""

import functools

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from lms.ratelimit import client_address, hit

DEFAULT_LIMIT = 30
DEFAULT_PERIOD = 60
RATE_LIMITED = _("Troppe verifiche in poco tempo. Riprova tra un minuto.")


def rate_limited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        result = hit(
            scope="certificates:verify",
            ident=client_address(request),
            limit=getattr(settings, "CERTIFICATES_VERIFY_RATE_LIMIT", DEFAULT_LIMIT),
            period=getattr(settings, "CERTIFICATES_VERIFY_RATE_PERIOD", DEFAULT_PERIOD),
        )
        if not result.allowed:
            if request.path.endswith(".json"):
                response = JsonResponse({"error": str(RATE_LIMITED)}, status=429)
            else:
                response = render(
                    request,
                    "certificates/rate_limited.html",
                    {"title": _("Troppe verifiche")},
                    status=429,
                )
            response.headers["Retry-After"] = str(result.retry_after)
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
            return response
        return view(request, *args, **kwargs)

    return wrapper
