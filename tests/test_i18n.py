"""The interface's words: every string has its Italian and English entry (the
catalogues are what `makemessages` would write, with nothing untranslated or
fuzzy), and the Italian rules a catalogue cannot hold (the article before a
percentage)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from courses.services import enrollment_create
from lms import words
from tests.builders import PASSWORD, make_course, make_quiz

ROOT = Path(__file__).resolve().parent.parent
# What makemessages reads for lms/locale (the demo keeps its own catalogue).
NOT_SOURCES = (
    ".venv",
    ".git",
    "__pycache__",
    "tests",
    "bench",
    "docs",
    "demo",
    "scripts",
    "node_modules",
    "static",
    "fonts",
    "media",
    "*.mo",
    "*.sqlite3",
)


def _entries(po_text: str) -> list[str]:
    """The entries of msgattrib's output, without the header."""
    return [
        block.strip()
        for block in po_text.split("\n\n")
        if "msgid" in block and "Content-Type:" not in block
    ]


def test_makemessages_leaves_nothing_untranslated(tmp_path, settings, monkeypatch):
    """`makemessages` run on a copy of the sources and of the committed
    catalogues: every entry it writes, in Italian and in English, is
    translated and none is fuzzy. A new string without its entries, or one
    whose wording changed, fails here with its text."""
    # `make test` installs gettext (scripts/system-deps.sh): never a silent skip.
    assert shutil.which("xgettext"), "gettext is missing: run `make test`"
    tree = tmp_path / "src"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    settings.LOCALE_PATHS = [tree / "lms" / "locale"]
    monkeypatch.chdir(tree)
    call_command(
        "makemessages",
        locale=["it", "en"],
        no_obsolete=True,
        ignore_patterns=list(NOT_SOURCES),
        verbosity=0,
    )
    for language in ("it", "en"):
        po = tree / "lms" / "locale" / language / "LC_MESSAGES" / "django.po"
        for option in ("--untranslated", "--only-fuzzy"):
            found = subprocess.run(  # noqa: S603
                ["msgattrib", option, "--no-obsolete", str(po)],  # noqa: S607
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert _entries(found) == [], (language, option)


@pytest.mark.parametrize(
    ("mark", "italian", "english"),
    [
        (80, "l'80\u00a0%", "80%"),
        (85, "l'85\u00a0%", "85%"),
        (8, "l'8\u00a0%", "8%"),
        (11, "l'11\u00a0%", "11%"),
        (1, "l'1\u00a0%", "1%"),
        (75, "il 75\u00a0%", "75%"),
        (100, "il 100\u00a0%", "100%"),
        (18, "il 18\u00a0%", "18%"),
    ],
)
def test_a_pass_mark_reads_with_its_article(mark, italian, english):
    with translation.override("it"):
        assert words.percent_with_article(mark) == italian
    with translation.override("en"):
        assert words.percent_with_article(mark) == english


def test_the_quiz_intro_says_l_80(catalogue, login, learner):
    course = make_course(catalogue, title="Breve", modules=0, quiz=make_quiz())
    enrollment_create(user=learner, course=course)
    page = login(learner).get(f"/quiz/{course.pk}/").content.decode()
    assert "almeno l'80\u00a0% di risposte corrette" in page
    assert "il 80" not in page


def test_signing_in_and_out_speaks_to_anyone(catalogue, client, learner):
    """allauth's Italian assumes a man ("Ti sei collegato"); ours does not."""
    response = client.post(
        "/account/login/",
        {"login": learner.email, "password": PASSWORD},
        follow=True,
    )
    page = response.content.decode()
    assert "Accesso effettuato come" in page
    assert "collegato" not in page
    page = client.post("/account/logout/", follow=True).content.decode()
    assert "Disconnessione effettuata." in page and "scollegato" not in page


def test_an_empty_admin_list_says_so_in_proper_italian(login, trainer):
    """Wagtail's Italian says "Non c'è nessun modelli di certificato da
    mostrare": a singular article before the plural name, whatever its gender."""
    page = login(trainer).get("/admin/snippets/certificates/certificatetemplate/")
    text = " ".join(re.sub(r"<[^>]+>", " ", page.content.decode()).split())
    assert "nessun modelli" not in text
    assert (
        "Non ci sono modelli di certificato da mostrare. Perché non aggiungerne ?"
        in text
    )
