"""Small builders for the tests: each makes only what a test needs."""

import datetime
import json

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from content.models import HomePage
from courses.models import CourseCatalogPage, CoursePage, ModulePage
from people.models import Department, User
from quizzes.models import Question, QuestionOption, Quiz, QuizItem

PASSWORD = "test-pass-123"


def days(n: int) -> datetime.date:
    """The day `n` days from today (before it when `n` is negative)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def make_user(email="agente@test.it", role=None, **fields) -> User:
    fields.setdefault("first_name", "Giulia")
    fields.setdefault("last_name", "Bianchi")
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


# The company the HR tests share: each name is the same person (e-mail, first
# and last name) in every test, so pages and exports read alike across them.
PEOPLE = {
    "boss": ("capo@test.it", "Carla", "Capo"),
    "anna": ("anna@test.it", "Anna", "Ricci"),
    "luca": ("luca@test.it", "Luca", "Conti"),
    "sara": ("sara@test.it", "Sara", "Greco"),
}


def make_person(name, **fields) -> User:
    """One of `PEOPLE`; fields: what the test needs of them (department, ...)."""
    email, first_name, last_name = PEOPLE[name]
    return make_user(email, first_name=first_name, last_name=last_name, **fields)


def post_new_person(client, **fields):
    """HR's new-person form, posted by `client`: the required fields of a
    valid person (with the Learner role the page ticks), then `fields`."""
    required = {
        "first_name": "A",
        "last_name": "B",
        "email": "ab@test.it",
        "preferred_language": "it",
        "roles": [Group.objects.get(name="Learner").pk],
    }
    return client.post("/hr/persone/nuova/", required | fields)


def person_form(person, **extra):
    """HR's person form for `person` as the page fills it in (the roles they
    hold ticked), then `extra`."""
    return {
        "first_name": person.first_name or "M",
        "last_name": person.last_name or "N",
        "email": person.email,
        "employee_id": person.employee_id or "",
        "preferred_language": "it",
        "roles": list(person.groups.values_list("pk", flat=True)),
        **extra,
    }


def make_departments() -> tuple[Department, Department]:
    """Assistenza and Vendite (created in that order), the company's two."""
    return (
        Department.objects.create(name="Assistenza", code="assistenza"),
        Department.objects.create(name="Vendite", code="vendite"),
    )


