import pytest
from django.core.management import CommandError, call_command

from certificates.models import Certificate
from courses.models import CoursePage, ModulePage
from people.models import User
from quizzes.models import Question, Quiz


def _counts():
    return (
        CoursePage.objects.count(),
        ModulePage.objects.count(),
        Question.objects.count(),
        Quiz.objects.count(),
        User.objects.count(),
        Certificate.objects.count(),
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
    for login in ("agente@example.com", "formatore@example.com", "hr@example.com"):
        assert login in output
    assert "demo-agente-2026" in output

    # The site serves it: home, catalogue and course pages.
    assert "Formazione Servizio Clienti" in client.get("/").content.decode()
    catalogue = client.get("/corsi/").content.decode()
    assert onboarding.title in catalogue and refresher.title in catalogue
    assert client.login(email="agente@example.com", password="demo-agente-2026")


def test_demo_refuses_where_it_is_not_allowed(db, settings):
    settings.LMS_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo_data")
    assert not User.objects.exists()
