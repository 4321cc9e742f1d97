"""Site-wide middleware: request IDs, a clear page when the database is
unreachable, two-factor enrolment for privileged roles, no sign-in loop for
people already signed in, and a page for a button's address opened as a link."""

import errno
import logging
import re
import uuid
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render, resolve_url
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .logging import request_id_var

SESSION_MFA_BY_PROVIDER = "lms_mfa_by_provider"

logger = logging.getLogger("lms.request")

REQUEST_ID_HEADER = "X-Request-ID"
_STORAGE_FULL = {errno.ENOSPC, errno.EDQUOT}
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


class RequestIdMiddleware:
    """Give each request an ID, taken from the proxy's X-Request-ID when it is a
    sane token, and echo it in the response so a report can be matched to logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Left set until the response is closed: Django logs 4xx/5xx after the
        # middleware chain returns (`lms.logging.clear_request_id`).
        request_id_var.set(request_id)
        response = self.get_response(request)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


ERROR_NUL = _(
    "La richiesta contiene un carattere non ammesso (il carattere nullo). "
    "Controlla il testo inserito e riprova."
)
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RejectNulMiddleware:
    """Answer 400 to any address, query or form field that contains a NUL
    character, before a view sees it.

    PostgreSQL cannot store or compare text with NUL in it and fails the query,
    so one such character typed in a search box or a filter would be a server
    error wherever the value reaches the database. One check here covers every
    form, filter and page of the site and the admin; uploaded files are not
    looked at (their content is checked by the upload's own validation)."""

    # The REST API validates its own input and answers a JSON error (422).
    exempt_prefixes = ("/api/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.exempt_prefixes) and self._has_nul(request):
            return render(request, "400.html", {"reason": ERROR_NUL}, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path_info:
            return True
        fields = [request.GET]
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            fields.append(request.POST)
        return any(
            "\x00" in key or any("\x00" in value for value in query.getlist(key))
            for query in fields
            for key in query
        )


class DropNulCookiesMiddleware:
    """Forget any cookie whose name or value contains a NUL character, before
    the session or the CSRF check reads it: a session key with NUL in it would
    fail the session query on PostgreSQL. Such a cookie is never one the site
    set, so the request goes on as if it had not been sent (anonymous, or a
    CSRF refusal)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookies = request.COOKIES
        if any("\x00" in name or "\x00" in value for name, value in cookies.items()):
            request.COOKIES = {
                name: value
                for name, value in cookies.items()
                if "\x00" not in name and "\x00" not in value
            }
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection, or a full disk, into a 503 that tells
    the person to retry.

    The failed request's transaction is rolled back by the database, so nothing
    was half-saved: submitting again is safe, and the page says so. (Files are
    written before the row that points to them, so a full disk leaves the record
    as it was.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("database unavailable: %s", exception)
        elif isinstance(exception, OSError) and exception.errno in _STORAGE_FULL:
            logger.error("storage full: %s", exception)
        else:
            return None
        response = HttpResponse(
            render_to_string("503.html", request=None),
            status=503,
        )
        response.headers["Retry-After"] = "30"
        return response


def mfa_required_for(user) -> bool:
    """Privileged people (admin, trainers, HR) must use a second factor."""
    return bool(
        user.is_superuser
        or user.has_perm("wagtailadmin.access_admin")
        or user.has_perm("people.view_training_status")
    )


class MfaRequiredMiddleware:
    """Send privileged people who have no second factor to the TOTP set-up page
    before anything else, when `LMS_MFA_REQUIRED` is on.

    Asked on every request, not remembered in the session: removing one's TOTP
    device must send the person back to the set-up at once (one indexed query
    per privileged request)."""

    exempt_prefixes = ("/account/", "/health/", "/static/", "/lingua/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.LMS_MFA_REQUIRED
            and request.user.is_authenticated
            and not request.path.startswith(self.exempt_prefixes)
            and mfa_required_for(request.user)
            # A trusted company provider did the second factor (people/sso.py).
            and not request.session.get(SESSION_MFA_BY_PROVIDER)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists():
                return redirect("mfa_activate_totp")
        return self.get_response(request)


class NoSignInLoopMiddleware:
    """Answer 403 where a view sends someone already signed in to the sign-in
    page, to come back to it.

    Such a view means "not with this account" (Wagtail's admin does it to a
    learner who opens /admin/), but the sign-in page sends a signed-in person
    straight on to `next`, which sends them back: a redirect loop the browser
    ends with an error. The site's 403 page, in the layout, says instead that
    the role does not allow the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (301, 302, 303, 307) and self._back_here(
            request, response.get("Location", "")
        ):
            return render(request, "403.html", status=403)
        return response

    @staticmethod
    def _back_here(request, location: str) -> bool:
        """A sign-in asked to come back to this very address, for someone
        already signed in: the loop. Other redirects to the sign-in page (the
        admin's own login address, a company sign-in with nothing pending)
        lead on and are left alone."""
        target = urlsplit(location)
        return (
            target.path == resolve_url(settings.LOGIN_URL)
            and parse_qs(target.query).get("next") == [request.get_full_path()]
            and request.user.is_authenticated
        )


class NotAllowedPageMiddleware:
    """Give a browser the site's page for a 405, in the layout, with the way
    home, instead of Django's empty body.

    The usual way to get one: the session expires, the person clicks a form's
    button (mark all read, book a session), signs in, and the sign-in sends
    them on to that button's POST-only address, now as a GET. The action cannot
    be replayed (the form's data is gone), so the page says so and leads back;
    the status and the Allow header stay, and clients that do not ask for HTML
    keep the bare answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            isinstance(response, HttpResponseNotAllowed)
            and not response.content
            and "text/html" in request.headers.get("Accept", "")
        ):
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            return page
        return response