def make_site() -> CourseCatalogPage:
    root = Page.objects.get(depth=1)
    home = root.add_child(instance=HomePage(title="Formazione", slug="formazione-home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home},
    )
    catalogue = home.add_child(instance=CourseCatalogPage(title="Corsi", slug="corsi"))
    return catalogue


def make_question(text, kind="single", options=(), topic=None, **fields) -> Question:
    """options: [(text, correct), ...]; for matching [(text, True, match), ...];
    for ordering, the steps in their right order."""
    question = Question(text=text, kind=kind, topic=topic, **fields)
    question.options = [
        QuestionOption(
            text=option[0],
            is_correct=option[1],
            match=option[2] if len(option) > 2 else "",
            feedback=option[3] if len(option) > 3 else "",
        )
        for option in options
    ]
    question.save()
    return question


def make_quiz(title="Quiz finale", pass_mark=80, questions=None, **settings) -> Quiz:
    """questions: [(text, kind, [(option_text, correct), ...]), ...] or Question
    instances; settings: any Quiz field (max_attempts, layout, ...)."""
    if questions is None:
        questions = [
            (f"Domanda {n}?", "single", [("Giusta", True), ("Sbagliata", False)])
            for n in range(1, 6)
        ]
    # Tests name the order and the review they rely on; the product's own
    # defaults (shuffled, review after the last attempt) have their own test.
    settings.setdefault("shuffle_questions", False)
    settings.setdefault("shuffle_options", False)
    settings.setdefault("review_when", Quiz.ReviewWhen.IMMEDIATELY)
    settings.setdefault("review_right_answers", False)
    quiz = Quiz(title=title, pass_mark=pass_mark, **settings)
    items = []
    for question in questions:
        if not isinstance(question, Question):
            text, kind, options = question
            question = make_question(text, kind, options)
        items.append(QuizItem(question=question))
    quiz.items = items
    quiz.save()
    return quiz


def translate(page, language="en", **fields):
    """The page's live translation in `language` (its parents translated as
    aliases when they are not yet), with these fields changed."""
    locale = Locale.objects.get(language_code=language)
    page = page.specific
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


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


def right_response(answer, right: bool = True) -> dict[str, object]:
    """Form data answering one question of an attempt right (or wrong)."""
    name = f"d{answer.position}"
    options = answer.snapshot["options"]
    kind = answer.kind
    if kind in ("single", "true_false", "scenario", "multiple"):
        keys = [o["key"] for o in options if o["correct"] == right]
        return {name: keys if kind == "multiple" else keys[:1]}
    if kind == "short_text":
        return {name: options[0]["text"] if right else "risposta sbagliata"}
    if kind == "ordering":
        n = len(options)
        return {
            f"{name}-{o['key']}": str(o["rank"] + 1 if right else n - o["rank"])
            for o in options
        }
    mkeys = [o["mkey"] for o in options]
    return {
        f"{name}-{o['key']}": mkeys[i] if right else mkeys[(i + 1) % len(mkeys)]
        for i, o in enumerate(options)
    }


def attempt_post_data(attempt, wrong: int = 0, action="submit") -> dict[str, object]:
    """Form data answering every question of the attempt right, except the
    first `wrong` ones."""
    data = {"action": action}
    for index, answer in enumerate(attempt.answers.order_by("position")):
        data.update(right_response(answer, right=index >= wrong))
    return data


def make_module(course, title="Modulo", slug=None, body=None, **fields) -> ModulePage:
    """A live module with the given StreamField body: [(block_type, value), ...]."""
    body = body or [("paragraph", f"<p>Testo di {title}.</p>")]
    return course.add_child(
        instance=ModulePage(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            body=[{"type": kind, "value": value} for kind, value in body],
            **fields,
        )
    )


def publish_new_text(module, user, text):
    """`user` publishes a new revision of `module` whose body is one paragraph,
    `text`."""
    module.body = [{"type": "paragraph", "value": f"<p>{text}</p>"}]
    module.save_revision(user=user).publish(user=user)


def knowledge_check(question="Che cosa fai?", correct=0, options=3) -> dict:
    """A knowledge-check block value whose option `correct` is the right one."""
    return {
        "question": question,
        "options": [
            {
                "text": f"Risposta {n}",
                "correct": n == correct,
                "feedback": f"Riscontro della risposta {n}.",
            }
            for n in range(options)
        ],
    }


def scenario(title="Il corriere che non ha chiamato") -> dict:
    """A scenario block value: the opening step ("inizio") has a reply that ends
    «da evitare» (index 0) and one that leads to "proposta" (index 1), where
    one reply ends «ottimo» (0) and one «accettabile» (1)."""

    def choice(text, **where):
        return {
            "text": text,
            "reaction": f"Reazione a «{text}».",
            "coach": f"Commento su «{text}».",
            "next_step": where.get("next_step", ""),
            "ending": where.get("ending", ""),
        }

    def step(key, customer, *choices):
        return {
            "key": key,
            "customer": customer,
            "audio": None,
            "choices": list(choices),
        }

    return {
        "title": title,
        "situation": "Una cliente ha preso un giorno di ferie per la consegna.",
        "channel": "chat",
        "steps": [
            step(
                "inizio",
                "Nessuno mi ha chiamato. E adesso?",
                choice("Deve chiamare il corriere.", ending="da_evitare"),
                choice("Mi dispiace, rimedio subito.", next_step="proposta"),
            ),
            step(
                "proposta",
                "Quando?",
                choice("Scelga lei il giorno; la chiamano prima.", ending="ottimo"),
                choice("Domani, tra le 8 e le 18.", ending="accettabile"),
            ),
        ],
    }


def module_form(title, slug, action="action-publish", text="Rispondi entro 24 ore."):
    """The Wagtail editor's form for a module with one paragraph."""
    return {
        "title": title,
        "slug": slug,
        "intro": "",
        "estimated_minutes": "10",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-value": json.dumps(
            {
                "blocks": [
                    {
                        "key": "a1",
                        "text": text,
                        "type": "unstyled",
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [],
                    }
                ],
                "entityMap": {},
            }
        ),
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        action: "1",
    }


def question_form(kind, options, **fields) -> dict:
    """The question editor's form as Wagtail posts it: the question's fields,
    then one inline row per option, (text, correct, match) with an optional
    ORDER last; without one the rows keep the page's order."""
    data = {
        "text": f"Domanda {kind}",
        "kind": kind,
        "topic": "",
        "scenario": "",
        "dialogue": "",
        "branching-count": "0",  # the (empty) branching scenario's editor
        "explanation": "Perché sì.",
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for n, (text, correct, match, *order) in enumerate(options):
        data |= {
            f"options-{n}-text": text,
            f"options-{n}-match": match,
            f"options-{n}-feedback": f"Commento {n}",
            f"options-{n}-ORDER": str(order[0] if order else n + 1),
            f"options-{n}-id": "",
            f"options-{n}-DELETE": "",
        }
        if correct:
            data[f"options-{n}-is_correct"] = "on"
    return data


def start_quiz(client, course, follow: bool = False):
    """Press "Inizia il quiz" on the course's quiz page (a POST: opening the
    page never starts an attempt)."""
    return client.post(f"/quiz/{course.pk}/", {"action": "start"}, follow=follow)


def hand_in_anyway(client, url: str, data=None, follow: bool = False):
    """Press "Consegna il quiz" on the quiz at `url` with questions left blank
    (the form `data`, as the page posts it), then "Consegna comunque" on the
    page that asks: the hand-in graded. The first press grades nothing; it
    saves the answers and asks."""
    asked = client.post(url, {"action": "submit", **(data or {})})
    assert asked.status_code == 302 and "conferma=1" in asked["Location"], asked
    page = client.get(asked["Location"]).content.decode()
    assert "Consegna comunque" in page
    return client.post(url, {"conferma": "senza-risposta"}, follow=follow)


def take_quiz(client, course, wrong: int = 0, follow: bool = False):
    """Start the course's quiz (or resume the attempt in progress) as the page's
    "Inizia il quiz" button does, and submit it, all right except the first
    `wrong` questions."""
    from quizzes.models import Attempt

    start_quiz(client, course)
    attempt = Attempt.objects.filter(
        user_id=client.session.get("_auth_user_id"),
        course=course,
        state__in=Attempt.OPEN_STATES,
    ).first()
    if attempt is None:
        return client.post(f"/quiz/{course.pk}/", {}, follow=follow)
    return client.post(
        f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong), follow=follow
    )


