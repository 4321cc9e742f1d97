"""Put the demo's files into the database, idempotently.

What already exists (a page with the same slug in the same place, a question with
the same text, a quiz, an image or recording with the same title, a person with
the same e-mail) is left as it is, so running it again changes nothing and never
duplicates anything. Every module body goes through the same block checks as
the editor (a scenario graph that the editor would refuse stops the load).
"""

import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from classroom.models import Session
from classroom.services import attendance_record, session_book
from content.models import HomePage
from content.translation import originals
from courses.models import (
    AssignmentRule,
    CourseCatalogPage,
    CoursePage,
    Enrollment,
    ModulePage,
)
from courses.services import enrollment_create
from people import roles
from people.models import Department, User
from quizzes.models import Question, QuestionOption, Quiz, QuizDraw, QuizItem, Topic

from . import files
from .files import DemoDataError

COLLECTION = "Materiali dimostrativi"
ROLES = {
    "learner": roles.LEARNER,
    "trainer": roles.TRAINER,
    "lead_trainer": roles.LEAD_TRAINER,
    "hr": roles.HR,
}
SPEAKERS = {
    "cliente": "cliente",
    "agente": "agente",
    "operatore": "agente",
    # The English modules' dialogues.
    "customer": "cliente",
    "agent": "agente",
}


class Media:
    """The demo's diagrams (Wagtail images) and call recordings (Wagtail
    documents, so the module's access rules apply to them), made once each."""

    def __init__(self):
        root = Collection.get_first_root_node()
        self.collection = root.get_children().filter(
            name=COLLECTION
        ).first() or root.add_child(name=COLLECTION)
        self.calls = files.read_calls()

    def image(self, name: str):
        path = files.MEDIA / name
        title = files.svg_title(path) if path.suffix == ".svg" else path.stem
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            with path.open("rb") as handle:
                image = Image(title=title, collection=self.collection)
                image.file.save(path.name, File(handle), save=False)
            image._set_file_hash()
            image.save()
        return image

    def call(self, call_id: str) -> tuple[object, dict]:
        try:
            call = self.calls[call_id]
        except KeyError:
            raise DemoDataError(f"calls.yaml has no call «{call_id}»") from None
        Document = get_document_model()
        document = Document.objects.filter(title=call["title"]).first()
        if document is None:
            path = files.MEDIA / call["file"]
            with path.open("rb") as handle:
                document = Document(title=call["title"], collection=self.collection)
                document.file.save(path.name, File(handle), save=False)
            document._set_document_file_metadata()
            document.save()
        return document, call


def block_value(kind: str, raw, media: Media):
    """A block as written in a module file, as the StreamField stores it."""
    if kind == "heading":
        return str(raw)
    if kind == "paragraph":
        return files.rich_text(raw)
    if kind == "callout":
        return {**raw, "text": files.rich_text(raw["text"])}
    if kind == "dialogue":
        lines = []
        for line in raw["lines"]:
            speaker, _sep, text = line.partition(":")
            lines.append(
                {"speaker": SPEAKERS[speaker.strip().lower()], "text": text.strip()}
            )
        return {**raw, "lines": lines}
    if kind == "table":
        return {
            "caption": raw.get("caption", ""),
            "columns": [{"type": "text", "heading": h} for h in raw["columns"]],
            "rows": [{"values": [str(v) for v in row]} for row in raw["rows"]],
        }
    if kind == "image":
        return {
            "image": {
                "image": media.image(raw["image"]).pk,
                "decorative": False,
                "alt_text": raw["alt"],
            },
            # The demo's figures are diagrams with words (`kind: photo` for a
            # photo, which fits a phone's width).
            "kind": raw.get("kind", "diagram"),
            "caption": raw.get("caption", ""),
        }
    if kind == "audio":
        document, call = media.call(raw["call"])
        return {
            "title": raw.get("title") or call["title"],
            "audio": document.pk,
            "transcript": files.transcript(call),
        }
    if kind == "scenario":
        return scenario_value(raw, media)
    return raw


