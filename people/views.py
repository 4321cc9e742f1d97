from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import (
    content_disposition_header,
    url_has_allowed_host_and_scheme,
)
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import importing, roles
from .forms import (
    ImportApplyForm,
    ImportColumnsForm,
    ImportUploadForm,
    PeopleFilter,
    PersonForm,
)
from .import_apply import people_import_confirm, people_import_resume
from .models import PeopleImport, User
from .privacy import person_data_export
from .selectors import people_directory, people_imports_of
from .services import (
    import_column_mapping_save,
    people_import_plan,
    people_import_upload,
    person_deactivate,
    person_reactivate,
    person_save,
    user_set_language,
)


@require_POST
def set_language(request):
    """Switch the interface language, and remember it on the person's profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            user_set_language(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _require(request, perm: str) -> None:
    # Learners and trainers get a 403, not a login loop.
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _refused(request, person: User, refusal: str):
    # HR manages people, not the accounts that could do more than HR can give:
    # changing their e-mail would let HR reset their password and take them.
    return render(
        request,
        "people/person_form.html",
        {"title": person.full_name, "person": person, "refusal": refusal},
        status=403,
    )


@login_required
def people_list(request):
    _require(request, "people.view_user")
    filters = PeopleFilter(request.GET or None)
    page = Paginator(people_directory(**filters.filters()), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "people/people_list.html",
        {
            "title": _("Persone"),
            "filters": filters,
            "page": page,
            "can_edit": request.user.has_perm("people.change_user"),
        },
    )


@login_required
def person_edit(request, pk=None):
    _require(request, "people.change_user" if pk else "people.add_user")
    person = get_object_or_404(User, pk=pk) if pk else User()
    refusal = roles.manage_refusal(request.user, person)
    if refusal:
        return _refused(request, person, refusal)
    form = PersonForm(request.POST or None, instance=person, actor=request.user)
    if request.method == "POST" and form.is_valid():
        person_save(
            person=form.save(commit=False),
            by=request.user,
            groups=form.cleaned_data["roles"],
        )
        messages.success(request, _("Dati di %(name)s salvati.") % {"name": person})
        return redirect("people:people_list")
    title = person.full_name if person.pk else _("Nuova persona")
    return render(
        request,
        "people/person_form.html",
        {"title": title, "form": form, "person": person},
    )


@login_required
@require_POST
def person_set_active(request, pk):
    _require(request, "people.change_user")
    person = get_object_or_404(User, pk=pk)
    refusal = roles.manage_refusal(request.user, person)
    if refusal:
        return _refused(request, person, refusal)
    if person == request.user:
        messages.error(request, _("Non puoi disattivare il tuo account."))
    elif request.POST.get("active") == "1":
        person_reactivate(person=person, by=request.user)
        messages.success(request, _("%(name)s è di nuovo attivo.") % {"name": person})
    else:
        person_deactivate(person=person, by=request.user)
        messages.success(
            request,
            _("%(name)s è disattivato: non può più accedere, i suoi dati restano.")
            % {"name": person},
        )
    return redirect("people:person_edit", pk=person.pk)


PREVIEW_LIMIT = 200


@login_required
def import_upload(request):
    _require(request, "people.add_user")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        people_import = people_import_upload(
            uploaded_file=form.cleaned_data["file"], by=request.user
        )
        return redirect("people:import_preview", pk=people_import.pk)
    return render(
        request,
        "people/import_upload.html",
        {"form": form, "imports": people_imports_of(request.user)},
    )


def _preview(request, people_import, plan, form):
    return render(
        request,
        "people/import_preview.html",
        {
            "title": _("Anteprima importazione"),
            "people_import": people_import,
            "plan": plan,
            "counts": plan.counts() if plan else {},
            "errors": plan.errors[:PREVIEW_LIMIT] if plan else [],
            "creates": plan.creates[:PREVIEW_LIMIT] if plan else [],
            "updates": plan.updates[:PREVIEW_LIMIT] if plan else [],
            "deactivations": plan.deactivations[:PREVIEW_LIMIT] if plan else [],
            "limit": PREVIEW_LIMIT,
            "form": form,
        },
    )


@login_required
def import_preview(request, pk):
    """The preview of an uploaded file; its form confirms it, which queues the
    apply and leads to the run's status page. Once confirmed, the preview is
    that status page: a second confirmation (double click, back button) queues
    nothing."""
    _require(request, "people.add_user")
    people_import = get_object_or_404(PeopleImport, pk=pk, uploaded_by=request.user)
    if people_import.status != PeopleImport.Status.PREVIEWED:
        return redirect("people:import_status", pk=pk)
    form = ImportApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if people_import_confirm(
            people_import=people_import,
            by=request.user,
            deactivate_missing=form.cleaned_data["deactivate_missing"],
        ):
            messages.success(
                request,
                _(
                    "Importazione avviata: continua anche se chiudi questa pagina, "
                    "che ne mostra l'avanzamento."
                ),
            )
        return redirect("people:import_status", pk=pk)
    plan = people_import_plan(people_import=people_import, by=request.user)
    if plan.needs_mapping:
        return _columns(request, people_import, plan.header, plan.needs_mapping)
    return _preview(request, people_import, plan, form)


@login_required
def import_status(request, pk):
    """Where a confirmed import stands: queued, running (the page reloads
    itself), stopped with "Riprendi" (its worker died or the queue was down),
    done with its figures, or failed with the reason and the rows refused.
    Only for the person who uploaded the file, as its preview."""
    _require(request, "people.add_user")
    people_import = get_object_or_404(PeopleImport, pk=pk, uploaded_by=request.user)
    if people_import.status == PeopleImport.Status.PREVIEWED:
        return redirect("people:import_preview", pk=pk)
    return render(
        request,
        "people/import_status.html",
        {
            "title": _("Importazione di persone"),
            "people_import": people_import,
            "stalled": people_import.stalled,
            "counts": people_import.counts,
            "refresh_seconds": 3,
            "stale_minutes": max(
                1, getattr(settings, "LMS_IMPORT_STALE_AFTER", 900) // 60
            ),
        },
    )


@login_required
@require_POST
def import_resume(request, pk):
    """The status page's "Riprendi" on a stopped run: queue it again, to go on
    after its last committed batch. A second click, or a run that moves again,
    queues nothing."""
    _require(request, "people.add_user")
    people_import = get_object_or_404(PeopleImport, pk=pk, uploaded_by=request.user)
    if people_import_resume(people_import=people_import, by=request.user):
        people_import.refresh_from_db()
        if not people_import.queue_unreachable:
            messages.success(
                request,
                _("Importazione ripresa: continua dopo l'ultima riga salvata."),
            )
    return redirect("people:import_status", pk=pk)


def _columns(request, people_import, headers, missing, form=None):
    if form is None:
        form = ImportColumnsForm(
            headers=headers, initial_fields=importing.guess_columns(headers)
        )
    return render(
        request,
        "people/import_columns.html",
        {
            "title": _("Abbina le colonne"),
            "people_import": people_import,
            "form": form,
            "missing": ", ".join(str(importing.FIELD_LABELS[m]) for m in missing),
        },
    )


@login_required
def import_columns(request, pk):
    """The mapping step: HR says which field each column of the file fills.
    Shown by the preview when a required column is not recognised, and
    reachable from it to correct a recognition; saved for the next file with
    the same header row."""
    _require(request, "people.add_user")
    people_import = get_object_or_404(
        PeopleImport,
        pk=pk,
        uploaded_by=request.user,
        status=PeopleImport.Status.PREVIEWED,
    )
    with people_import.file.open("rb") as handle:
        headers, error = importing.read_header(handle.read())
    if error:
        messages.error(request, error)
        return redirect("people:import_upload")
    if request.method != "POST":
        plan = people_import_plan(people_import=people_import, by=request.user)
        form = ImportColumnsForm(
            headers=headers,
            initial_fields=plan.fields or importing.guess_columns(headers),
        )
        return _columns(request, people_import, headers, plan.needs_mapping, form)
    form = ImportColumnsForm(request.POST, headers=headers, initial_fields=[])
    if not form.is_valid():
        return _columns(request, people_import, headers, [], form)
    import_column_mapping_save(
        headers=headers, fields=form.cleaned_data["fields"], by=request.user
    )
    messages.success(
        request,
        _("Abbinamento salvato: i prossimi file con queste colonne lo useranno."),
    )
    return redirect("people:import_preview", pk=pk)


@login_required
def email_address(request):
    """The person's sign-in address, read-only: HR owns it (it is the key of
    imports, reminders and certificates), so allauth's page to add or change
    addresses is replaced by this one."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return render(
        request, "people/email_address.html", {"title": _("Indirizzo e-mail")}
    )


@login_required
def account(request):
    """The person's own account: the one place that links to what allauth
    lets them change (password, second factor) and to the copy of their data
    they are entitled to; the header's name leads here."""
    return render(request, "people/account.html", {"title": _("Il mio account")})


@login_required
def my_data_export(request):
    """The person's own data, the same ZIP HR downloads for them (GDPR right of
    access), without asking HR; the export is audited like HR's."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    data = person_data_export(person=request.user, actor=request.user)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        True, "i-miei-dati.zip"
    )
    return response
