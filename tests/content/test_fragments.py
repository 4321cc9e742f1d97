"""A module's body kept as cached fragments (`content.fragments`): what learners
see stays right through publishing, previews, languages, their own answers, an
image changed or deleted, a linked page moved, a new release and a cache that
is down."""

import logging
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.models import ModulePage
from people import roles
from tests.builders import PASSWORD, knowledge_check, make_user, module_form

DO_DONT = {
    "title": "Il saluto",
    "pairs": [{"do": "Presentati per nome.", "dont": "Dire «Pronto?»."}],
}


def _published(course, lead, body, title="Con frammenti"):
    """A module made and published as the admin does it: a live revision."""
    module = course.add_child(
        instance=ModulePage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            body=[{"type": kind, "value": value} for kind, value in body],
        )
    )
    module.save_revision(user=lead).publish(user=lead)
    module.refresh_from_db()
    assert module.live_revision_id
    return module


def _image(title, name="schema.png"):
    return get_image_model().objects.create(title=title, file=get_test_image_file(name))


def _figure(image, caption=""):
    return (
        "image",
        {
            "image": {"image": image.pk, "decorative": False, "alt_text": ""},
            "caption": caption,
        },
    )


def _same_block(module, html):
    (block,) = module.body.raw_data
    return [{"type": block["type"], "value": html, "id": block["id"]}]


def _enrolled(user, course):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    assert client.post(f"/corsi/{course.pk}/iscrizione/").status_code == 302
    return client


@pytest.fixture
def reader(learner, course):
    return _enrolled(learner, course)


def test_a_published_change_shows_at_once_though_the_old_body_was_kept(
    reader, course, lead
):
    module = _published(course, lead, [("paragraph", "<p>Rispondi entro 24 ore.</p>")])
    assert "Rispondi entro 24 ore." in reader.get(module.url).content.decode()

    # The editor keeps a block's id when its text changes: same block, new text.
    module.body = _same_block(module, "<p>Rispondi entro 4 ore.</p>")
    module.save_revision(user=lead).publish(user=lead)

    html = reader.get(module.url).content.decode()
    assert "Rispondi entro 4 ore." in html
    assert "entro 24 ore" not in html


def test_a_kept_body_loads_none_of_its_images(reader, course, lead):
    images = [_image(f"Schema {n}", f"schema{n}.png") for n in range(4)]
    body = [_figure(image, f"Figura {n}") for n, image in enumerate(images)]
    module = _published(course, lead, body)
    with CaptureQueriesContext(connection) as first:
        html = reader.get(module.url).content.decode()
    assert html.count('alt="Schema') == 4
    with CaptureQueriesContext(connection) as kept:
        html = reader.get(module.url).content.decode()
    assert html.count('alt="Schema') == 4 and "Figura 3" in html

    def image_queries(queries):
        return [q for q in queries if "wagtailimages_" in q["sql"]]

    assert image_queries(first.captured_queries)
    assert image_queries(kept.captured_queries) == []
    assert len(kept) < len(first)


def test_each_learner_sees_only_their_own_answers(course, lead, learner):
    module = _published(
        course,
        lead,
        [
            ("paragraph", "<p>Prima di rispondere, leggi.</p>"),
            ("knowledge_check", knowledge_check("Quanto può attendere?", correct=1)),
        ],
    )
    (check,) = (b.id for b in module.body if b.block_type == "knowledge_check")
    ada = _enrolled(learner, course)
    bea = _enrolled(make_user("bea@test.it", role=roles.LEARNER), course)

    ada.post(f"/moduli/{module.pk}/verifiche/{check}/", {"option": "1"})
    assert "Risposta corretta." in ada.get(module.url).content.decode()

    html = bea.get(module.url).content.decode()
    assert "Prima di rispondere, leggi." in html
    assert "Risposta corretta." not in html
    assert f'id="kc-{check}-1" required checked' not in html
    # And the other way round, once Bea's page has been kept.
    assert "Risposta corretta." in ada.get(module.url).content.decode()


def test_a_preview_shows_the_draft_while_learners_keep_the_live_text(
    reader, login, course, lead
):
    module = _published(course, lead, [("paragraph", "<p>Rispondi entro 24 ore.</p>")])
    assert "entro 24 ore" in reader.get(module.url).content.decode()

    editor = login(lead)
    url = f"/admin/pages/{module.pk}/edit/preview/"
    form = module_form(module.title, module.slug, "", text="Bozza: entro 2 ore.")
    form["body-0-id"] = module.body.raw_data[0]["id"]  # as the editor sends it
    assert editor.post(url, form).json()["is_valid"] is True
    preview = editor.get(url).content.decode()
    assert "Bozza: entro 2 ore." in preview and "entro 24 ore" not in preview

    html = reader.get(module.url).content.decode()
    assert "entro 24 ore" in html and "Bozza" not in html


