"""Audio and video in modules: the blocks (a transcript for every recording,
captions for every video, alt text for every figure), documents served in parts
for players (HTTP ranges) behind the same access checks, and the course covers
on the learner's cards. Audio and caption uploads are checked by content with
the other uploads (tests/security/test_hardening.py)."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale

from content.blocks import FIGURE_NEEDS_ALT, NOT_AUDIO, NOT_CAPTIONS
from courses.models import ModulePage
from courses.services import enrollment_create, enrollment_remove
from lms.uploads import ERROR_NOT_WEBVTT
from quizzes.models import Question, QuizDraw, Topic
from tests.builders import make_course, make_module, make_quiz, scenario, start_quiz

BLOCKS = ModulePage._meta.get_field("body").stream_block.child_blocks
MEDIA = Path(__file__).resolve().parents[2] / "demo" / "data" / "media"
Document = get_document_model()


def _document(name, content, title=None, collection=None):
    document = Document(title=title or name, collection=collection or _root())
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _root():
    return Collection.get_first_root_node()


@pytest.fixture
def recording(db):
    return _document(
        "attesa.mp3", (MEDIA / "attesa-mezzora.mp3").read_bytes(), "Mezz'ora"
    )


@pytest.fixture
def enrolled(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    return client


def test_an_audio_block_plays_the_file_and_shows_the_transcript(
    enrolled, course, recording
):
    module = make_module(
        course,
        title="Ascolto",
        body=[
            (
                "audio",
                {
                    "title": "Una telefonata",
                    "audio": recording.pk,
                    "transcript": (
                        "Cliente: Buongiorno.\nAgente: Buongiorno, sono Marta."
                    ),
                },
            )
        ],
    )
    html = enrolled.get(module.url).content.decode()
    assert '<audio class="block-audio__player" controls preload="metadata">' in html
    assert f'<source src="{recording.url}" type="audio/mpeg">' in html
    assert "Trascrizione" in html
    assert '<li class="dialogue__line dialogue__line--agente">' in html
    assert "Buongiorno, sono Marta." in html


def test_an_audio_block_needs_an_audio_file_and_a_transcript(db, recording):
    block = BLOCKS["audio"]
    pdf = _document("guida.pdf", b"%PDF-1.4\n" + b"x" * 100)
    with pytest.raises(ValidationError) as error:
        block.clean(
            block.to_python(
                {"title": "X", "audio": pdf.pk, "transcript": "Cliente: sì"}
            )
        )
    assert error.value.block_errors["audio"].message == NOT_AUDIO
    with pytest.raises(ValidationError) as error:
        block.clean(
            block.to_python({"title": "X", "audio": recording.pk, "transcript": ""})
        )
    assert "transcript" in error.value.block_errors


def test_a_video_block_carries_its_captions(enrolled, course):
    video = _document("saluto.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    captions = _document("saluto.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nCiao\n")
    module = make_module(
        course,
        title="Video",
        body=[
            (
                "video_file",
                {
                    "title": "Il saluto",
                    "video": video.pk,
                    "captions": captions.pk,
                    "poster": None,
                    "transcript": "",
                },
            )
        ],
    )
    html = enrolled.get(module.url).content.decode()
    assert f'<source src="{video.url}" type="video/mp4">' in html
    assert (
        f'<track kind="captions" src="{captions.url}" srclang="it" '
        'label="Italiano" default>'
    ) in html

    block = BLOCKS["video_file"]
    with pytest.raises(ValidationError) as error:
        block.clean(
            block.to_python(
                {"title": "X", "video": video.pk, "captions": video.pk, "poster": None}
            )
        )
    assert error.value.block_errors["captions"].message == NOT_CAPTIONS


def test_a_figure_needs_alt_text_not_a_decorative_flag(db):
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Schema", file=get_test_image_file())
    block = BLOCKS["image"]
    value = {
        "image": {"image": image.pk, "decorative": True, "alt_text": ""},
        "caption": "",
    }
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(value))
    assert error.value.block_errors["image"].message == FIGURE_NEEDS_ALT
    value["image"] = {"image": image.pk, "decorative": False, "alt_text": ""}
    with pytest.raises(ValidationError):
        block.clean(block.to_python(value))
    value["image"]["alt_text"] = "Il ciclo del servizio"
    block.clean(block.to_python(value))


# Range requests ------------------------------------------------------------------


def _in_a_module(course, document):
    """Files are served to who may read a live page using them: put `document`
    in a module of `course`."""
    make_module(
        course,
        title="Ascolto",
        body=[("audio", {"title": "T", "audio": document.pk, "transcript": "T"})],
    )
    return document


def test_a_range_request_gets_206_and_just_those_bytes(enrolled, course, recording):
    client = enrolled
    _in_a_module(course, recording)
    content = (MEDIA / "attesa-mezzora.mp3").read_bytes()
    size = len(content)
    response = client.get(recording.url, HTTP_RANGE="bytes=100-1099")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-1099/{size}"
    assert response["Content-Length"] == "1000"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/mpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == content[100:1100]

    # From an offset to the end, and the last bytes: how players seek.
    tail = client.get(recording.url, HTTP_RANGE=f"bytes={size - 10}-")
    assert tail.status_code == 206
    assert tail.content == content[-10:]
    last = client.get(recording.url, HTTP_RANGE="bytes=-5")
    assert last.content == content[-5:]


def test_a_large_file_goes_out_in_parts(enrolled, course, monkeypatch):
    from content import ranges as media

    client = enrolled
    monkeypatch.setattr(media, "MAX_PART", 1000)
    content = bytes(range(256)) * 20
    document = _in_a_module(course, _document("lungo.mp3", content))
    first = client.get(document.url, HTTP_RANGE="bytes=0-")
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-999/{len(content)}"
    assert first.content == content[:1000]


def test_odd_ranges_never_fail(enrolled, course, recording):
    client = enrolled
    _in_a_module(course, recording)
    size = recording.file.size
    beyond = client.get(recording.url, HTTP_RANGE=f"bytes={size + 10}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{size}"
    # Not a range we serve (several, or nonsense): the whole file, as HTTP allows.
    for header in ("bytes=0-1,5-9", "lines=1-2", "bytes=abc"):
        whole = client.get(recording.url, HTTP_RANGE=header)
        assert whole.status_code == 200
    # The file changed since the client's copy: the whole new file.
    changed = client.get(
        recording.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"vecchia"'
    )
    assert changed.status_code == 200
    same = client.get(
        recording.url,
        HTTP_RANGE="bytes=0-9",
        HTTP_IF_RANGE=f'"{recording.file_hash}"',
    )
    assert same.status_code == 206


def test_a_part_of_a_restricted_document_is_as_restricted_as_the_whole(
    course, enrolled
):

    private = _root().add_child(name="Riservata")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = _document(
        "riservata.mp3", (MEDIA / "canone-apertura.mp3").read_bytes(), "R", private
    )
    # Used by nobody's page yet: not even the signed-in learner gets a part.
    assert enrolled.get(document.url, HTTP_RANGE="bytes=0-99").status_code == 403
    _in_a_module(course, document)
    response = Client().get(document.url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert enrolled.get(document.url, HTTP_RANGE="bytes=0-99").status_code == 206


def test_a_srt_file_named_vtt_is_refused_with_a_clear_message(login, trainer):
    response = login(trainer).post(
        "/admin/documents/add/",
        {
            "title": "Sottotitoli",
            "file": SimpleUploadedFile("sottotitoli.vtt", b"1\n00:00:00,000 --> x\n"),
            "collection": _root().pk,
        },
    )
    assert response.status_code == 200
    assert str(ERROR_NOT_WEBVTT) in response.content.decode()
    assert not Document.objects.exists()


# Recordings of quiz questions ------------------------------------------------------


def _scenario_question(recording, topic=None, text="Conduci la telefonata."):
    """A branching question whose opening step has the customer's recording."""
    value = scenario()
    value["steps"][0]["audio"] = recording
    question = Question(text=text, kind="branching", topic=topic)
    question.branching = [("scenario", value)]
    question.save()
    return question


