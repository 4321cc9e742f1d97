"""Certificate PDF rendering with WeasyPrint, then signing.

A worker process builds the expensive parts once and reuses them for every
certificate: one FontConfiguration, the stylesheet parsed against it, the
user-agent stylesheet and the URL fetcher. The page itself is built as an
element tree, not as HTML text to be parsed again. The output is PDF/A-3b
(fonts embedded, XMP metadata), tagged, and signed.
"""

import base64
import functools
import mimetypes
import secrets
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement

import cssselect2
from django.core.exceptions import ObjectDoesNotExist
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from content.translation import language_of, locale_for, originals, translation_in
from lms.words import day_after, on_day

from .organisation import Organisation, organisation_details
from .placeholders import fill
from .qr import qr_png_data_uri
from .signals import certificate_document
from .signing import SignatureSlot

_DEFAULT = object()

PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}

FONTS_DIR = Path(__file__).resolve().parent / "fonts"


@functools.cache
def font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def base_stylesheet() -> CSS:
    """The certificate's stylesheet; its @font-face files are resolved in
    certificates/fonts."""
    source = get_template("certificates/certificate_pdf.css").template.source
    return CSS(
        string=source, base_url=FONTS_DIR.as_uri() + "/", font_config=font_config()
    )


@functools.cache
def user_agent_stylesheet() -> CSS:
    """WeasyPrint's HTML defaults without its rules for every element's
    pseudo-elements (list markers, footnote and note calls and markers).

    Those rules match every element, so each element got six pseudo-element
    styles: about 180 of the 210 styles a certificate computed, for lists,
    footnotes and notes a certificate never has. The page renders pixel for
    pixel the same without them, a few ms sooner."""
    from weasyprint.html import UA, UA_COUNTER_STYLE

    source = "\n".join(
        line for line in UA.splitlines() if not line.lstrip().startswith("::")
    )
    return CSS(string=source, counter_style=UA_COUNTER_STYLE)


class _EmbeddedOnlyFetcher(URLFetcher):
    """Serves the `data:` URIs a certificate's images are given as, and nothing
    else: rendering a certificate never reads a file or the network, whatever
    a template contains. One per process (WeasyPrint's own builds an urllib
    opener for every document)."""

    def fetch(self, url, headers=None):
        header, comma, payload = url.partition(",")
        if not (url.startswith("data:") and comma and header.endswith(";base64")):
            raise ValueError(f"Not an embedded image: {url[:60]}")
        mime_type = header[len("data:") : -len(";base64")]
        return URLFetcherResponse(
            url, base64.b64decode(payload), {"Content-Type": mime_type}
        )


@functools.cache
def _fetcher() -> _EmbeddedOnlyFetcher:
    return _EmbeddedOnlyFetcher()


class _CertificateHTML(HTML):
    """A WeasyPrint document made from an element tree we built, skipping the
    serialisation to HTML and WeasyPrint's pure-Python HTML5 parser (about
    4 ms of each certificate between them).

    It sets what `HTML.__init__` sets after parsing, and overrides WeasyPrint's
    hook for its user-agent stylesheet. Neither is public API; the PDF tests
    render through this class, so a WeasyPrint release that changes them fails
    there first."""

    def __init__(self, root: Element):
        self.base_url = None
        self.url_fetcher = _fetcher()
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
            root, content_language=None
        )
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms=False):
        return [user_agent_stylesheet()]