def scenario_value(raw: dict, media: Media) -> dict:
    steps = []
    for step in raw["steps"]:
        audio = media.call(step["audio"])[0].pk if step.get("audio") else None
        steps.append(
            {
                "key": step["key"],
                "customer": step["customer"],
                "audio": audio,
                "choices": [
                    {
                        "text": choice["text"],
                        "reaction": choice["reaction"],
                        "coach": choice["coach"],
                        "next_step": choice.get("next", ""),
                        "ending": choice.get("ending", ""),
                    }
                    for choice in step["choices"]
                ],
            }
        )
    return {
        "title": raw["title"],
        "situation": raw.get("situation", ""),
        "channel": raw.get("channel", "phone"),
        "steps": steps,
    }


def module_body(module: files.Module, media: Media) -> list[dict]:
    """The module's StreamField data, checked block by block as the editor
    checks it."""
    stream_block = ModulePage._meta.get_field("body").stream_block
    body = []
    for kind, raw in module.blocks:
        block = stream_block.child_blocks.get(kind)
        if block is None:
            raise DemoDataError(f"{module.path}: unknown block type «{kind}»")
        value = block_value(kind, raw, media)
        try:
            block.clean(block.to_python(value))
        except ValidationError as error:
            raise DemoDataError(f"{module.path}: block {kind}: {error}") from error
        body.append({"type": kind, "value": value})
    return body


# Site, pages and the review workflow ------------------------------------------


def load_departments(site: dict) -> dict[str, Department]:
    return {
        d["code"]: Department.objects.get_or_create(
            code=d["code"], defaults={"name": d["name"]}
        )[0]
        for d in site["departments"]
    }


def load_home(site: dict) -> HomePage:
    home = originals(HomePage.objects.order_by("path")).first()
    if home is None:
        root = Page.objects.get(depth=1)
        welcome = root.get_children().filter(slug="home").first()
        if welcome is not None and welcome.specific_class is Page:
            # Wagtail's placeholder page: replaced by the real home page.
            welcome.delete()
        home = root.add_child(
            instance=HomePage(
                title=site["home"]["title"],
                slug="home",
                intro=files.rich_text(site["home"]["intro"]),
            )
        )
        home.save_revision().publish()
    default = Site.objects.filter(is_default_site=True).first()
    if default is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    elif default.root_page_id != home.pk:
        default.root_page = home
        default.save()
    return home


def load_catalogue(site: dict, home: HomePage) -> CourseCatalogPage:
    spec = site["catalogue"]
    catalogue = (
        CourseCatalogPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    )
    if catalogue is None:
        catalogue = home.add_child(
            instance=CourseCatalogPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=files.rich_text(spec["intro"]),
            )
        )
        catalogue.save_revision().publish()
    return catalogue


def load_review_workflow(home: HomePage) -> Workflow:
    """Trainers' changes go to the lead trainers for approval. The workflow and
    its task come from the migrations (content 0003, certifications 0006);
    ensured on the demo tree here, in case an administrator changed it."""
    workflow = Workflow.objects.get(name="Revisione formazione")
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


# The question bank and the quizzes -------------------------------------------


def load_topics(bank: dict) -> dict[str, Topic]:
    return {
        slug: Topic.objects.get_or_create(
            name=spec["name"], defaults={"description": spec.get("description", "")}
        )[0]
        for slug, spec in bank["topics"].items()
    }


OPTION_KEYS = {"text", "correct", "feedback", "match"}


def load_question(spec: dict, topics: dict[str, Topic], media: Media) -> Question:
    question = Question.objects.filter(text=spec["text"]).first()
    if question is not None:
        return question
    try:
        topic = topics[spec["topic"]]
    except KeyError:
        raise DemoDataError(
            f"question «{spec['text']}»: unknown topic «{spec.get('topic')}»"
        ) from None
    question = Question(
        text=spec["text"],
        kind=spec["kind"],
        topic=topic,
        scenario=spec.get("situation", "").strip(),
        dialogue=spec.get("dialogue", "").strip(),
        partial_credit=spec.get("partial_credit", False),
        explanation=spec.get("explanation", "").strip(),
    )
    if spec["kind"] == Question.Kind.BRANCHING:
        question.branching = [
            {"type": "scenario", "value": scenario_value(spec["branching"], media)}
        ]
    for option in spec.get("options", []):
        # `{text: a, b, correct: true}` reads "b" as a key: the text is cut.
        unknown = set(option) - OPTION_KEYS
        if unknown:
            raise DemoDataError(
                f"«{spec['text']}»: option «{option.get('text')}» has unknown keys "
                f"{sorted(map(str, unknown))} (a text with a comma needs quotes)"
            )
    question.options = [
        QuestionOption(
            text=option["text"],
            is_correct=option.get("correct", False),
            feedback=option.get("feedback", "").strip(),
            match=option.get("match", ""),
        )
        for option in spec.get("options", [])
    ]
    question.save()
    question.save_revision().publish()
    return question


