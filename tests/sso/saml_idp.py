"""A real SAML 2.0 identity provider for the company sign-in tests, built with
pysaml2 (which signs with Debian's `xmlsec1`): a small WSGI app served on a free
local port, signing its assertions with a key and certificate made for the test.

Its sign-in page takes any login name (no password); the person's e-mail is the
name (`<name>@example.test` without an "@"), `email_verified` is "false" for a
name starting with "unverified", and a name starting with "mfa" signs in "with a
second factor": the assertion's AuthnContextClassRef says
`http://schemas.microsoft.com/claims/multipleauthn`, as Entra ID's does.
The attributes are named as Entra ID names them.
"""

from __future__ import annotations

import base64
import html
import shutil
import socket
import threading
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

ORG = "azienda-saml"
PROVIDER_NAME = "Azienda SAML"
SP_ENTITY_ID = "http://lms.test/saml/sp"
MFA_CONTEXT = "http://schemas.microsoft.com/claims/multipleauthn"
PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/"
EMAIL = CLAIMS + "emailaddress"
EMAIL_VERIFIED = "http://schemas.auth0.com/email_verified"
GIVEN_NAME = CLAIMS + "givenname"
SURNAME = CLAIMS + "surname"
DEPARTMENT = CLAIMS + "department"
JOB_TITLE = CLAIMS + "jobtitle"
# The mapping a deployment writes for Entra ID (docs/deployment.md).
ATTRIBUTE_MAPPING = {
    "email": EMAIL,
    "email_verified": EMAIL_VERIFIED,
    "first_name": GIVEN_NAME,
    "last_name": SURNAME,
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_key_and_certificate(folder: Path) -> tuple[Path, Path]:
    """A fresh RSA key and self-signed certificate, made for this test only, by
    the function that makes the site's own development signer."""
    from certificates.signing import self_signed_pem

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_pem, cert_pem = self_signed_pem(key, common_name="Test SAML IdP", days=2)
    key_file, cert_file = folder / "idp.key", folder / "idp.crt"
    key_file.write_bytes(key_pem)
    cert_file.write_bytes(cert_pem)
    return key_file, cert_file


def sp_metadata(acs_urls: list[str]) -> str:
    """The LMS as the IdP knows it: its entity id and where assertions go."""
    services = "".join(
        f'<md:AssertionConsumerService index="{i}" '
        f'Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
        f'Location="{html.escape(url)}"/>'
        for i, url in enumerate(acs_urls)
    )
    return (
        '<?xml version="1.0"?>'
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        f'entityID="{SP_ENTITY_ID}">'
        '<md:SPSSODescriptor AuthnRequestsSigned="false" '
        'WantAssertionsSigned="true" '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        f"{services}</md:SPSSODescriptor></md:EntityDescriptor>"
    )


def identity_for(login: str) -> dict[str, list[str]]:
    email = login if "@" in login else f"{login}@example.test"
    return {
        EMAIL: [email],
        EMAIL_VERIFIED: ["false" if login.startswith("unverified") else "true"],
        GIVEN_NAME: ["Prova"],
        SURNAME: ["Saml"],
        DEPARTMENT: ["Reclami"],
        JOB_TITLE: ["Specialista reclami"],
    }


LOGIN_PAGE = """<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>Test IdP</title></head>
<body><h1>Test SAML IdP</h1>
<form method="post" action="/sso/login">
<input type="hidden" name="key" value="{key}">
<label for="login">Nome utente</label>
<input id="login" name="login" placeholder="Nome utente">
<button type="submit">Accedi all'IdP</button>
</form></body></html>"""

POST_PAGE = """<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>Test IdP</title></head>
<body><h1>Test SAML IdP</h1>
<form method="post" action="{action}">
<input type="hidden" name="SAMLResponse" value="{response}">
<input type="hidden" name="RelayState" value="{relay_state}">
<button type="submit">Continua</button>
</form></body></html>"""


class SamlIdp:
    def __init__(self, folder: Path, acs_urls: list[str]):
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.config import IdPConfig
        from saml2.server import Server

        xmlsec = shutil.which("xmlsec1")
        if xmlsec is None:
            pytest.fail(
                "The test SAML identity provider needs Debian's xmlsec1: run "
                "`make test-deps` (scripts/system-deps.sh test)."
            )
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.key_file, self.cert_file = make_key_and_certificate(folder)
        config = IdPConfig()
        config.load(
            {
                "entityid": f"{self.url}/metadata",
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.url}/sso/redirect", BINDING_HTTP_REDIRECT)
                            ]
                        },
                        "name_id_format": [
                            "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
                        ],
                        "want_authn_requests_signed": False,
                    }
                },
                "key_file": str(self.key_file),
                "cert_file": str(self.cert_file),
                "xmlsec_binary": xmlsec,
                "metadata": {"inline": [sp_metadata(acs_urls)]},
                "allow_unknown_attributes": True,
            }
        )
        self.server = Server(config=config)
        self.binding_post = BINDING_HTTP_POST
        self.binding_redirect = BINDING_HTTP_REDIRECT
        self.pending: dict[str, tuple] = {}
        self.httpd = None

    @property
    def certificate(self) -> str:
        return self.cert_file.read_text()

    def app(self, **lms_settings) -> dict:
        """The allauth app entry (as in LMS_SAML_PROVIDERS) for this IdP."""
        return {
            "name": PROVIDER_NAME,
            "provider_id": ORG,
            "client_id": ORG,
            "settings": {
                "idp": {
                    "entity_id": f"{self.url}/metadata",
                    "sso_url": f"{self.url}/sso/redirect",
                    "x509cert": self.certificate,
                },
                "sp": {"entity_id": SP_ENTITY_ID},
                "attribute_mapping": ATTRIBUTE_MAPPING,
                # "testserver" and "localhost" are single-label host names.
                "advanced": {
                    "want_assertion_signed": True,
                    "allow_single_label_domains": True,
                },
                **lms_settings,
            },
        }

    # The WSGI application.
    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/sso/redirect":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            request = self.server.parse_authn_request(
                query["SAMLRequest"][0], self.binding_redirect
            )
            key = request.message.id
            self.pending[key] = (request, query.get("RelayState", [""])[0])
            return self._html(start_response, LOGIN_PAGE.format(key=html.escape(key)))
        if path == "/sso/login" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = parse_qs(environ["wsgi.input"].read(size).decode())
            request, relay_state = self.pending.pop(form["key"][0])
            login = form["login"][0]
            action, response = self.sign_in(request, login)
            return self._html(
                start_response,
                POST_PAGE.format(
                    action=html.escape(action),
                    response=response,
                    relay_state=html.escape(relay_state),
                ),
            )
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def sign_in(self, request, login: str) -> tuple[str, str]:
        """The signed SAMLResponse (base64) for `login` and where it goes."""
        from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
        from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

        args = self.server.response_args(request.message, [self.binding_post])
        context = MFA_CONTEXT if login.startswith("mfa") else PASSWORD_CONTEXT
        response = self.server.create_authn_response(
            identity_for(login),
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=login),
            authn={"class_ref": context, "authn_auth": self.url},
            sign_assertion=True,
            sign_response=False,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
            in_response_to=args["in_response_to"],
            destination=args["destination"],
            sp_entity_id=args["sp_entity_id"],
            name_id_policy=args.get("name_id_policy"),
        )
        encoded = base64.b64encode(str(response).encode()).decode()
        return args["destination"], encoded

    def _html(self, start_response, body: str):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body.encode()]

    def start(self):
        class Quiet(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        class Threaded(WSGIServer):
            daemon_threads = True

        self.httpd = make_server(
            "127.0.0.1", self.port, self, server_class=Threaded, handler_class=Quiet
        )
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


def acs_uri(base_url: str) -> str:
    return f"{base_url}/account/saml/{ORG}/acs/"


def configure(settings, idp: SamlIdp, **lms_settings) -> None:
    """The IdP as the one SAML company sign-in (OIDC apps kept as they are)."""
    providers = dict(settings.SOCIALACCOUNT_PROVIDERS)
    providers["saml"] = {
        **providers.get("saml", {}),
        "APPS": [idp.app(**lms_settings)],
    }
    settings.SOCIALACCOUNT_PROVIDERS = providers


@pytest.fixture
def saml_idp(request, settings, db, tmp_path):
    """The IdP, knowing the test client's ACS address and (when the test uses
    the live server) the live server's, configured with the project's cautious
    defaults."""
    uris = [acs_uri("http://testserver")]
    if "live_server" in request.fixturenames:
        uris.append(acs_uri(request.getfixturevalue("live_server").url))
    idp = SamlIdp(tmp_path, uris).start()
    configure(settings, idp)
    yield idp
    idp.stop()