@functools.lru_cache(maxsize=64)
def _image_data_uri(image_id: int, file_name: str) -> str:
    """Images come through the storage API (file system or S3 alike) as data
    URIs, read once per process per file."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image_id)
    with image.file.open("rb") as handle:
        data = handle.read()
    kind = mimetypes.guess_type(file_name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _image(image) -> str | None:
    if image is None:
        return None
    try:
        return _image_data_uri(image.pk, image.file.name)
    except (OSError, ObjectDoesNotExist):
        return None  # A lost image never blocks a certificate.


def embedded_image(image) -> str | None:
    """An image as a data URI for a printed document (the transcript too), or
    None when there is none or its file is lost."""
    return _image(image)


def template_for(certificate):
    """The course's template (else the default one), in the holder's language
    where it has a live translation: the English holder's certificate is laid
    out and worded by the template's English version."""
    from .models import CertificateTemplate

    course = getattr(certificate, "course", None) if certificate.course_id else None
    chosen = getattr(course, "certificate_template", None) if course else None
    # The live version only: a template never published is nobody's design yet.
    if chosen is None or not chosen.live:
        chosen = originals(
            CertificateTemplate.objects.filter(is_default=True, live=True)
        ).first()
    if chosen is None:
        return None
    locale = locale_for(language_of(certificate.user))
    return translation_in(chosen, locale) or chosen


def _day(value) -> str:
    """A date as the certificate prints it, in the active language; a moment
    is taken in the site's time zone first, as templates do, so that the page
    and a template's placeholders never name two different days."""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return formats.date_format(value, "j F Y")


def placeholder_values(certificate) -> dict[str, str]:
    return {
        "holder_name": certificate.holder_name,
        "course": certificate.course_title,
        "issue_date": _day(certificate.issued_at),
        "expiry_date": _day(certificate.expires_at) if certificate.expires_at else "",
        # The page's own details line uses these too, so a certificate never
        # shows two different dates or scores.
        "score": floatformat(certificate.score, 0),
        "hours": formats.number_format(certificate.duration_minutes / 60, 1),
        "serial": certificate.serial or "",
        "verification_code": certificate.display_code,
    }


def _add(parent: Element, tag: str, text: str = "", **attributes) -> Element:
    """A child element; `class_` stands for `class`. Text is set as text, so
    nothing a name or a template contains can become markup."""
    element = SubElement(
        parent, tag, {key.rstrip("_"): value for key, value in attributes.items()}
    )
    element.text = text or None
    return element


def _line_break(parent: Element, tail: str = "") -> None:
    _add(parent, "br").tail = tail or None


def _add_lines(parent: Element, tag: str, text: str, **attributes) -> Element:
    """A child holding a trainer's text, its line breaks kept."""
    first, *others = text.splitlines() or [""]
    element = _add(parent, tag, first, **attributes)
    for line in others:
        _line_break(element, line)
    return element


def _template_style(tpl, background: str | None) -> str:
    """A template's page size, accent colour and background. The colour is
    validated as #rrggbb and the background is a data URI of our own, so
    nothing else can reach the stylesheet."""
    page = f"size: A4 {tpl.orientation};"
    if background:
        # The page's padding box is the whole sheet: the image covers it all.
        page += f' background: url("{background}") center / cover no-repeat;'
    colour = tpl.accent_colour
    return (
        f"@page {{ {page} }}\nhtml {{ border-color: {colour}; }}\n"
        f".brand, .course, h1 {{ color: {colour}; }}"
    )


def _head(html: Element, certificate, title: str, issuer: str) -> Element:
    """What becomes the PDF's metadata: title, author, subject, keywords and
    creation date."""
    head = _add(html, "head")
    _add(head, "meta", charset="utf-8")
    _add(head, "title", f"{title} – {certificate.course_title}")
    _add(head, "meta", name="author", content=issuer)
    subject = f"{certificate.holder_name} – {certificate.course_title}"
    _add(head, "meta", name="description", content=subject)
    keywords = f"{certificate.serial}, {certificate.verification_code}"
    _add(head, "meta", name="keywords", content=keywords)
    created = timezone.localtime(certificate.issued_at).isoformat()
    _add(head, "meta", name="dcterms.created", content=created)
    return head


