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


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test`, which installs it "
            "(apt-get install chromium), or set CHROMIUM_PATH."
        )
    # Playwright's sync API runs an event loop in this thread; the test's own ORM
    # calls are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    # Certificates print this address in their QR code.
    settings.SITE_URL = live_server.url
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, locale="en-US"
    )
    page = context.new_page()
    yield page
    context.close()
