"""The site's own pages for requests Django refuses before a view answers."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def _back(request) -> str:
    """The page the person came from, when it is on this site; else ""."""
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def csrf_failure(request, reason=""):
    """A refused form (`CSRF_FAILURE_VIEW`), in the site's layout.

    Its usual cause is harmless: a page left open across a sign-in or a
    sign-out in another tab, or past the session, sends a token no longer
    valid. Django's own page says so in developer terms and offers no way on;
    this one, rendered with the request, says the page expired, links back, and
    sets a fresh token for the retry."""
    return render(request, "403_csrf.html", {"back": _back(request)}, status=403)