def hours_and_minutes(minutes: int) -> str:
    """A duration as people read it on a certificate: "2 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


def training_period(certificate) -> tuple | None:
    """From the enrolment (or the start of the cycle the certificate closes,
    for a renewal through the same course) to the passed quiz that completed
    it; None for a sample, which has neither."""
    if not (certificate.enrollment_id and certificate.attempt_id):
        return None
    enrollment = certificate.enrollment
    start = enrollment.cycle_started_at or enrollment.enrolled_at
    end = certificate.attempt.submitted_at or certificate.issued_at
    return start, end


def certification_names(certificate) -> list[str]:
    """The certifications the course confers or renews, from the apps that
    know them (`signals.certificate_document`)."""
    if not certificate.course_id:
        return []
    names = []
    for _receiver, answer in certificate_document.send(
        sender="certificates", certificate=certificate
    ):
        names += (answer or {}).get("certifications", [])
    return names


def _facts(body: Element, certificate, values: dict[str, str]) -> None:
    """The training itself, as an auditor looks for it: period, hours and
    result, one labelled line each."""
    facts = _add(body, "p", class_="facts")
    lines = []
    if period := training_period(certificate):
        lines.append(
            (
                _("Periodo di formazione"),
                # Translators: each day carries its Italian preposition and
                # article ("dall'8 dicembre 2026 al 17 dicembre 2026"); in
                # English the bare days ("from %(start)s to %(end)s").
                pgettext("periodo di formazione", "%(start)s %(end)s")
                % {
                    "start": day_after("da", period[0]),
                    "end": day_after("a", period[1]),
                },
            )
        )
    if certificate.duration_minutes:
        lines.append(
            (_("Ore di formazione"), hours_and_minutes(certificate.duration_minutes))
        )
    lines.append((_("Esito"), _details(certificate, values)))
    for index, (label, text) in enumerate(lines):
        if index:
            _line_break(facts)
        _add(facts, "span", label + ": ", class_="label").tail = text


def _issuer_lines(body: Element, organisation: Organisation) -> None:
    """The organisation's address and registration under its name."""
    parts = [organisation.address, organisation.registration]
    if text := " · ".join(part for part in parts if part):
        _add(body, "p", text, class_="issuer")


def _details(certificate, values: dict[str, str]) -> str:
    """The result line; its days take Italian's article ("Rilasciato l'8
    dicembre 2026", "valido fino all'8 dicembre 2027"), where the template
    placeholders keep the bare day for a trainer's own sentence."""
    details = _("Rilasciato %(date)s · punteggio del quiz finale: %(score)s%%") % {
        "date": on_day(certificate.issued_at),
        "score": values["score"],
    }
    if certificate.expires_at:
        expiry = _("valido fino %(date)s") % {
            "date": day_after("a", certificate.expires_at)
        }
        details += f" · {expiry}"
    return details


def _signatories(body: Element, tpl) -> None:
    row = _add(body, "div", class_="signatories")
    for person in tpl.signatories:
        box = _add(row, "div", class_="signatory")
        if image := _image(person["signature"]):
            _add(box, "img", src=image, alt=_("Firma"))
        line = _add(box, "p")
        _add(line, "strong", person["name"])
        _line_break(line, person["title"])


def _verification(body: Element, certificate, verify_url: str) -> None:
    """Serial, code and address in text, and the QR code of the address."""
    verify = _add(body, "div", class_="verify")
    codes = _add(verify, "p", _("Numero di serie") + " ")
    _add(codes, "span", certificate.serial or "", class_="code")
    _line_break(codes, _("Codice di verifica"))
    _line_break(codes)
    _add(codes, "span", certificate.display_code, class_="code")
    where = _add(verify, "p", _("Verifica l'autenticità di questo certificato su"))
    _line_break(where, verify_url)
    qr_alt = _("Codice QR della pagina di verifica")
    _add(body, "img", class_="qr", src=qr_png_data_uri(verify_url), alt=qr_alt)


