"""The demo, loaded from its files (`demo/data/`): what the README's walk-through
relies on, the richer onboarding (pictures, calls to listen to, checks and
scenarios in every module, a final quiz about situations), and a second run
that changes nothing."""

import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from certificates.models import Certificate
from content import scenarios
from courses.models import CoursePage, ModulePage, ScenarioRun
from demo import files
from people import roles
from people.models import User
from quizzes import services as quiz_services
from quizzes.models import Question, QuestionOption, Quiz

APPLICATION_KINDS = {Question.Kind.SCENARIO, Question.Kind.BRANCHING}


def _counts():
    return (
        CoursePage.objects.count(),
        ModulePage.objects.count(),
        Question.objects.count(),
        Quiz.objects.count(),
        User.objects.count(),
        Certificate.objects.count(),
        get_image_model().objects.count(),
        get_document_model().objects.count(),
        ScenarioRun.objects.count(),
    )


def test_demo_loads_the_italian_courses_and_is_idempotent(db, capsys, client):
    call_command("load_demo_data")
    first = _counts()
    call_command("load_demo_data")
    assert _counts() == first

    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    refresher = CoursePage.objects.get(kind=CoursePage.Kind.REFRESHER)
    assert onboarding.title == "Fondamenti del servizio clienti"
    assert ModulePage.objects.child_of(onboarding).live().count() >= 5
    assert onboarding.quiz.items.count() >= 12 and onboarding.quiz.pass_mark == 80
    assert refresher.quiz.items.count() >= 6
    for question in Question.objects.prefetch_related("options"):
        if question.kind == Question.Kind.BRANCHING:
            assert scenarios.best_path(question.scenario_graph), question.text
            continue
        correct = [o for o in question.options.all() if o.is_correct]
        assert correct, question.text
        if question.kind in (Question.Kind.SINGLE, Question.Kind.SCENARIO):
            assert len(correct) == 1, question.text
    # The bank has every type, two customer scenarios at least, and the
    # onboarding quiz draws from its topics.
    kinds = set(Question.objects.values_list("kind", flat=True))
    assert kinds == set(Question.Kind.values)
    assert Question.objects.filter(kind=Question.Kind.SCENARIO).count() >= 2
    assert onboarding.quiz.draws.count() >= 1
    assert all(
        d.topic.questions.count() >= d.count for d in onboarding.quiz.draws.all()
    )

    output = capsys.readouterr().out
    for login in (
        "agente@example.com",
        "formatore@example.com",
        "responsabile@example.com",
        "hr@example.com",
    ):
        assert login in output
    assert "demo-agente-2026" in output

    # The site serves it: home, catalogue and course pages.
    assert "Formazione Servizio Clienti" in client.get("/").content.decode()
    catalogue = client.get("/corsi/").content.decode()
    assert onboarding.title in catalogue and refresher.title in catalogue
    assert client.login(email="agente@example.com", password="demo-agente-2026")

    # The authoring blocks appear in the demo, and trainers' changes are reviewed.
    kinds = {
        block.block_type for module in ModulePage.objects.all() for block in module.body
    }
    assert {"do_dont", "dialogue", "table", "knowledge_check"} <= kinds
    lead = User.objects.get(email="responsabile@example.com")
    assert lead.groups.filter(name=roles.LEAD_TRAINER).exists()
    assert onboarding.get_workflow().name == "Revisione formazione"
    # Search finds modules by words of their body.
    found = client.get("/cerca/", {"q": "mezz'ora musica"}).content.decode()
    assert "I tre canali del servizio" in found


def _module_counts(module: ModulePage) -> Counter:
    return Counter(block.block_type for block in module.body)


def test_every_onboarding_module_has_pictures_and_practice(db):
    """Every module has an image, and two knowledge checks or a scenario; three
    recordings at least, used in modules and in a scenario; two scenarios
    at least, each with a good and a bad ending."""
    call_command("load_demo_data", "--no-people")
    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    modules = list(ModulePage.objects.child_of(onboarding).live().order_by("path"))
    assert len(modules) == 6
    recordings, scenario_blocks = set(), []
    for module in modules:
        counts = _module_counts(module)
        assert counts["image"] >= 1, module.title
        assert counts["knowledge_check"] >= 2 or counts["scenario"] >= 1, module.title
        for block in module.body:
            if block.block_type == "image":
                assert block.value["image"].contextual_alt_text, module.title
                # The demo's pictures are diagrams with words: on a phone they
                # keep their size and scroll, rather than shrink unreadable.
                assert block.value["kind"] == "diagram", module.title
            if block.block_type == "audio":
                assert block.value["transcript"].count("\n") >= 3
                recordings.add(block.value["audio"].pk)
            if block.block_type == "scenario":
                scenario_blocks.append(block.value)
    assert len(recordings) >= 2
    assert len(scenario_blocks) >= 2
    scenario_audio = set()
    for value in scenario_blocks:
        graph = scenarios.graph_from_value(value)
        endings = {c["ending"] for step in graph["steps"] for c in step["choices"]}
        assert {scenarios.GOOD, scenarios.POOR} <= endings
        scenario_audio |= {
            step["audio"]["url"] for step in graph["steps"] if step["audio"]
        }
    assert scenario_audio
    Document = get_document_model()
    audio = Document.objects.filter(file__endswith=".mp3")
    assert audio.count() >= 3
    for document in audio:
        assert document.file.size < 250_000  # small demo files
    # Each course has a cover for its card.
    assert all(course.cover_image_id for course in CoursePage.objects.all())


