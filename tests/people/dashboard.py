"""HR's compliance dashboard as its tests read it: the address, the status
names, the day the figures are for, and the status table cut out of a page."""

from django.utils import timezone

from certifications.models import CertificationStatus

URL = "/hr/conformita/"
S = CertificationStatus.Status
TODAY = timezone.localdate()


def matrix(page: str) -> str:
    """The status table (one row a person, one cell a certification)."""
    start = page.index("table--matrix")
    return page[start : page.index("</table>", start)]
