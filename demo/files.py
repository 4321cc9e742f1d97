"""The demo content as files a trainer can read and edit, read into plain data.

`demo/data/` holds:

- `site.yaml`: the home page, the catalogue, departments, demo people, the
  assignment rule and the certification;
- `courses/<slug>/course.yaml` and one Markdown file per module (`01-….md`, in
  course order) and `quiz.yaml`;
- `bank.yaml`: the question bank's topics (one per module) and the questions
  the quizzes draw at random;
- `media/`: the diagrams (SVG, each with its `<title>`), the call recordings
  (MP3) and `calls.yaml`, their transcripts (`scripts/demo-audio.py` makes the
  recordings from it).

A module file starts with YAML front matter between `---` lines (slug, title,
intro, minutes, topic). Its body is Markdown: `## ` lines are section headings,
plain text becomes text blocks, and a fenced block whose info string names a
block type (```` ```callout ````, ```` ```scenario ````, …) holds that block's
fields in YAML. Nothing here touches the database: media are named by file or
call and resolved by the loader.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

DATA = Path(__file__).resolve().parent / "data"
MEDIA = DATA / "media"

FENCE = re.compile(
    r"^```(?P<kind>[a-z_]+)[ \t]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S
)
HEADING = re.compile(r"^## +(?P<text>.+?)\s*$", re.M)
SVG_TITLE = re.compile(r"<title[^>]*>(?P<title>.*?)</title>", re.S)

_markdown = MarkdownIt("commonmark")


class DemoDataError(ValueError):
    """A data file that cannot be read; the message names the file."""


def rich_text(text: str) -> str:
    """Markdown as Wagtail's rich text: paragraphs, lists, bold, italic, links
    (Wagtail stores bold and italic as <b> and <i>)."""
    html = _markdown.render((text or "").strip())
    for markdown_tag, wagtail_tag in (("strong", "b"), ("em", "i")):
        html = html.replace(f"<{markdown_tag}>", f"<{wagtail_tag}>")
        html = html.replace(f"</{markdown_tag}>", f"</{wagtail_tag}>")
    return re.sub(r">\s*\n\s*<", "><", html).strip()


def read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DemoDataError(f"{path}: {error}") from error


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise DemoDataError(f"{path}: the file must start with front matter (---)")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise DemoDataError(f"{path}: the front matter has no closing ---")
    try:
        meta = yaml.safe_load(head) or {}
    except yaml.YAMLError as error:
        raise DemoDataError(f"{path}: {error}") from error
    return meta, body


@dataclass
class Module:
    slug: str
    title: str
    intro: str
    minutes: int
    topic: str
    # [(block type, fields as written)], fields still naming media by file.
    blocks: list[tuple[str, object]] = field(default_factory=list)
    path: Path | None = None

    def count(self, *kinds: str) -> int:
        return sum(1 for kind, _value in self.blocks if kind in kinds)


def read_module(path: Path) -> Module:
    meta, body = front_matter(path)
    try:
        return Module(
            slug=meta["slug"],
            title=meta["title"],
            intro=meta.get("intro", ""),
            minutes=int(meta.get("minutes", 15)),
            topic=meta.get("topic", ""),
            blocks=body_blocks(body, source=path),
            path=path,
        )
    except KeyError as error:
        raise DemoDataError(f"{path}: front matter lacks {error}") from error


def body_blocks(text: str, *, source: Path | None = None) -> list[tuple[str, object]]:
    """The blocks of a module body, in order."""
    blocks: list[tuple[str, object]] = []
    position = 0
    for match in FENCE.finditer(text):
        blocks.extend(_prose(text[position : match.start()]))
        try:
            value = yaml.safe_load(match["body"])
        except yaml.YAMLError as error:
            raise DemoDataError(f"{source}: block {match['kind']}: {error}") from error
        blocks.append((match["kind"], value))
        position = match.end()
    blocks.extend(_prose(text[position:]))
    return blocks


def _prose(text: str) -> list[tuple[str, object]]:
    blocks = []
    position = 0
    for match in HEADING.finditer(text):
        before = text[position : match.start()].strip()
        if before:
            blocks.append(("paragraph", before))
        blocks.append(("heading", match["text"]))
        position = match.end()
    rest = text[position:].strip()
    if rest:
        blocks.append(("paragraph", rest))
    return blocks


@dataclass
class Course:
    slug: str
    title: str
    summary: str
    kind: str
    cover: str
    modules: list[Module]
    quiz: dict
    path: Path


def read_course(directory: Path) -> Course:
    meta = read_yaml(directory / "course.yaml")
    modules = [read_module(path) for path in sorted(directory.glob("[0-9]*.md"))]
    return Course(
        slug=meta["slug"],
        title=meta["title"],
        summary=meta["summary"].strip(),
        kind=meta["kind"],
        cover=meta.get("cover", ""),
        modules=modules,
        quiz=read_yaml(directory / "quiz.yaml"),
        path=directory,
    )


def read_courses() -> list[Course]:
    """The demo's courses, in the order `site.yaml` lists them."""
    site = read_site()
    return [read_course(DATA / "courses" / slug) for slug in site["courses"]]