def certificate_page(
    certificate, template=_DEFAULT, organisation: Organisation | None = None
) -> Element:
    """The certificate as a document tree, in the holder's language: the
    built-in design, or a trainer's template (`CertificateTemplate`) filled
    with this record. Both carry the issuing organisation (name, logo, legal
    lines), the certification, the training's period and hours and the
    template's signatories."""
    tpl = template_for(certificate) if template is _DEFAULT else template
    org = organisation if organisation is not None else organisation_details()
    language = certificate.user.preferred_language
    with translation.override(language):
        values = placeholder_values(certificate)
        title = fill(tpl.title, values) if tpl else _("Certificato di completamento")
        issuer = org.name or _("Formazione Servizio Clienti")
        html = Element("html", {"lang": language})
        head = _head(html, certificate, title, issuer)
        body = _add(html, "body")
        if tpl:
            _add(head, "style", _template_style(tpl, _image(tpl.background)))
        # A template's own logo wins; else the organisation's.
        if logo := _image(tpl.logo if tpl and tpl.logo_id else org.logo):
            _add(body, "img", class_="logo", src=logo, alt=_("Logo"))
        _add(body, "p", issuer, class_="brand")
        _issuer_lines(body, org)
        _add(body, "h1", title)
        if not tpl:
            _add(body, "p", _("Si certifica che"), class_="lead")
        _add(_add(body, "p", class_="holder"), "span", certificate.holder_name)
        if tpl:
            _add_lines(body, "p", fill(tpl.body, values), class_="body")
        else:
            _add(body, "p", _("ha completato con successo il corso"), class_="lead")
            _add(body, "p", certificate.course_title, class_="course")
        if names := certification_names(certificate):
            text = _("Valido per la certificazione %(names)s") % {
                "names": ", ".join(f"«{name}»" for name in names)
            }
            _add(body, "p", text, class_="certification")
        _facts(body, certificate, values)
        if tpl and tpl.signatories:
            _signatories(body, tpl)
        _verification(body, certificate, certificate.get_absolute_verify_url())
        if footer := (fill(tpl.footer, values) if tpl else ""):
            _add_lines(body, "p", footer, class_="template-footer")
    return html


def page_to_pdf(page: Element, *, signed: bool = False) -> bytes:
    """PDF/A-3b of a certificate page, with the shared fonts and CSS; signed
    in the same save when asked (`signing.SignatureSlot`)."""
    slot = SignatureSlot() if signed else None
    data = _CertificateHTML(page).write_pdf(
        stylesheets=[base_stylesheet()],
        font_config=font_config(),
        finisher=slot.reserve if slot else None,
        # The first half of the file identifier is this file's own, so two
        # renders of one record within a second are still two different
        # files (a regenerated copy never passes for the issued original).
        pdf_identifier=secrets.token_hex(16).encode(),
        **PDF_OPTIONS,
    )
    return slot.fill(data) if slot else data


def render_certificate_pdf(certificate) -> bytes:
    return page_to_pdf(certificate_page(certificate), signed=True)


def _sample_certificate(user):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from . import codes
    from .models import Certificate

    now = timezone.now()
    return Certificate(
        user=user,
        serial=f"SC-{now.year}-000123",
        verification_code=codes.new_code(),
        holder_name=user.get_full_name() or "Giulia Bianchi",
        course_title="Fondamenti del servizio clienti",
        duration_minutes=90,
        score=Decimal("92"),
        issued_at=now,
        expires_at=(now + timedelta(days=730)).date(),
    )


def render_sample_pdf(
    *, template, user, signed: bool = False, organisation: Organisation | None = None
) -> bytes:
    """The admin's live preview: a template (saved or not) with sample data."""
    page = certificate_page(
        _sample_certificate(user), template=template, organisation=organisation
    )
    return page_to_pdf(page, signed=signed)


def warm_up() -> None:
    """Render and sign one sample certificate, touching no database.

    A task worker calls this once before it starts taking jobs. RQ runs each
    job in a process forked from the worker, and whatever the job builds dies
    with that process: without this, every certificate paid again for a
    FontConfiguration, the parsed stylesheet, the signing key and WeasyPrint's
    and Pango's first-render caches (0.39–0.45 s per certificate through a
    worker instead of 0.14–0.16 s, `bench/worker_certificates.py`). Forked
    after this, every job starts with all of it built."""
    from people.models import User

    holder = User(first_name="Giulia", last_name="Bianchi")
    nobody = Organisation(name="", logo=None, address="", registration="")
    render_sample_pdf(template=None, user=holder, signed=True, organisation=nobody)