def load_bank(bank: dict, topics: dict[str, Topic], media: Media) -> None:
    for spec in bank["questions"]:
        load_question(spec, topics, media)


# What quiz.yaml may set besides the pass mark: the quiz's rules.
QUIZ_SETTINGS = set(Quiz.RULE_FIELDS) - {"pass_mark"}


def load_quiz(spec: dict, topics: dict[str, Topic], media: Media) -> Quiz:
    quiz = Quiz.objects.filter(title=spec["title"]).first()
    if quiz is not None:
        return quiz
    settings = spec.get("settings", {})
    unknown = set(settings) - QUIZ_SETTINGS
    if unknown:
        raise DemoDataError(f"quiz «{spec['title']}»: unknown settings {unknown}")
    quiz = Quiz(title=spec["title"], pass_mark=spec["pass_mark"], **settings)
    quiz.draws = [
        QuizDraw(topic=topics[draw["topic"]], count=draw["count"])
        for draw in spec.get("draws", [])
    ]
    quiz.items = [
        QuizItem(question=load_question(question, topics, media))
        for question in spec["questions"]
    ]
    quiz.save()
    quiz.save_revision().publish()
    return quiz


# Courses ----------------------------------------------------------------------


def load_course(
    catalogue: CourseCatalogPage,
    course_files: files.Course,
    topics: dict[str, Topic],
    media: Media,
) -> CoursePage:
    course = (
        CoursePage.objects.child_of(catalogue).filter(slug=course_files.slug).first()
    )
    if course is None:
        course = catalogue.add_child(
            instance=CoursePage(
                title=course_files.title,
                slug=course_files.slug,
                summary=course_files.summary,
                kind=course_files.kind,
                cover_image=(
                    media.image(course_files.cover) if course_files.cover else None
                ),
                quiz=load_quiz(course_files.quiz, topics, media),
            )
        )
        course.save_revision().publish()
    for module in course_files.modules:
        page = ModulePage.objects.child_of(course).filter(slug=module.slug).first()
        if page is not None:
            # A demo loaded before modules named their topics gets them now.
            if module.topic and not page.topics.exists():
                page.topics.set([topics[module.topic]])
                page.save_revision().publish()
            continue
        page = course.add_child(
            instance=ModulePage(
                title=module.title,
                slug=module.slug,
                intro=module.intro,
                estimated_minutes=module.minutes,
                body=module_body(module, media),
                topics=[topics[module.topic]] if module.topic else [],
            )
        )
        page.save_revision().publish()
    return course


def load_learning_rules(site: dict, departments, onboarding, refresher) -> None:
    """Sequencing, the prerequisite and the assignment rule; added only where
    missing, so that running again changes nothing."""
    rule = site["onboarding_rule"]
    changed = False
    if not onboarding.modules_in_order:
        onboarding.modules_in_order = True
        changed = True
    if not onboarding.assignment_rules.exists():
        onboarding.assignment_rules.add(
            AssignmentRule(
                department=departments[rule["department"]],
                hired_within_days=rule["hired_within_days"],
                due_days=rule["due_days"],
            )
        )
        changed = True
    if changed:
        onboarding.save_revision().publish()
    if not refresher.required_courses.filter(pk=onboarding.pk).exists():
        refresher.required_courses.add(onboarding)
        refresher.save_revision().publish()


