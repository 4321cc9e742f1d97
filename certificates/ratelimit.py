"""Per-client limit on verification look-ups, so codes cannot be enumerated.

A fixed window in Django's cache, keyed by the client's address. It fails closed:
if the cache cannot be reached, the look-up is refused rather than unlimited.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

DEFAULT_LIMIT = 30
DEFAULT_PERIOD = 60
RATE_LIMITED = _("Troppe verifiche in poco tempo. Riprova tra un minuto.")


def _allowed(request) -> bool:
    limit = getattr(settings, "CERTIFICATES_VERIFY_RATE_LIMIT", DEFAULT_LIMIT)
    period = getattr(settings, "CERTIFICATES_VERIFY_RATE_PERIOD", DEFAULT_PERIOD)
    client = request.META.get("REMOTE_ADDR") or "unknown"
    key = f"certificates:verify:{client}:{int(time.time() // period)}"
    try:
        cache.add(key, 0, timeout=period + 1)
        return cache.incr(key) <= limit
    except Exception:  # noqa: BLE001 - no cache, no unlimited guessing
        return False


def rate_limited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _allowed(request):
            if request.path.endswith(".json"):
                response = JsonResponse({"error": str(RATE_LIMITED)}, status=429)
            else:
                response = render(request, "certificates/rate_limited.html", status=429)
            response.headers["Retry-After"] = str(
                getattr(settings, "CERTIFICATES_VERIFY_RATE_PERIOD", DEFAULT_PERIOD)
            )
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
            return response
        return view(request, *args, **kwargs)

    return wrapper