@pytest.fixture
def quiz_recording(catalogue, recording):
    """A course with no modules whose final quiz asks a branching question with
    `recording`, used by no page."""
    quiz = make_quiz(questions=[_scenario_question(recording)])
    return make_course(catalogue, title="Telefonate", modules=0, quiz=quiz)


def test_a_recording_in_the_final_quiz_plays_for_the_courses_learners(
    login, learner, quiz_recording, recording
):
    client = login(learner)
    client.post(f"/corsi/{quiz_recording.pk}/iscrizione/")
    start_quiz(client, quiz_recording)
    page = client.get(f"/quiz/{quiz_recording.pk}/").content.decode()
    assert recording.url in page
    content = (MEDIA / "attesa-mezzora.mp3").read_bytes()
    # What the audio player asks for: the first bytes (the duration), then on.
    part = client.get(recording.url, HTTP_RANGE="bytes=0-")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-{len(content) - 1}/{len(content)}"
    assert part.content == content
    tail = client.get(recording.url, HTTP_RANGE="bytes=-5")
    assert (tail.status_code, tail.content) == (206, content[-5:])
    whole = client.get(recording.url)
    assert whole.status_code == 200
    assert b"".join(whole.streaming_content) == content


def test_a_recording_in_a_quiz_is_not_for_people_who_may_not_take_it(
    client, login, learner, hr, catalogue, quiz_recording, recording
):
    # Anonymous: sent to sign in.
    response = client.get(recording.url, HTTP_RANGE="bytes=0-")
    assert response.status_code == 302
    assert "login" in response["Location"]
    # A learner of another course.
    other = make_course(catalogue, title="Altro corso", modules=1)
    client = login(learner)
    client.post(f"/corsi/{other.pk}/iscrizione/")
    assert client.get(recording.url).status_code == 403
    assert client.get(recording.url, HTTP_RANGE="bytes=0-").status_code == 403
    # Enrolled, then taken off the course.
    enrollment = enrollment_create(user=learner, course=quiz_recording)
    assert client.get(recording.url).status_code == 200
    enrollment_remove(enrollment=enrollment, actor=hr)
    assert client.get(recording.url).status_code == 403