def load_certification(site: dict, onboarding, refresher, departments):
    from certifications.models import Certification

    spec = dict(site["certification"])
    codes = spec.pop("required_departments")
    spec["description"] = spec["description"].strip()
    certification, created = Certification.objects.get_or_create(
        name=spec.pop("name"), defaults=spec
    )
    if created:
        certification.onboarding_courses.add(onboarding)
        certification.refresher_courses.add(refresher)
        certification.required_departments.add(*(departments[c] for c in codes))
        # Parental relations (a certification goes through review): saved with it.
        certification.save()
    return certification


# People -----------------------------------------------------------------------


def _person(*, spec: dict, departments, password=None) -> User:
    user = User.objects.filter(email=spec["email"]).first()
    if user is None:
        user = User.objects.create_user(
            email=spec["email"],
            password=password,
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            department=departments[spec["department"]],
            job_title=spec["job_title"],
            employee_id=spec["employee_id"],
            hire_date=timezone.localdate()
            - datetime.timedelta(days=spec["hired_days_ago"]),
        )
        # As if the rules had run on the person's first day: their deadlines
        # count from the hire date, so a late colleague shows up as overdue.
        from courses.services import assignment_rules_apply

        assignment_rules_apply(today=user.hire_date, users=[user])
    return user


def load_people(site: dict, departments) -> None:
    for spec in site["users"]:
        user = _person(spec=spec, departments=departments, password=spec["password"])
        user.groups.add(Group.objects.get(name=ROLES[spec["role"]]))


def load_colleagues(site: dict, departments, course: CoursePage) -> None:
    """Colleagues at every stage of the onboarding, made through the same
    services as a learner's clicks (the certified one passes with the quiz's
    answer key, the best path of every scenario included)."""
    from content import scenarios
    from courses.selectors import course_modules
    from courses.services import (
        course_quiz_start,
        course_quiz_submit,
        enrollment_assign,
        enrollment_create,
        knowledge_check_answer,
        module_complete,
        scenario_choose,
    )
    from quizzes.selectors import attempt_answer_key

    hr = User.objects.get(email=site["hr_email"])
    for spec in site["colleagues"]:
        if User.objects.filter(email=spec["email"]).exists():
            continue
        user = _person(spec=spec, departments=departments)
        progress = spec["progress"]
        if progress == "none":
            continue
        if progress == "enrolled":
            # Moving to the contact center: HR assigns the onboarding by hand.
            enrollment_assign(
                users=[user],
                course=course,
                actor=hr,
                due_in_days=30,
                reason=spec["reason"],
            )
            continue
        enrollment_create(user=user, course=course)
        modules = course_modules(course=course)
        done = modules if progress == "certified" else modules[: spec["modules_done"]]
        for module in done:
            for block in module.body:
                if block.block_type == "knowledge_check":
                    right = next(
                        index
                        for index, option in enumerate(block.value["options"])
                        if option["correct"]
                    )
                    knowledge_check_answer(
                        user=user, module=module, block_id=block.id, option_index=right
                    )
                elif block.block_type == "scenario":
                    graph = scenarios.graph_from_value(block.value)
                    walk = scenarios.walk(graph, scenarios.best_path(graph))
                    for exchange in walk.exchanges:
                        scenario_choose(
                            user=user,
                            module=module,
                            block_id=block.id,
                            step_key=exchange.step["key"],
                            choice_index=exchange.index,
                        )
            module_complete(user=user, module=module)
        if progress == "certified":
            attempt = course_quiz_start(user=user, course=course)
            course_quiz_submit(
                user=user,
                course=course,
                attempt=attempt,
                responses=attempt_answer_key(attempt=attempt),
            )


def load_team(site: dict) -> None:
    manager = User.objects.get(email=site["manager_email"])
    User.objects.filter(
        department__code="contact-center", manager__isnull=True
    ).exclude(pk=manager.pk).exclude(groups__name__in=[roles.HR, roles.TRAINER]).update(
        manager=manager
    )