def test_each_language_keeps_its_own_words(course, lead, learner):
    module = _published(course, lead, [("do_dont", DO_DONT)])
    italian = _enrolled(learner, course)
    english = _enrolled(
        make_user("jane@test.it", role=roles.LEARNER, preferred_language="en"), course
    )
    assert "Da fare" in italian.get(module.url).content.decode()
    html = english.get(module.url).content.decode()
    assert ">Do<" in html and "Da fare" not in html
    assert "Da fare" in italian.get(module.url).content.decode()


def test_an_image_changed_in_place_shows_at_once(
    reader, login, course, lead, django_capture_on_commit_callbacks
):
    """Its title is the figure's alt text; the page's revision stays the same."""
    image = _image("Schema vecchio")
    module = _published(course, lead, [_figure(image)])
    assert 'alt="Schema vecchio"' in reader.get(module.url).content.decode()

    editor = login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/images/{image.pk}/",
            {"title": "Schema nuovo", "collection": image.collection_id, "tags": ""},
        )
    assert response.status_code == 302, response.content.decode()[:500]

    html = reader.get(module.url).content.decode()
    assert 'alt="Schema nuovo"' in html and "Schema vecchio" not in html


def test_a_fragment_of_another_release_is_never_read(reader, course, lead, settings):
    from django.core.cache import caches

    # The release is in every key (lms.settings: KEY_PREFIX).
    assert caches["default"].key_prefix == f"lms:{settings.LMS_RELEASE}"
    module = _published(course, lead, [("paragraph", "<p>Versione uno.</p>")])
    reader.get(module.url)
    # The same key under the next release's prefix holds something else: the
    # page must not find it, nor the previous release's entry.
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "KEY_PREFIX": "lms:prossimo-rilascio",
        }
    }
    assert caches["default"].key_prefix == "lms:prossimo-rilascio"
    module.body = _same_block(module, "<p>Versione due.</p>")
    # Written without a revision (as a data migration of the new release
    # might): only a fragment of the earlier release could show the old text.
    ModulePage.objects.filter(pk=module.pk).update(body=module.body)
    html = reader.get(module.url).content.decode()
    assert "Versione due." in html and "Versione uno." not in html


def test_the_module_reads_right_while_the_cache_is_down(
    reader, course, lead, settings, caplog
):
    module = _published(course, lead, [("paragraph", "<p>Sempre leggibile.</p>")])
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    with caplog.at_level(logging.ERROR, logger="lms.cache"):
        response = reader.get(module.url)
    assert response.status_code == 200
    assert "Sempre leggibile." in response.content.decode()
    assert any(r.levelno >= logging.ERROR for r in caplog.records), (
        "a cache call that failed is logged"
    )


def test_a_link_to_a_page_that_moves_follows_it(
    reader, course, lead, django_capture_on_commit_callbacks
):
    """The linked page gets a new address; the linking page's revision stays."""
    target = _published(course, lead, [("paragraph", "<p>Tempi.</p>")], "Tempi")
    module = _published(
        course,
        lead,
        [
            (
                "paragraph",
                f'<p>Vedi <a linktype="page" id="{target.pk}">i tempi</a>.</p>',
            )
        ],
    )

    def link(html):  # the body's link (the module list links the page too)
        return re.search(r'href="([^"]+)">i tempi</a>', html).group(1)

    assert link(reader.get(module.url).content.decode()) == target.url

    target.slug = "tempi-di-risposta"
    with django_capture_on_commit_callbacks(execute=True):
        target.save_revision(user=lead).publish(user=lead)
    target.refresh_from_db()
    assert target.url.endswith("/tempi-di-risposta/")

    assert link(reader.get(module.url).content.decode()) == target.url


def test_every_block_with_a_form_or_the_person_in_it_is_personal():
    """A new block whose template posts a form (a CSRF token) or reads the
    person must say `personal = True`, or one learner's page would be kept and
    shown to the next."""
    from django.template.loader import get_template

    for name, block in ModulePage.body.field.stream_block.child_blocks.items():
        template = getattr(block.meta, "template", None)
        if not template:
            continue
        source = get_template(template).template.source
        reads_the_person = any(
            mark in source for mark in ("csrf_token", "request.", "user.", "perms.")
        )
        if reads_the_person:
            assert getattr(block.meta, "personal", False), name


def test_a_deleted_image_leaves_the_page(
    reader, login, course, lead, django_capture_on_commit_callbacks
):
    image = _image("Schema superato", "superato.png")
    module = _published(
        course, lead, [("paragraph", "<p>Il testo resta.</p>"), _figure(image)]
    )
    assert 'alt="Schema superato"' in reader.get(module.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = login(lead).post(f"/admin/images/{image.pk}/delete/")
    assert response.status_code == 302

    html = reader.get(module.url).content.decode()
    assert "Il testo resta." in html and "Schema superato" not in html
