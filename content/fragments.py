"""Rendered StreamField bodies, kept in the cache as template fragments.

A module's body is the same for every learner but for the blocks that show the
learner's own work (knowledge checks, scenarios, SCORM packages: their block
class says `personal = True` in its Meta). Every other block's HTML is kept
under a key made of the page, its live revision, the language and the block:
publishing a revision makes new keys, so a content change never has to be
invalidated, and every process derives the same key from the database row it
has read anyway. One `get_many` fetches a page's blocks in a single round trip.

What the key cannot see is what a block shows of other objects, changed under
the same revision: an image whose file or title (its alt text) is replaced, a
document replaced, a linked page moved, renamed or unpublished. Saving one
deletes the fragments of the pages that use it (`forget_pages_using`, through
Wagtail's reference index, once the change is committed); a delete that fails
is logged as an error by the cache backend, and every fragment expires after
`FRAGMENT_SECONDS` anyway.

Nothing is kept in a preview (the revision shown is not the live one), for a
page without a live revision (made by code, not published) or without a
request. Values are HTML strings; the cache's KEY_PREFIX carries the release,
so a deploy starts with new keys.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.signals import page_published, page_unpublished, post_page_move

FRAGMENT_NAME = "page-body-block"
# A day: the bound on a fragment outliving a failed delete.
FRAGMENT_SECONDS = 24 * 60 * 60


def fragment_key(*, page_id: int, revision_id: int, language: str, block_id: str):
    return make_template_fragment_key(
        FRAGMENT_NAME, [page_id, revision_id, language, block_id]
    )


def _personal(stream_block, block_type: str) -> bool:
    child = stream_block.child_blocks.get(block_type)
    return child is None or getattr(child.meta, "personal", False)


def _cacheable(page, request) -> bool:
    return bool(
        request is not None
        and not getattr(request, "is_preview", False)
        and getattr(page, "live_revision_id", None)
        and page.live
    )


def render_body(*, page, stream, context) -> str:
    """The page's body as `{% include_block %}` renders it, block by block,
    with the shared blocks from the cache where they are."""
    request = context.get("request")
    raw = list(stream.raw_data)
    keys: dict[int, str] = {}
    if _cacheable(page, request):
        language = get_language() or settings.LANGUAGE_CODE
        for index, item in enumerate(raw):
            if item.get("id") and not _personal(stream.stream_block, item["type"]):
                keys[index] = fragment_key(
                    page_id=page.pk,
                    revision_id=page.live_revision_id,
                    language=language,
                    block_id=item["id"],
                )
    found = cache.get_many(list(keys.values())) if keys else {}
    flat = context.flatten()
    parts, rendered = [], {}
    for index in range(len(raw)):
        key = keys.get(index)
        html = found.get(key) if key else None
        if html is None:
            html = str(stream[index].render_as_block(context=flat))
            if key:
                rendered[key] = html
        parts.append(html)
    if rendered:
        cache.set_many(rendered, FRAGMENT_SECONDS)
    return mark_safe("".join(parts))  # noqa: S308 - the blocks' own rendered HTML


def forget_pages_using(obj) -> None:
    """Delete, once the transaction commits, the fragments of every live page
    that uses `obj` (an image, a document, a linked page), in every language.
    The keys are found now: after a delete, `obj` no longer has its id."""
    from .media import pages_using

    keys = []
    languages = [code for code, _name in settings.LANGUAGES]
    for page in pages_using(obj):
        stream = getattr(page, "body", None)
        if not page.live_revision_id or not hasattr(stream, "raw_data"):
            continue
        for item in stream.raw_data:
            if not item.get("id"):
                continue
            keys.extend(
                fragment_key(
                    page_id=page.pk,
                    revision_id=page.live_revision_id,
                    language=language,
                    block_id=item["id"],
                )
                for language in languages
            )
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))


# The senders are "app_label.ModelName" strings, which Django resolves once the
# model is registered: this module needs no model to be loaded.
@receiver(
    [post_save, post_delete],
    sender=get_image_model_string(),
    dispatch_uid="lms_fragments_Image",
)
@receiver(
    [post_save, post_delete],
    sender=get_document_model_string(),
    dispatch_uid="lms_fragments_Document",
)
def file_changed(sender, instance, created=False, **kwargs):
    """`post_save` and `post_delete` of an image or a document: the pages that
    show it render it again (or without it)."""
    if not created:
        forget_pages_using(instance)


@receiver(
    [page_published, page_unpublished, post_page_move],
    dispatch_uid="lms_fragments_linked_page",
)
def page_changed(sender, instance, **kwargs):
    """`page_published`, `page_unpublished`, `post_page_move`: the pages that
    link to this one show its new address, title or absence."""
    forget_pages_using(instance)
