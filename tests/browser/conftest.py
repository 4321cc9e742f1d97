import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The closed network refuses Chromium's background calls; these flags stop them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser(monkeypatch):
    """A Chromium for one test.

    Playwright's sync API keeps an event loop running in this thread, and Django's
    connections are context-local: while it runs, this thread would get other
    connection objects. So it lives only as long as the test, never the session.
    """
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test`, which installs it "
            "(apt-get install chromium), or set CHROMIUM_PATH."
        )
    # The test's own ORM calls are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(django_db_serialized_rollback, browser, live_server, settings):
    # live_server commits for real and flushes every table afterwards; the
    # serialized rollback restores what migrations created (root page, roles).
    # Certificates print this address in their QR code.
    settings.SITE_URL = live_server.url
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, locale="en-US"
    )
    page = context.new_page()
    yield page
    context.close()


from tests.sso.oidc_provider import oidc_provider  # noqa: E402, F401
from tests.sso.saml_idp import saml_idp  # noqa: E402, F401