def read_site() -> dict:
    return read_yaml(DATA / "site.yaml")


def read_sessions() -> list[dict]:
    """The classroom sessions (`sessions.yaml`)."""
    return (read_yaml(DATA / "sessions.yaml") or {}).get("sessions", [])


def read_survey() -> dict:
    return read_yaml(DATA / "survey.yaml")


def read_bank() -> dict:
    return read_yaml(DATA / "bank.yaml")


def read_calls() -> dict:
    """Call recordings by id: {"title", "file", "lines": [[speaker, text]]}."""
    return read_yaml(MEDIA / "calls.yaml")


def transcript(call: dict) -> str:
    """A call's lines as the audio block's transcript, «Speaker: words»."""
    return "\n".join(f"{speaker}: {words}" for speaker, words in call["lines"])


def svg_title(path: Path) -> str:
    match = SVG_TITLE.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise DemoDataError(f"{path}: the diagram needs a <title>")
    return " ".join(match["title"].split())


def read_observations() -> dict:
    """The checklist, the onboarding's requirement and the observations
    (`observations.yaml`)."""
    path = DATA / "observations.yaml"
    data = read_yaml(path) or {}
    for key in ("checklist", "requirement", "observations"):
        if key not in data:
            raise DemoDataError(f"{path}: missing «{key}»")
    if not data["checklist"].get("criteria"):
        raise DemoDataError(f"{path}: the checklist has no criteria")
    return data


# Translations ----------------------------------------------------------------
#
# A course folder may hold a folder per other language (`en/`): its own
# `course.yaml` (slug, title, summary), a Markdown file per module it
# translates, named as the original's (front matter: slug, title, intro; the
# body written afresh in that language, keeping the original's knowledge
# checks and scenarios in the same order, with the same right answers, steps
# and endings, since an answer given in one language counts in the other) and
# `quiz.yaml` (the quiz's title and, in the original's order, each question's
# words). `site.yaml`'s `translations` gives the home's and the catalogue's.
# The bank's questions, which any quiz may draw, are translated once, in
# `demo/data/<language>/bank.yaml` (in the bank's order, each question's
# words, as in a quiz's).

TRANSLATED_LANGUAGES = ("en",)


@dataclass
class Translation:
    language: str
    slug: str
    title: str
    summary: str
    # The translated modules, by the original module's file name.
    modules: dict[str, Module]
    quiz: dict
    path: Path


@dataclass
class BankTranslation:
    language: str
    # Each bank question's words, in the order of `bank.yaml`'s `questions`.
    questions: list[dict]
    path: Path


def read_bank_translations() -> list[BankTranslation]:
    translations = []
    for language in TRANSLATED_LANGUAGES:
        path = DATA / language / "bank.yaml"
        if path.exists():
            data = read_yaml(path) or {}
            translations.append(
                BankTranslation(
                    language=language,
                    questions=data.get("questions", []),
                    path=path,
                )
            )
    return translations


def read_translations(course: Course) -> list[Translation]:
    translations = []
    for language in TRANSLATED_LANGUAGES:
        directory = course.path / language
        if not directory.is_dir():
            continue
        meta = read_yaml(directory / "course.yaml")
        quiz_path = directory / "quiz.yaml"
        translations.append(
            Translation(
                language=language,
                slug=meta["slug"],
                title=meta["title"],
                summary=meta["summary"].strip(),
                modules={
                    path.name: read_module(path)
                    for path in sorted(directory.glob("[0-9]*.md"))
                },
                quiz=read_yaml(quiz_path) if quiz_path.exists() else {},
                path=directory,
            )
        )
    return translations
