"""Who may download an image or a document: the people who may read a page that
uses it.

Pages say where their files appear through Wagtail's reference index (kept up
to date by Wagtail on every save), so the question "may this person have this
file?" becomes "may this person read one of the live pages that use it?". Each
page type answers that for itself with `media_visible_to(user)` (a module:
the learners enrolled in its course); a page type without it shares its files
with whoever may see the page (live, without view restrictions). People who
manage images or documents in the admin (trainers, lead trainers) may always
have them: they choose them for pages and preview drafts.

Nothing here is cached: it decides access.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

_MANAGE = ["add", "change", "choose"]


def _manages(user, obj) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_any_permission_for_instance(user, _MANAGE, obj)


def pages_using(obj) -> list[Page]:
    """The live pages that use `obj` (in a StreamField block, rich text or a
    field), as their specific classes."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids]).specific())


def _page_shares_media(page, user) -> bool:
    decide = getattr(page, "media_visible_to", None)
    if decide is not None:
        return decide(user)
    return not page.get_view_restrictions()


def media_visible_to(user, obj) -> bool:
    """Whether `user` (maybe anonymous) may download the image or document
    `obj`: they manage such files, or may read a live page that uses it. A file
    no page uses is for its managers only."""
    if _manages(user, obj):
        return True
    return any(_page_shares_media(page, user) for page in pages_using(obj))