def load_sessions(specs: list[dict], courses: list[CoursePage]) -> None:
    """The classroom sessions and, for those already held, their register. A
    session is found again by course and title, so a second run adds nothing.
    One already held is made as it happened: created ahead, booked through the
    booking service, then moved to its day and its register taken."""
    by_slug = {course.slug: course for course in courses}
    local = timezone.get_current_timezone()
    for spec in specs:
        course = by_slug[spec["course"]]
        if Session.objects.filter(course=course, title=spec["title"]).exists():
            continue
        hour, minute = (int(part) for part in spec["start"].split(":"))
        day = timezone.localdate() + datetime.timedelta(days=spec["day"])
        starts_at = datetime.datetime.combine(
            day, datetime.time(hour, minute), tzinfo=local
        )
        length = datetime.timedelta(hours=spec["hours"])
        trainer = User.objects.get(email=spec["trainer"])
        held = starts_at <= timezone.now()
        session = Session(
            course=course,
            title=spec["title"],
            starts_at=starts_at if not held else timezone.now() + length,
            ends_at=(starts_at if not held else timezone.now() + length) + length,
            place=spec.get("place", ""),
            video_link=spec.get("video_link", ""),
            trainer=trainer,
            capacity=spec["capacity"],
            cancel_cutoff_hours=spec["cancel_cutoff_hours"],
            notes=spec.get("notes") or "",
        )
        try:
            session.full_clean()
        except ValidationError as error:
            raise DemoDataError(f"sessions.yaml, «{spec['title']}»: {error}") from error
        session.save()
        lines = spec.get("attendance") or []
        if not lines:
            continue
        people = {}
        for line in lines:
            person = User.objects.filter(email=line["email"]).first()
            if person is None:  # the demo loaded without people
                continue
            if not Enrollment.objects.filter(user=person, course=course).exists():
                enrollment_create(user=person, course=course)
            session_book(user=person, session=session)
            people[person.pk] = (line["status"], line.get("minutes"))
        if not people:
            continue
        Session.objects.filter(pk=session.pk).update(
            starts_at=starts_at, ends_at=starts_at + length
        )
        session.refresh_from_db()
        attendance_record(session=session, recorded_by=trainer, rows=people)


def load_checklist(data: dict):
    """The observation checklist, published: it governs a certificate, so in
    the demo it is live as if a lead trainer had approved it."""
    from observations.models import Checklist, Criterion

    spec = data["checklist"]
    existing = Checklist.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    levels = spec.get("levels") or []
    checklist = Checklist(
        title=spec["title"],
        description=spec.get("description", "").strip(),
        pass_mark=spec.get("pass_mark", 70),
    )
    checklist.criteria = [
        Criterion(
            group=item["group"],
            text=item["text"],
            scale_max=item.get("max", 3),
            levels="\n".join(item.get("levels", levels)),
            critical=item.get("critical", False),
            min_level=item.get("min", 0),
        )
        for item in spec["criteria"]
    ]
    for criterion in checklist.criteria.all():
        try:
            criterion.full_clean(exclude=["checklist"])
        except ValidationError as error:
            raise DemoDataError(
                f"observations.yaml, «{criterion.text}»: {error.messages}"
            ) from error
    checklist.save()
    checklist.save_revision().publish()
    checklist.refresh_from_db()
    return checklist


def load_observation_requirement(data: dict, checklist) -> None:
    from observations.models import ObservationRequirement

    spec = data["requirement"]
    course = CoursePage.objects.filter(slug=spec["course"]).first()
    if course is None:
        raise DemoDataError(f"observations.yaml: no course «{spec['course']}»")
    ObservationRequirement.objects.get_or_create(
        course=course,
        defaults={
            "count": spec.get("count", 1),
            "within_days": spec.get("within_days", 30),
        },
    )