def test_the_final_quiz_asks_about_situations(db):
    """At least 60 % of what an attempt shows applies knowledge to a situation;
    every question's topic is one of a module's; the right option is not always
    in the same place; shuffling is on and the right answers wait for a pass or
    the last attempt."""
    call_command("load_demo_data", "--no-people")
    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    quiz = onboarding.quiz
    assert quiz.shuffle_questions and quiz.shuffle_options
    assert quiz.review_when == Quiz.ReviewWhen.AFTER_LAST
    assert quiz.review_right_answers

    course_files = next(c for c in files.read_courses() if c.slug == onboarding.slug)
    bank = files.read_bank()
    module_topics = {bank["topics"][m.topic]["name"] for m in course_files.modules}
    questions = [item.question for item in quiz.items.select_related("question__topic")]
    questions += [
        q
        for draw in quiz.draws.select_related("topic")
        for q in draw.topic.questions.all()
    ]
    for question in questions:
        assert question.topic.name in module_topics, question.text

    # Whatever the draws pick, most of an attempt is about situations.
    for _ in range(5):
        shown = quiz_services.quiz_questions(quiz=quiz)
        applied = sum(1 for q in shown if q.kind in APPLICATION_KINDS)
        assert applied / len(shown) >= 0.6, [q.kind for q in shown]

    positions = Counter(
        [o.is_correct for o in item.question.options.all()].index(True)
        for item in quiz.items.select_related("question")
        if item.question.kind in ("single", "scenario")
    )
    assert len(positions) >= 3
    assert max(positions.values()) <= sum(positions.values()) / 2


def _words(raw) -> list[str]:
    """The texts of a StreamField's raw data: every string but the blocks'
    random ids (a uuid like 1f2e-1975-… is not a year in the content)."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, dict):
        return [w for key, value in raw.items() if key != "id" for w in _words(value)]
    if isinstance(raw, list | tuple):
        return [w for value in raw for w in _words(value)]
    return []


def test_the_language_slips_are_gone(db):
    call_command("load_demo_data", "--no-people")
    texts = []
    for module in ModulePage.objects.all():
        texts += _words(list(module.body.raw_data))
    for question in Question.objects.prefetch_related("options"):
        texts += [question.text, question.scenario, question.dialogue]
        texts += _words(list(question.branching.raw_data))
        texts += [o.text + " " + o.feedback for o in question.options.all()]
    text = "\n".join(texts)
    for slip in (  # the list
        "Sono mezz'ora",
        "consegna sbagliato",
        "ha ragione sulla forma",
        "ogni minuto",
    ):
        assert slip not in text
    assert not re.search(r"\b(19|20)\d\d\b", text)


def test_demo_refuses_where_it_is_not_allowed(db, settings):
    settings.LMS_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo_data")
    assert not User.objects.exists()


def test_demo_assigns_onboarding_by_rule_with_due_dates(db):
    import datetime

    from django.utils import timezone

    from courses.models import Enrollment
    from courses.selectors import user_course_progress

    call_command("load_demo_data")
    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    refresher = CoursePage.objects.get(kind=CoursePage.Kind.REFRESHER)
    assert onboarding.modules_in_order
    assert list(refresher.required_courses.all()) == [onboarding]
    [rule] = onboarding.assignment_rules.all()
    assert rule.department.code == "contact-center" and rule.due_days == 14

    agent = User.objects.get(email="agente@example.com")
    enrollment = Enrollment.objects.get(user=agent, course=onboarding)
    assert enrollment.source == Enrollment.Source.RULE
    assert enrollment.due_date == agent.hire_date + datetime.timedelta(days=14)
    assert enrollment.due_date > timezone.localdate()
    sara = User.objects.get(email="sara.greco@example.com")
    assert user_course_progress(user=sara, course=onboarding).status == "overdue"
    paolo = Enrollment.objects.get(user__email="paolo.marino@example.com")
    assert paolo.source == Enrollment.Source.MANUAL and paolo.reason

    call_command("load_demo_data")
    assert onboarding.assignment_rules.count() == 1
    assert Enrollment.objects.filter(user=agent).count() == 1


def test_demo_onboarding_asks_its_survey_with_a_few_answers(db, client):
    from surveys.models import CourseSurvey, SurveyInvitation, SurveyResponse

    call_command("load_demo_data")
    call_command("load_demo_data")
    link = CourseSurvey.objects.select_related("survey").get()
    assert link.course.slug == "fondamenti-del-servizio-clienti"
    assert link.survey.anonymous
    assert SurveyResponse.objects.count() == 4
    assert not SurveyResponse.objects.exclude(user=None).exists()
    luca = SurveyInvitation.objects.get(user__email="luca.conti@example.com")
    assert luca.answered
    assert client.login(email="formatore@example.com", password="demo-formatore-2026")
    page = client.get("/admin/questionari/risultati/").content.decode()
    assert "Le simulazioni di chiamata con il cliente arrabbiato." in page
    assert "Media 4,25 su 5 (4 risposte)" in page


def test_an_option_with_a_comma_keeps_its_whole_text(db):
    # The YAML flow mapping `{text: a, b, correct: true}` read "b" as a key and
    # cut the option to "a"; the loader now refuses such a key.
    call_command("load_demo_data", "--no-people")
    texts = set(QuestionOption.objects.values_list("text", flat=True))
    assert "Proporre una soluzione concreta, con i tempi" in texts
    assert "Proporre una soluzione concreta" not in texts