def make_passed_enrollment(user, course):
    """An enrolment whose modules are done and whose final quiz was passed, with
    no certificate yet: what `certificate_issue` receives."""
    from courses.selectors import course_modules
    from courses.services import enrollment_create, module_complete
    from quizzes.selectors import attempt_answer_key
    from quizzes.services import attempt_start, attempt_submit

    enrollment = enrollment_create(user=user, course=course)
    for module in course_modules(course=course):
        module_complete(user=user, module=module)
    attempt = attempt_start(user=user, quiz=course.quiz, course=course)
    attempt = attempt_submit(
        attempt=attempt, responses=attempt_answer_key(attempt=attempt)
    )
    return enrollment, attempt


def issue_certificate(user, course, capture):
    """A passed enrolment and its certificate, issued with the on-commit work
    (the PDF render) run through `capture` (django_capture_on_commit_callbacks)."""
    from certificates.services import certificate_issue

    enrollment, attempt = make_passed_enrollment(user, course)
    with capture(execute=True):
        certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    certificate.refresh_from_db()
    return certificate


def finish_course(user, course, source="self", due_date=None):
    """Enrol, complete every module and pass the final quiz through the
    services; the enrolment. Whatever else the course asks (an observation,
    a classroom session) still stands between it and the certificate."""
    from courses import selectors, services
    from quizzes.selectors import attempt_answer_key

    enrollment = services.enrollment_create(
        user=user, course=course, source=source, due_date=due_date
    )
    for module in selectors.course_modules(course=course):
        services.module_complete(user=user, module=module)
    attempt = services.course_quiz_start(user=user, course=course)
    services.course_quiz_submit(
        user=user,
        course=course,
        attempt=attempt,
        responses=attempt_answer_key(attempt=attempt),
    )
    return enrollment


def pass_course(user, course, source="self", due_date=None):
    """`finish_course` for a course that asks nothing more: the certificate
    issued."""
    enrollment = finish_course(user, course, source=source, due_date=due_date)
    return enrollment.certificates.get(status="valid")


def notify(user, n=1):
    """`n` overdue notices for `user`, each for its own reason (one notice
    per reason is the rule), all unread."""
    from notifications.services import notification_send

    for i in range(n):
        notification_send(
            user=user,
            kind="overdue",
            reason_key=f"test:{i}",
            today=datetime.date(2026, 3, 1),
            due_date=datetime.date(2026, 2, 28),
            link="/la-mia-formazione/",
        )


def make_certification(onboarding, refresher=None, **fields):
    from certifications.models import Certification

    fields.setdefault("name", "Standard di servizio clienti")
    fields.setdefault("validity_months", 12)
    fields.setdefault("renewal_window_days", 60)
    fields.setdefault("required_for_everyone", True)
    certification = Certification.objects.create(**fields)
    certification.onboarding_courses.add(onboarding)
    if refresher is not None:
        certification.refresher_courses.add(refresher)
    # The relations are parental (they go through review): saved with the row.
    certification.save()
    return certification


def make_requirement(name="Privacy e GDPR", **fields):
    """A bare certification, with no courses: the HR pages only read statuses."""
    from certifications.models import Certification

    return Certification.objects.create(name=name, **fields)


def make_status(user, certification, status, valid_until=None, due_date=None):
    """Arrange a row of the summary table directly: HR pages only read it."""
    from certifications.models import CertificationStatus

    return CertificationStatus.objects.create(
        user=user,
        certification=certification,
        status=status,
        valid_until=valid_until,
        due_date=due_date,
    )


def certify_through_pages(client, course):
    """Enrol, complete every module and pass the quiz through the pages, as the
    signed-in learner of `client`; returns the certificate."""
    from certificates.models import Certificate
    from courses.selectors import course_modules

    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    take_quiz(client, course)
    return Certificate.objects.get(course=course)


def course_edit_form(course, *, required=(), rules=(), **fields) -> dict:
    """What the course editor posts when a lead trainer publishes `course`:
    its own values, `fields` changed, `rules` as assignment rules and
    `required` as its prerequisite courses."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    form = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "kind": "onboarding",
            "quiz": str(course.quiz_id),
            "assignment_rules": inline_formset(list(rules)),
            "action-publish": "1",
            **fields,
        }
    )
    # A list: nested_form_data would index it.
    form["required_courses"] = [str(c.pk) for c in required]
    return form
