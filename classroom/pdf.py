"""The signed attendance sheet of a session, as Italian funded-training audits
ask for it: who was there, for how long, a signature line for each person and
for the trainer. Rendered like the transcript (WeasyPrint, the organisation
from the certificates' site setting)."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from certificates.organisation import organisation_details
from certificates.pdf import embedded_image, font_config

from . import selectors


def attendance_sheet_pdf(*, session, base_url: str) -> bytes:
    organisation = organisation_details()
    html = render_to_string(
        "classroom/attendance_pdf.html",
        {
            "organisation": organisation,
            "logo": embedded_image(organisation.logo),
            "session": session,
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "rows": selectors.register(session=session),
            "generated_at": timezone.localtime(),
        },
    )
    return HTML(string=html, base_url=base_url).write_pdf(font_config=font_config())
