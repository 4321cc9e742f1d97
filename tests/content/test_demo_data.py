import pytest
from django.core.management import CommandError, call_command

from certificates.models import Certificate
from courses.models import CoursePage, ModulePage
from people import roles
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
