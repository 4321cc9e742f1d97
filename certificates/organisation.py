"""The organisation that issues certificates and transcripts, read from the
admin's site setting (`OrganisationSettings`) with the deployment's
`LMS_ORGANISATION_NAME` as the fallback, so a site nobody configured yet still
prints a name."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Organisation:
    name: str
    logo: object  # a Wagtail image, or None
    address: str
    registration: str


def organisation_details(site=None) -> Organisation:
    """The organisation of `site` (default: the default site, as documents are
    also rendered by workers that have no request)."""
    from wagtail.models import Site

    from .models import OrganisationSettings

    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    record = OrganisationSettings.for_site(site) if site is not None else None
    fallback = getattr(settings, "LMS_ORGANISATION_NAME", "")
    if record is None:
        return Organisation(fallback, None, "", "")
    return Organisation(
        name=record.name or fallback,
        logo=record.logo,
        address=record.address,
        registration=record.registration,
    )
