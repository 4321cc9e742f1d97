"""Small builders for the tests: each makes only what a test needs."""

from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from content.models import HomePage
from courses.models import CourseCatalogPage, CoursePage, ModulePage
from people.models import User
from quizzes.models import Question, QuestionOption, Quiz, QuizItem

PASSWORD = "test-pass-123"


def make_user(email="agente@test.it", role=None, **fields) -> User:
    fields.setdefault("first_name", "Giulia")
    fields.setdefault("last_name", "Bianchi")
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_site() -> CourseCatalogPage:
    root = Page.objects.get(depth=1)
    home = root.add_child(instance=HomePage(title="Formazione", slug="formazione-home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home},
    )
    catalogue = home.add_child(instance=CourseCatalogPage(title="Corsi", slug="corsi"))
    return catalogue


def make_quiz(title="Quiz finale", pass_mark=80, questions=None) -> Quiz:
    """questions: [(text, kind, [(option_text, correct), ...]), ...]"""
    if questions is None:
        questions = [
            (f"Domanda {n}?", "single", [("Giusta", True), ("Sbagliata", False)])
            for n in range(1, 6)
        ]
    quiz = Quiz(title=title, pass_mark=pass_mark)
    items = []
    for text, kind, options in questions:
        question = Question(text=text, kind=kind)
        question.options = [QuestionOption(text=t, is_correct=c) for t, c in options]
        question.save()
        items.append(QuizItem(question=question))
    quiz.items = items
    quiz.save()
    return quiz


def make_course(catalogue, title="Fondamenti", modules=2, quiz=True, slug=None, **kw):
    course = catalogue.add_child(
        instance=CoursePage(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            summary=f"Sommario di {title}",
            quiz=make_quiz(title=f"Quiz {title}") if quiz is True else (quiz or None),
            **kw,
        )
    )
    for n in range(1, modules + 1):
        course.add_child(
            instance=ModulePage(
                title=f"Modulo {n} di {title}",
                slug=f"modulo-{n}",
                body=[
                    {"type": "heading", "value": f"Titolo {n}"},
                    {"type": "paragraph", "value": f"<p>Testo del modulo {n}.</p>"},
                ],
            )
        )
    return course


def correct_answers(quiz) -> dict[int, list[int]]:
    return {
        item.question.pk: [o.pk for o in item.question.options.all() if o.is_correct]
        for item in quiz.items.all()
    }


def quiz_post_data(quiz, wrong: int = 0) -> dict[str, object]:
    """Form data answering every question right, except the first `wrong` ones."""
    data = {}
    for index, item in enumerate(quiz.items.order_by("sort_order", "pk")):
        question = item.question
        options = list(question.options.all())
        chosen = [o for o in options if o.is_correct == (index >= wrong)]
        if question.kind == "single":
            chosen = chosen[:1]
        data[f"question_{question.pk}"] = [str(o.pk) for o in chosen]
    return data


def certify_through_pages(client, course):
    """Enrol, complete every module and pass the quiz through the pages, as the
    signed-in learner of `client`; returns the certificate."""
    from certificates.models import Certificate
    from courses.selectors import course_modules

    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    client.post(f"/quiz/{course.pk}/", quiz_post_data(course.quiz))
    return Certificate.objects.get(course=course)
