"""Who may download an image or a document: the people who may read a page or
another object (a quiz question) that uses it.

Pages say where their files appear through Wagtail's reference index (kept up
to date by Wagtail on every save), so the question "may this person have this
file?" becomes "may this person read one of the live pages that use it?". Each
page type answers that for itself with `media_visible_to(user)` (a module:
the learners enrolled in its course); a page type without it shares its files
with whoever may see the page (live, without view restrictions). Objects that
are not pages (a recording in a branching quiz question) are answered for by
the app that owns them, through the `content.signals.media_readers` hook (a
question: whoever may take a quiz that asks it), as content may not import
the apps above it. People who manage images or documents in the admin
(trainers, lead trainers) may always have them: they choose them for pages and
preview drafts.

Nothing here is cached: it decides access.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .signals import media_readers

_MANAGE = ["add", "change", "choose"]


def _manages(user, obj) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_any_permission_for_instance(user, _MANAGE, obj)


def _users_of(obj) -> dict[type, set[str]]:
    """What uses `obj` (in a StreamField block, rich text or a field), as
    {base model: ids as the reference index keeps them, strings}: one query."""
    users = defaultdict(set)
    for content_type_id, object_id in ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type", "object_id"
    ):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            users[model].add(object_id)
    return users


def pages_using(obj) -> list[Page]:
    """The live pages that use `obj`, as their specific classes."""
    return _live_pages(_users_of(obj).get(Page, ()))


def _live_pages(ids) -> list[Page]:
    if not ids:
        return []
    return list(Page.objects.live().filter(pk__in=ids).specific())


def _page_shares_media(page, user) -> bool:
    decide = getattr(page, "media_visible_to", None)
    if decide is not None:
        return decide(user)
    return not page.get_view_restrictions()


def media_visible_to(user, obj) -> bool:
    """Whether `user` (maybe anonymous) may download the image or document
    `obj`: they manage such files, or may read a live page or another object
    that uses it. A file nothing uses is for its managers only."""
    if _manages(user, obj):
        return True
    users = _users_of(obj)
    if any(_page_shares_media(page, user) for page in _live_pages(users.pop(Page, ()))):
        return True
    if not users:
        return False
    answers = media_readers.send(sender="content", user=user, references=users)
    return any(answer is True for _receiver, answer in answers)
