"""Content in two languages: the Italian original is the record, a translation
presents it.

Pages and governed snippets (quizzes, questions, certificate templates) are
Wagtail translatables: a translation shares its original's `translation_key`
and lives in another `Locale`. Everything a compliance record points at
(enrolments, completions, answers, attempts, certificates) points at the
original in the default locale, whatever language the learner reads; the
translation is only what a reader in its language is shown. These helpers map
one way and the other, in a fixed number of queries.
"""

from django.conf import settings
from django.db import models
from django.dispatch import receiver
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.signals import copy_for_translation_done


def locale_id_for(language: str | None) -> int | None:
    """The id of a language's content locale, read from the database every
    time: locales are few and the read is an indexed lookup, and a process
    that remembered them would keep a deleted locale's id."""
    if not language:
        return None
    return (
        Locale.objects.filter(language_code=language)
        .values_list("pk", flat=True)
        .first()
    )


def default_locale_id() -> int:
    return locale_id_for(settings.LANGUAGE_CODE) or Locale.get_default().pk


def active_locale_id() -> int:
    """The locale of the language the request is served in (the learner's
    preference, `people.middleware.UserLanguageMiddleware`), else the default."""
    return locale_id_for(translation.get_language()) or default_locale_id()


def default_locale() -> Locale:
    return Locale.get_default()


def locale_for(language: str | None) -> Locale | None:
    """The content locale of a language code ("en", "it"), or None when the
    language has no locale (yet)."""
    locale_id = locale_id_for(language)
    return Locale(pk=locale_id, language_code=language) if locale_id else None


def active_locale() -> Locale:
    return Locale.get_active()


def _live(queryset):
    model = queryset.model
    if issubclass(model, Page) or issubclass(model, DraftStateMixin):
        return queryset.filter(live=True)
    return queryset


def source_of(obj):
    """The original (default-locale) version of a page or snippet: what its
    records point at. The object itself when it is the original, or when its
    original is gone (then it is the only version there is)."""
    if obj is None or not isinstance(obj, TranslatableMixin):
        return obj
    default = default_locale_id()
    if obj.locale_id == default:
        return obj
    return (
        type(obj)
        ._default_manager.filter(translation_key=obj.translation_key, locale_id=default)
        .first()
        or obj
    )


def translation_in(obj, locale: Locale | None, *, live: bool = True):
    """The version of `obj` in `locale` (live only, unless asked), or None."""
    if obj is None or locale is None or not isinstance(obj, TranslatableMixin):
        return None
    if obj.locale_id == locale.pk:
        return obj
    found = type(obj)._default_manager.filter(
        translation_key=obj.translation_key, locale_id=locale.pk
    )
    return (_live(found) if live else found).first()


def present(objects: list, locale_id: int | None = None) -> list:
    """Each object in the reader's language: its live translation in the
    locale `locale_id` (the active language's by default) where one exists,
    the object itself otherwise. One query per model, none when everything is
    already in that language."""
    locale_id = locale_id or active_locale_id()
    wanted: dict[type, set] = {}
    for obj in objects:
        if isinstance(obj, TranslatableMixin) and obj.locale_id != locale_id:
            wanted.setdefault(type(obj), set()).add(obj.translation_key)
    if not wanted:
        return list(objects)
    found = {}
    for model, keys in wanted.items():
        queryset = _live(
            model._default_manager.filter(translation_key__in=keys, locale_id=locale_id)
        )
        for translated in queryset:
            found[(model, translated.translation_key)] = translated
    return [
        found.get((type(obj), getattr(obj, "translation_key", None)), obj)
        for obj in objects
    ]


def present_one(obj, locale_id: int | None = None):
    return present([obj], locale_id)[0] if obj is not None else None


def language_of(user) -> str:
    """The language a person reads content in."""
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def present_for(objects: list, readers: list) -> list:
    """Each object in the language of the person at the same place in
    `readers` (`language_of`): `present` for many readers at once, as a list of
    messages has them (reminders, a policy review's announcement). One query per
    model and language, whatever the number of rows."""
    shown = list(objects)
    if not any(isinstance(obj, TranslatableMixin) for obj in shown):
        return shown
    places: dict[str, list[int]] = {}
    for n, reader in enumerate(readers):
        places.setdefault(language_of(reader), []).append(n)
    for language, where in places.items():
        locale_id = locale_id_for(language)
        if locale_id is None:
            continue  # a language nobody has translated into yet
        translated = present([shown[n] for n in where], locale_id)
        for n, obj in zip(where, translated, strict=True):
            shown[n] = obj
    return shown


def title_for(obj, reader) -> str:
    """The title of a page or snippet in the person's language: its live
    translation's where there is one, its own otherwise."""
    return present_for([obj], [reader])[0].title


def with_titles(objects: list, field: str) -> list:
    """The objects (sessions, attendances...) with `<field>_title`: the title
    of the page in `field` in the reader's language (the request's), as an
    annotation is set, so a list shows it without a query per row."""
    pages = present([getattr(obj, field) for obj in objects])
    for obj, page in zip(objects, pages, strict=True):
        setattr(obj, f"{field}_title", page.title)
    return objects


class TranslatedTreeMixin:
    """For pages with children: a reader walks the tree in their language
    (Wagtail starts at the site root's translation in the active language).
    Where a child is missing, or not live, in this tree, the walk continues at
    the child of that slug in one of this page's translations, taken in this
    page's language if it has been translated: so an English reader reaches
    the courses nobody has translated, and an address of either language's
    tree opens the page in the reader's language."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            child = self.translated_child(path_components[0])
            if child is None:
                raise
            return child.route(request, path_components[1:])

    def translated_child(self, slug: str):
        for other in Page.objects.filter(translation_key=self.translation_key).exclude(
            pk=self.pk
        ):
            child = other.get_children().filter(slug=slug).first()
            if child is not None:
                child = child.specific
                return translation_in(child, Locale(pk=self.locale_id)) or child
        return None


@receiver(copy_for_translation_done, dispatch_uid="lms_translation_starts_as_draft")
def translation_starts_as_draft(sender, source_obj, target_obj, **kwargs):
    """A translated quiz, question or template is a new text learners would be
    judged or certified by: like any change, it waits for a lead trainer's
    approval in the review workflow. Wagtail copies a snippet with its `live`
    flag; this makes the copy a draft (pages are copied as drafts already)."""
    if isinstance(target_obj, Page) or not isinstance(target_obj, DraftStateMixin):
        return
    target_obj.live = False
    target_obj.has_unpublished_changes = True
    target_obj.live_revision = None
    target_obj.first_published_at = None
    target_obj.last_published_at = None
    if hasattr(target_obj, "latest_revision"):
        target_obj.latest_revision = None


def activate_for(user):
    """A context manager: the person's language, for what is written to them
    outside a request (certificates, e-mails)."""
    return translation.override(language_of(user))


def originals(queryset):
    """Only the originals (default locale) of a queryset of translatables: the
    pages and snippets records point at, for lists of records, pickers and
    jobs (a course is listed once, not once per language)."""
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


class TranslatableSnippetMixin(TranslatableMixin):
    """Wagtail's `TranslatableMixin` for governed snippets, whose rows are made
    by services, the demo and tests as well as by the admin: a row made without
    a locale is an original, in the default locale."""

    locale = models.ForeignKey(
        Locale,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        default=default_locale_id,
        verbose_name=_("lingua"),
    )
    locale.wagtail_reference_index_ignore = True

    class Meta(TranslatableMixin.Meta):
        abstract = True