def load_observations(data: dict, checklist) -> None:
    """The demo people's observations, through the services an observer's and
    an agent's clicks use; a person already observed is left as they are."""
    from observations.models import Observation
    from observations.services import (
        observation_acknowledge,
        observation_create,
        observation_submit,
    )

    today = timezone.localdate()
    done = set(Observation.objects.values_list("agent__email", flat=True))
    for spec in data["observations"]:
        if spec["agent"] in done:
            continue
        agent = User.objects.get(email=spec["agent"])
        observer = User.objects.get(email=spec["observer"])
        observation = observation_create(
            observer=observer,
            agent=agent,
            checklist=checklist,
            context=spec.get("context", "call"),
            observed_on=today - datetime.timedelta(days=spec.get("days_ago", 0)),
            minutes=spec.get("minutes", 15),
        )
        overrides = spec.get("scores") or {}
        scores = {
            criterion["key"]: overrides.get(position, spec.get("level", 2))
            for position, criterion in enumerate(observation.criteria, start=1)
        }
        observation = observation_submit(
            observation=observation,
            observer=observer,
            scores=scores,
            group_comments=spec.get("comments") or {},
            strengths=spec.get("strengths", ""),
            improvement=spec.get("improvement", ""),
        )
        if "acknowledged" in spec:
            observation_acknowledge(
                observation=observation,
                agent=agent,
                comment=spec["acknowledged"] or "",
            )


def load_survey(spec: dict, *, people: bool) -> None:
    """The onboarding's satisfaction survey, and its answers when the demo has
    people: the certified colleague answers through the invitation a finished
    course gives; the paper answers are typed in. Made once: a survey with the
    same title is left as it is, answers included."""
    from surveys.models import CourseSurvey, Survey
    from surveys.services import survey_answer, survey_invite, survey_response_add

    if Survey.objects.filter(title=spec["title"]).exists():
        return
    course = CoursePage.objects.get(slug=spec["course"])
    survey = Survey.objects.create(
        title=spec["title"],
        intro=spec.get("intro", "").strip(),
        anonymous=spec.get("anonymous", True),
        questions=[
            {"type": kind, "value": text}
            for question in spec["questions"]
            for kind, text in question.items()
        ],
    )
    survey = Survey.objects.get(pk=survey.pk)  # the questions' ids, as stored
    CourseSurvey.objects.get_or_create(course=course, defaults={"survey": survey})
    if not people:
        return
    ratings = [b.id for b in survey.questions if b.block_type == "rating"]
    texts = [b.id for b in survey.questions if b.block_type == "text"]
    for answer in spec.get("answers", []):
        data = {
            f"q-{key}": str(value)
            for key, value in zip(ratings, answer["ratings"], strict=True)
        }
        data |= {
            f"q-{key}": value for key, value in zip(texts, answer["texts"], strict=True)
        }
        if "email" not in answer:
            survey_response_add(
                survey=survey, course=course, context_label=course.title, data=data
            )
            continue
        user = User.objects.get(email=answer["email"])
        survey_invite(
            user=user,
            survey=survey,
            context_label=course.title,
            course=course,
            trainer=course.owner,
        )
        invitation = user.survey_invitations.get(survey=survey, course=course)
        if invitation.is_open:
            survey_answer(invitation=invitation, data=data)


# Translations -----------------------------------------------------------------