def test_a_recording_counts_only_in_a_published_quiz_of_a_published_question(
    login, learner, catalogue, recording
):
    question = _scenario_question(recording)
    unpublished = make_quiz(questions=[question], live=False)
    course = make_course(catalogue, title="Bozza", modules=0, quiz=unpublished)
    client = login(learner)
    enrollment_create(user=learner, course=course)
    assert client.get(recording.url).status_code == 403
    unpublished.live = True
    unpublished.save()
    assert client.get(recording.url).status_code == 200
    Question.objects.filter(pk=question.pk).update(live=False)
    assert client.get(recording.url).status_code == 403


def test_a_recording_in_a_question_drawn_from_a_topic_plays_too(
    login, learner, catalogue, recording
):
    topic = Topic.objects.create(name="Attese")
    _scenario_question(recording, topic=topic)
    quiz = make_quiz(questions=[])
    quiz.draws = [QuizDraw(topic=topic, count=1)]
    quiz.save()
    course = make_course(catalogue, title="Estratto", modules=0, quiz=quiz)
    client = login(learner)
    assert client.get(recording.url).status_code == 403
    enrollment_create(user=learner, course=course)
    assert client.get(recording.url).status_code == 200


def test_a_translated_questions_recording_plays_for_the_courses_learners(
    login, learner, quiz_recording
):
    """An English learner hears the recording of the question's published
    translation; a translation still in draft is shown to nobody."""
    original = quiz_recording.quiz.items.get().question
    english = _document(
        "waiting.mp3", (MEDIA / "canone-apertura.mp3").read_bytes(), "Waiting"
    )
    translated = original.copy_for_translation(Locale.objects.get(language_code="en"))
    value = scenario()
    value["steps"][0]["audio"] = english
    translated.branching = [("scenario", value)]
    translated.save()
    client = login(learner)
    enrollment_create(user=learner, course=quiz_recording)
    assert not translated.live
    assert client.get(english.url).status_code == 403
    translated.live = True
    translated.save()
    assert client.get(english.url).status_code == 200


# Course covers ----------------------------------------------------------------------


def _cover(name):
    return get_image_model().objects.create(
        title=name,
        file=ContentFile(
            (MEDIA / "copertina-fondamenti.svg").read_bytes(), f"{name}.svg"
        ),
    )


def test_covers_show_on_the_catalogue_and_the_learner_home_in_fixed_queries(
    client, login, learner, catalogue, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.services import enrollment_create

    def add_courses(numbers):
        for number in numbers:
            course = make_course(
                catalogue,
                title=f"Corso {number}",
                modules=1,
                cover_image=_cover(str(number)),
            )
            enrollment_create(user=learner, course=course)
        for url in ("/corsi/", "/la-mia-formazione/"):
            client.get(url)  # the renditions are made once, on the first view

    login(learner)
    add_courses(range(2))
    counts = {}
    for url in ("/corsi/", "/la-mia-formazione/"):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        counts[url] = len(queries)
        assert html.count('class="course-card__cover"') == 2
        assert 'alt=""' in html  # decorative: the course title is beside it
    add_courses(range(2, 8))
    for url in ("/corsi/", "/la-mia-formazione/"):
        with django_assert_max_num_queries(counts[url]):
            html = client.get(url).content.decode()
        assert html.count('class="course-card__cover"') == 8
