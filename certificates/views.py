from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import codes, selectors
from .models import Certificate
from .ratelimit import rate_limited
from .services import (
    certificate_log_download,
    certificate_pdf_available,
    certificate_store_pdf,
)
from .verification import certificate_as_json, verify_pdf

NOT_FOUND = _(
    "Nessun certificato corrisponde a questo codice. Controlla di averlo copiato "
    "per intero."
)
UPLOAD_TOO_BIG = _("Il file è troppo grande: al massimo %(size)s MB.")
UPLOAD_NOT_PDF = _("Il file non è un PDF. Carica il certificato in formato PDF.")
UPLOAD_MISSING = _("Scegli il file PDF del certificato.")
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
                {"certificate": certificate},
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


@rate_limited
@require_http_methods(["GET", "POST"])
def verify_lookup(request):
    """Enter a code (GET) or upload the PDF (POST)."""
    form = VerifyForm(request.GET or None)
    file_form = VerifyFileForm()
    result = None
    if request.method == "POST":
        file_form = VerifyFileForm(request.POST, request.FILES)
        if file_form.is_valid():
            result = verify_pdf(file_form.cleaned_data["file"])
    elif form.is_valid():
        typed = form.cleaned_data["code"].strip()
        if (code := codes.normalise(typed)) is not None:
            return redirect("certificates:verify", code=code)
        # Not a code at all (a slash would not even fit the page's address).
        return _verify_page(request, typed, None)
    status = 400 if request.method == "POST" and not file_form.is_valid() else 200
    return _noindex(
        render(
            request,
            "certificates/verify_form.html",
            {"form": form, "file_form": file_form, "result": result},
            status=status,
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
    answer = {
        "verdict": str(result.verdict),
        "genuine": result.certificate is not None,
        "message": str(result.message),
        "sha256": result.sha256,
        "signature_valid": result.signature.ok,
        "certificate": (
            certificate_as_json(result.certificate) if result.certificate else None
        ),
    }
    return _noindex(JsonResponse(answer))
