import json
import re

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import badges, codes, selectors
from .models import Certificate
from .ratelimit import rate_limited
from .services import (
    certificate_badge_issue,
    certificate_log_download,
    certificate_pdf_available,
    certificate_store_pdf,
)
from .verification import (
    CREDENTIAL_GENUINE,
    CREDENTIAL_NOT_GENUINE,
    certificate_as_json,
    outcome,
    verify_pdf,
)

NOT_FOUND = _(
    "Nessun certificato corrisponde a questo codice. Controlla di averlo copiato "
    "per intero."
)
UPLOAD_TOO_BIG = _("Il file è troppo grande: al massimo %(size)s MB.")
UPLOAD_NOT_PDF = _("Il file non è un PDF. Carica il certificato in formato PDF.")
UPLOAD_MISSING = _("Scegli il file PDF del certificato.")
UPLOAD_NOT_BADGE = _(
    "Il file non è un Open Badge: carica l'immagine PNG, il file JSON o il JWT "
    "scaricati dalla pagina del certificato."
)
UPLOAD_BADGE_MISSING = _("Scegli il file dell'Open Badge.")
DEFAULT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
PDF_CONTENT_TYPES = {"application/pdf", "application/x-pdf"}


def _noindex(response):
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def download(request, certificate_id: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = get_object_or_404(
        Certificate.objects.select_related("user"), pk=certificate_id
    )
    is_holder = certificate.user_id == request.user.pk
    if not (is_holder or request.user.has_perm("people.view_training_status")):
        # Another person's certificate is not there, as far as this user can tell.
        raise Http404
    if not certificate_pdf_available(certificate=certificate):
        if certificate.pdf_sha256 or _tasks_run_inline():
            # The file was stored once and is gone, or there is no worker:
            # render again from the record.
            certificate_store_pdf(certificate=certificate)
        else:
            return render(
                request,
                "certificates/preparing.html",
                {"title": _("Certificato in preparazione"), "certificate": certificate},
                status=202,
            )
    if not is_holder:
        certificate_log_download(certificate=certificate, user=request.user)
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificato-{certificate.serial or certificate.pk}.pdf",
        content_type="application/pdf",
    )


def _tasks_run_inline() -> bool:
    backend = settings.TASKS["default"]["BACKEND"]
    return backend.endswith("ImmediateBackend")


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Codice di verifica"),
        max_length=40,
        help_text=_("Il codice stampato sul certificato, ad esempio ABCD-EFGH-…"),
    )


