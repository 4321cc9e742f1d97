"""A real OpenID provider for the company sign-in tests: the npm package
`oidc-provider` (a certified implementation), run by Node on a free port with
one static client (tests/sso/oidc/provider.mjs). `make test-deps` installs it
(npm ci in tests/sso/oidc)."""

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

HERE = Path(__file__).resolve().parent / "oidc"
PROVIDER_ID = "azienda"
PROVIDER_NAME = "Azienda SSO"
CLIENT_ID = "lms-test"
CLIENT_SECRET = "test-only-client-secret"


@dataclass
class OidcProvider:
    url: str

    def app(self, **lms_settings) -> dict:
        """The allauth app entry (as in LMS_OIDC_PROVIDERS) for this provider."""
        return {
            "provider_id": PROVIDER_ID,
            "name": PROVIDER_NAME,
            "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET,
            "settings": {"server_url": self.url, **lms_settings},
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_provider(redirect_uris: list[str]):
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
        pytest.fail(
            "The test OpenID provider is not installed: run `make test-deps` "
            "(needs Node 20 and npm: npm ci in tests/sso/oidc)."
        )
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URIS": ",".join(redirect_uris),
    }
    process = subprocess.Popen(
        [node, "provider.mjs"],
        cwd=HERE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            requests.get(f"{url}/.well-known/openid-configuration", timeout=5)
            break
        # Refused while Node starts; slow to answer on a busy machine.
        except (requests.ConnectionError, requests.Timeout):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("The test OpenID provider did not start.")
            time.sleep(0.1)
    return process, OidcProvider(url=url)


def callback_uri(base_url: str) -> str:
    return f"{base_url}/account/oidc/{PROVIDER_ID}/login/callback/"


def configure(settings, provider: OidcProvider, **lms_settings) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [provider.app(**lms_settings)],
        }
    }


@pytest.fixture
def oidc_provider(request, settings, db):
    """The provider, with the test client's callback and (when the test uses
    the live server) the live server's registered, configured as the one
    company sign-in with the project's cautious defaults."""
    uris = [callback_uri("http://testserver")]
    if "live_server" in request.fixturenames:
        uris.append(callback_uri(request.getfixturevalue("live_server").url))
    process, provider = start_provider(uris)
    configure(settings, provider)
    yield provider
    process.terminate()
    process.wait(timeout=10)