def translated_page(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation in `locale`: made once (its parent must be
    translated already), with these fields, and published; left as it is when
    it exists."""
    page = page.specific
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    try:
        translated.save_revision().publish()
    except ValidationError as error:
        raise DemoDataError(
            f"{page.title} ({locale.language_code}): {error}"
        ) from error
    return translated


INTERACTIVE = ("knowledge_check", "scenario", "scorm")


def translated_body(
    original: ModulePage, module: files.Module, media: Media
) -> list[dict]:
    """The translated module's body, its knowledge checks and scenarios taking
    the ids of the original's, in order: the learner's answers are recorded
    against those ids, whichever language they read."""
    body = module_body(module, media)
    ids = {
        kind: [block.id for block in original.body if block.block_type == kind]
        for kind in INTERACTIVE
    }
    for kind in INTERACTIVE:
        blocks = [block for block in body if block["type"] == kind]
        if len(blocks) != len(ids[kind]):
            raise DemoDataError(
                f"{module.path}: {len(blocks)} «{kind}» blocks, the original has "
                f"{len(ids[kind])}"
            )
        for block, block_id in zip(blocks, ids[kind], strict=True):
            block["id"] = block_id
    return body


def load_translations(
    site: dict,
    home: HomePage,
    catalogue: CourseCatalogPage,
    course: CoursePage,
    course_files: files.Course,
    media: Media,
) -> None:
    """The course in the other languages its folder has (`en/`): the home and
    the catalogue translated first (`site.yaml`), then the course, each module
    with a file, and the quiz and its questions."""
    for translation in files.read_translations(course_files):
        locale = Locale.objects.get(language_code=translation.language)
        texts = site["translations"][translation.language]
        translated_page(
            home,
            locale,
            title=texts["home"]["title"],
            intro=files.rich_text(texts["home"]["intro"]),
        )
        translated_page(
            catalogue,
            locale,
            title=texts["catalogue"]["title"],
            slug=texts["catalogue"]["slug"],
            intro=files.rich_text(texts["catalogue"]["intro"]),
        )
        translated_page(
            course,
            locale,
            title=translation.title,
            slug=translation.slug,
            summary=translation.summary,
        )
        for module_files in course_files.modules:
            module = translation.modules.get(module_files.path.name)
            original = (
                ModulePage.objects.child_of(course)
                .filter(slug=module_files.slug)
                .first()
            )
            if module is None or original is None:
                continue  # not translated: English readers get the original
            if original.get_translation_or_none(locale) is not None:
                continue
            translated_page(
                original,
                locale,
                title=module.title,
                slug=module.slug,
                intro=module.intro,
                body=translated_body(original, module, media),
            )
        if translation.quiz and course.quiz is not None:
            load_quiz_translation(
                course.quiz, course_files.quiz, translation, locale, media
            )


def translated_snippet(obj, locale: Locale, words: dict):
    """A quiz's or question's translation: made once, a draft until published
    (`content.translation`), published here as a lead trainer would."""
    existing = obj.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translated = obj.copy_for_translation(locale)
    for name, value in words.items():
        setattr(translated, name, value)
    translated.save()
    translated.save_revision().publish()
    return translated


def load_quiz_translation(
    quiz: Quiz,
    original: dict,
    translation: files.Translation,
    locale: Locale,
    media: Media,
) -> None:
    spec = translation.quiz
    translated_snippet(quiz, locale, {"title": spec["title"]})
    written = spec.get("questions", [])
    for original_spec, words in zip(original["questions"], written, strict=False):
        load_question_translation(
            original_spec, words, locale, media, source=translation.path / "quiz.yaml"
        )


def load_bank_translations(bank: dict, media: Media) -> None:
    """The bank's questions in the other languages (`<language>/bank.yaml`):
    a quiz draws them at random, so without these an English attempt would
    show the drawn ones in Italian."""
    for translation in files.read_bank_translations():
        locale = Locale.objects.get(language_code=translation.language)
        for original_spec, words in zip(
            bank["questions"], translation.questions, strict=False
        ):
            load_question_translation(
                original_spec, words, locale, media, source=translation.path
            )


def load_question_translation(
    original_spec: dict, words: dict, locale: Locale, media: Media, *, source
) -> None:
    """One question's translation, made once from the original's copy (same
    kind, right answers, scenario steps and endings: only the words change),
    published. Left as it is when it exists; skipped when the original is not
    loaded. `source` names the file in errors."""
    question = originals(Question.objects.filter(text=original_spec["text"])).first()
    if question is None or question.get_translation_or_none(locale) is not None:
        return
    options = words.get("options", [])
    if len(options) != len(original_spec.get("options", [])):
        raise DemoDataError(
            f"{source}: «{words['text']}» has {len(options)} options, the original "
            f"has {len(original_spec.get('options', []))}"
        )
    translated = question.copy_for_translation(locale)
    translated.text = words["text"]
    translated.scenario = words.get("situation", "").strip()
    translated.dialogue = words.get("dialogue", "").strip()
    translated.explanation = words.get("explanation", "").strip()
    if "branching" in words:
        translated.branching = [
            {"type": "scenario", "value": scenario_value(words["branching"], media)}
        ]
    for option, option_words in zip(translated.options.all(), options, strict=True):
        option.text = option_words["text"]
        option.feedback = option_words.get("feedback", "").strip()
        option.match = option_words.get("match", option.match)
    translated.save()
    translated.save_revision().publish()