def _upload_max_bytes() -> int:
    return getattr(settings, "CERTIFICATES_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES)


class VerifyFileForm(forms.Form):
    file = forms.FileField(
        label=_("File PDF del certificato"),
        help_text=_("Il PDF ricevuto o scaricato, senza modifiche."),
        error_messages={"required": UPLOAD_MISSING},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        limit = _upload_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                UPLOAD_TOO_BIG, params={"size": limit // (1024 * 1024) or 1}
            )
        if upload.content_type not in PDF_CONTENT_TYPES:
            raise forms.ValidationError(UPLOAD_NOT_PDF)
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise forms.ValidationError(
                UPLOAD_TOO_BIG, params={"size": limit // (1024 * 1024) or 1}
            )
        # The header may follow a little junk, as PDF readers allow.
        if b"%PDF-" not in data[:1024]:
            raise forms.ValidationError(UPLOAD_NOT_PDF)
        return data


_JWT_SHAPE = re.compile(rb"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


class VerifyBadgeForm(forms.Form):
    badge = forms.FileField(
        label=_("File dell'Open Badge"),
        help_text=_(
            "L'immagine PNG, il file JSON o il JWT scaricati, senza modifiche."
        ),
        error_messages={"required": UPLOAD_BADGE_MISSING},
    )

    def clean_badge(self) -> bytes:
        upload = self.cleaned_data["badge"]
        limit = _upload_max_bytes()
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise forms.ValidationError(
                UPLOAD_TOO_BIG, params={"size": limit // (1024 * 1024) or 1}
            )
        text = data.strip()
        if not (
            data.startswith(b"\x89PNG\r\n\x1a\n")
            or text.startswith((b"{", b"\xef\xbb\xbf{"))
            or _JWT_SHAPE.match(text)
        ):
            raise forms.ValidationError(UPLOAD_NOT_BADGE)
        return data


def _pdf_result(data: bytes) -> dict:
    checked = verify_pdf(data)
    return {
        "outcome": checked.outcome,
        "certificate": checked.certificate,
        "sha256": checked.sha256,
    }


def _badge_result(data: bytes) -> dict:
    checked = badges.verify_credential(data)
    return {
        "outcome": outcome(
            authentic=checked.authentic,
            certificate=checked.certificate,
            document=CREDENTIAL_GENUINE
            if checked.authentic
            else CREDENTIAL_NOT_GENUINE,
        ),
        "certificate": checked.certificate,
    }


@rate_limited
@require_http_methods(["GET", "POST"])
def verify_lookup(request):
    """Enter a code (GET), or upload the PDF or the Open Badge (POST)."""
    form = VerifyForm(request.GET or None)
    file_form = VerifyFileForm()
    badge_form = VerifyBadgeForm()
    result = None
    invalid = False
    if request.method == "POST" and request.POST.get("form") == "badge":
        badge_form = VerifyBadgeForm(request.POST, request.FILES)
        if badge_form.is_valid():
            result = _badge_result(badge_form.cleaned_data["badge"])
        invalid = not badge_form.is_valid()
    elif request.method == "POST":
        file_form = VerifyFileForm(request.POST, request.FILES)
        if file_form.is_valid():
            result = _pdf_result(file_form.cleaned_data["file"])
        invalid = not file_form.is_valid()
    elif form.is_valid():
        typed = form.cleaned_data["code"].strip()
        if (code := codes.normalise(typed)) is not None:
            return redirect("certificates:verify", code=code)
        # Not a code at all (a slash would not even fit the page's address).
        return _verify_page(request, typed, None)
    if result is not None and result["certificate"] is not None:
        result["replacement"] = selectors.replacement_of(
            certificate=result["certificate"]
        )
    return _noindex(
        render(
            request,
            "certificates/verify_form.html",
            {
                "title": _("Verifica un certificato"),
                "form": form,
                "file_form": file_form,
                "badge_form": badge_form,
                "result": result,
            },
            status=400 if invalid else 200,
        )
    )


@rate_limited
@require_GET
def verify(request, code: str):
    return _verify_page(request, code, selectors.certificate_by_code(raw_code=code))


def _verify_page(request, code: str, certificate: Certificate | None):
    return _noindex(
        render(
            request,
            "certificates/verify.html",
            {
                "title": _("Verifica del certificato"),
                "certificate": certificate,
                "replacement": selectors.replacement_of(certificate=certificate),
                "code": code,
                "not_found": NOT_FOUND,
                "form": VerifyForm(),
            },
            status=200 if certificate is not None else 404,
        )
    )


@rate_limited
@require_GET
def verify_json(request, code: str):
    certificate = selectors.certificate_by_code(raw_code=code)
    if certificate is None:
        return _noindex(
            JsonResponse({"found": False, "error": str(NOT_FOUND)}, status=404)
        )
    return _noindex(JsonResponse(certificate_as_json(certificate)))


@csrf_exempt  # A stateless check for other systems; it changes nothing.
@rate_limited
@require_http_methods(["POST"])
def verify_file_json(request):
    form = VerifyFileForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(e) for e in form.errors.get("file", [])]
        return _noindex(JsonResponse({"error": " ".join(errors)}, status=400))
    result = verify_pdf(form.cleaned_data["file"])
    verdict = result.outcome
    answer = {
        "verdict": str(result.verdict),
        "genuine": result.certificate is not None,
        # One answer joining the file and the certificate's status.
        "valid": verdict.valid,
        "title": verdict.title,
        "message": verdict.explanation,
        "sha256": result.sha256,
        "signature_valid": result.signature.ok,
        # False when the file matched no certificate (never parsed), was
        # refused by the parser's bounds, or ran out of time.
        "signature_checked": not (
            result.signature.refused or result.signature.timed_out
        ),
        "certificate": (
            certificate_as_json(result.certificate) if result.certificate else None
        ),
    }
    return _noindex(JsonResponse(answer))


def _own_certificate(request, certificate_id: int) -> Certificate:
    """The signed-in person's own certificate; anyone else's is a 404."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("user"), pk=certificate_id
    )
    if certificate.user_id != request.user.pk:
        raise Http404
    return certificate


@never_cache
@require_GET
def certificate_detail(request, certificate_id: int):
    """The learner's certificate: its facts, the PDF, the Open Badge (JSON,
    baked PNG, JWT) and the link that adds it to a LinkedIn profile."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = _own_certificate(request, certificate_id)
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "replacement": selectors.replacement_of(certificate=certificate),
            "linkedin_url": badges.linkedin_url(certificate),
        },
    )


BADGE_FORMATS = {
    "json": ("application/json", "json"),
    "png": ("image/png", "png"),
    "jwt": ("application/vc+jwt", "jwt"),
}


@never_cache
@require_GET
def badge_download(request, certificate_id: int, fmt: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if fmt not in BADGE_FORMATS:
        raise Http404
    certificate = _own_certificate(request, certificate_id)
    token = certificate_badge_issue(certificate=certificate)
    if fmt == "json":
        body = json.dumps(
            badges.credential_of(token), ensure_ascii=False, indent=2
        ).encode()
    elif fmt == "png":
        body = badges.badge_png(certificate, token=token)
    else:
        body = token.encode()
    content_type, extension = BADGE_FORMATS[fmt]
    response = HttpResponse(body, content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition_header(
        True, f"open-badge-{certificate.serial or certificate.pk}.{extension}"
    )
    return response


def _public_json(payload: dict) -> JsonResponse:
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def badge_jwks(request):
    """The public keys of the Open Badges (and of the PDFs' signatures)."""
    return _public_json(badges.jwks())


@require_GET
def badge_did(request):
    """The `did:web` document of the site, naming the same keys."""
    response = _public_json(badges.did_document())
    response.headers["Content-Type"] = "application/did+json"
    return response


@require_GET
def badge_status_list(request, number: int):
    """The Bitstring Status List of revoked certificates, as a VC-JWT."""
    highest = Certificate.objects.aggregate(highest=Max("pk"))["highest"] or 0
    if number > highest // badges.STATUS_LIST_SIZE:
        raise Http404
    response = HttpResponse(
        badges.status_list_credential(number), content_type="application/vc+jwt"
    )
    response.headers["Cache-Control"] = (
        f"public, max-age={badges.STATUS_LIST_TTL_SECONDS}"
    )
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
