"""HR's certificate pages: list with filters, ZIP and CSV of the same selection,
and one certificate with its history and the revoke / reinstate / reissue
actions. Every view checks its permission on the server."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .exports import certificates_export, zip_stream
from .forms import CertificateFilter, ReasonForm, RevokeForm
from .models import Certificate

PAGE_SIZE = 50


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _filtered(request):
    form = CertificateFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A filter HR got wrong shows its error and selects nothing: it never
        # widens a list or an export to the whole company.
        return form, Certificate.objects.none()
    return form, selectors.certificates_for_hr(**form.filters())


def _refused_filters(form) -> HttpResponse:
    errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return HttpResponse(
        _("Filtri non validi: %(errors)s") % {"errors": errors},
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@login_required
def certificate_list(request):
    _require(request, "certificates.view_certificate")
    form, certificates = _filtered(request)
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/hr/list.html",
        {
            "title": _("Certificati"),
            "filters": form,
            "page": page,
        },
    )


@login_required
def certificate_zip(request):
    _require(request, "certificates.view_certificate")
    form, certificates = _filtered(request)
    if form.errors:
        return _refused_filters(form)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        zip_stream(
            certificates.select_related("user").iterator(chunk_size=200),
            user=request.user,
        ),
        content_type="application/zip",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"certificati-{stamp}.zip"
    )
    return response


@login_required
def certificate_export(request, fmt: str):
    """The list's selection as CSV or XLSX, in the columns the API gives too."""
    _require(request, "certificates.view_certificate")
    form, certificates = _filtered(request)
    if form.errors:
        return _refused_filters(form)
    return certificates_export(fmt, certificates, request=request)


def _detail_context(certificate, **forms):
    return {
        "title": _("Certificato %(serial)s") % {"serial": certificate.serial},
        "certificate": certificate,
        "replacement": selectors.replacement_of(certificate=certificate),
        "history": selectors.certificate_history(certificate=certificate),
        "revoke_form": forms.get("revoke_form") or RevokeForm(),
        "reinstate_form": forms.get("reinstate_form") or ReasonForm(prefix="reinstate"),
        "reissue_form": forms.get("reissue_form") or ReasonForm(prefix="reissue"),
    }


@login_required
def certificate_detail(request, certificate_id: int):
    _require(request, "certificates.view_certificate")
    certificate = get_object_or_404(
        Certificate.objects.select_related("user__department", "supersedes"),
        pk=certificate_id,
    )
    return render(request, "certificates/hr/detail.html", _detail_context(certificate))


def _act(request, certificate_id: int, form, key: str, action):
    """Shared POST handling: validate, run the service, report its refusal."""
    _require(request, "certificates.revoke_certificate")
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    if form.is_valid():
        try:
            result = action(certificate, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("certificates:hr_detail", certificate_id=result.pk)
    return render(
        request,
        "certificates/hr/detail.html",
        _detail_context(certificate, **{key: form}),
        status=400,
    )


@require_POST
@login_required
def certificate_revoke(request, certificate_id: int):
    def action(certificate, data):
        result = services.certificate_revoke(
            certificate=certificate,
            user=request.user,
            public_reason=data["public_reason"],
            internal_reason=data["internal_reason"],
        )
        messages.success(request, _("Certificato revocato."))
        return result

    return _act(
        request, certificate_id, RevokeForm(request.POST), "revoke_form", action
    )


@require_POST
@login_required
def certificate_reinstate(request, certificate_id: int):
    def action(certificate, data):
        result = services.certificate_reinstate(
            certificate=certificate, user=request.user, reason=data["reason"]
        )
        messages.success(request, _("Certificato ripristinato."))
        return result

    form = ReasonForm(request.POST, prefix="reinstate")
    return _act(request, certificate_id, form, "reinstate_form", action)


@require_POST
@login_required
def certificate_reissue(request, certificate_id: int):
    def action(certificate, data):
        result = services.certificate_reissue(
            certificate=certificate, user=request.user, reason=data["reason"]
        )
        messages.success(
            request,
            _("Nuovo certificato %(serial)s emesso; il precedente è sostituito.")
            % {"serial": result.serial},
        )
        return result

    form = ReasonForm(request.POST, prefix="reissue")
    return _act(request, certificate_id, form, "reissue_form", action)
