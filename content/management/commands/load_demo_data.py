"""Load the Italian demo: pages, quizzes, departments and one demo user per role.

Idempotent: what already exists is left as it is, so running it again changes
nothing and never duplicates a page, a question or a person.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import (
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from content import demo_data
from content.models import HomePage
from courses.models import CourseCatalogPage, CoursePage, ModulePage
from people import roles
from people.models import Department, User
from quizzes.models import Question, QuestionOption, Quiz, QuizDraw, QuizItem, Topic
from quizzes.selectors import attempt_answer_key

DEPARTMENTS = [
    ("contact-center", "Contact center"),
    ("assistenza-tecnica", "Assistenza tecnica"),
    ("formazione", "Formazione"),
    ("risorse-umane", "Risorse umane"),
]

# email, password, first name, last name, role, department code, job title, id
DEMO_USERS = [
    (
        "agente@example.com",
        "demo-agente-2026",
        "Giulia",
        "Bianchi",
        roles.LEARNER,
        "contact-center",
        "Operatrice contact center",
        "CC-1001",
    ),
    (
        "formatore@example.com",
        "demo-formatore-2026",
        "Marco",
        "Russo",
        roles.TRAINER,
        "formazione",
        "Formatore",
        "FO-2001",
    ),
    (
        "responsabile@example.com",
        "demo-responsabile-2026",
        "Chiara",
        "Esposito",
        roles.LEAD_TRAINER,
        "formazione",
        "Responsabile della formazione",
        "FO-2002",
    ),
    (
        "hr@example.com",
        "demo-hr-2026",
        "Elena",
        "Ferrari",
        roles.HR,
        "risorse-umane",
        "Responsabile risorse umane",
        "HR-3001",
    ),
    (
        "responsabile.team@example.com",
        "demo-manager-2026",
        "Roberta",
        "Galli",
        roles.LEARNER,
        "contact-center",
        "Team leader contact center",
        "CC-0900",
    ),
]
# The team leader's reports: they see their compliance on /hr/conformita/.
DEMO_MANAGER = "responsabile.team@example.com"

# Colleagues whose progress makes the HR view worth looking at, with how many
# days ago they were hired: Sara is past her onboarding deadline.
DEMO_COLLEAGUES = [
    ("luca.conti@example.com", "Luca", "Conti", "contact-center", "certified", 400),
    ("sara.greco@example.com", "Sara", "Greco", "contact-center", "in_progress", 20),
    (
        "paolo.marino@example.com",
        "Paolo",
        "Marino",
        "assistenza-tecnica",
        "enrolled",
        10,
    ),
    ("anna.ricci@example.com", "Anna", "Ricci", "assistenza-tecnica", "none", 3),
]
# Days since hiring of the demo users; the agent is a new hire.
DEMO_HIRED_DAYS_AGO = {
    roles.LEARNER: 5,
    roles.TRAINER: 900,
    roles.LEAD_TRAINER: 2100,
    roles.HR: 1200,
}

# Onboarding: every new hire of the contact center, within two weeks of hiring,
# modules in order; the refresher needs the onboarding certificate first.
ONBOARDING_RULE = {"department": "contact-center", "within": 60, "due_days": 14}


def _stream(body) -> list[dict]:
    return [{"type": block_type, "value": value} for block_type, value in body]


class Command(BaseCommand):
    help = "Load the Italian demo content and one demo user per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-people",
            action="store_true",
            help="Load the content only, without demo users.",
        )

    def handle(self, *args, no_people=False, **options):
        if not settings.LMS_DEMO_ALLOWED:
            raise CommandError("Demo data is disabled in this environment.")
        with transaction.atomic():
            departments = self.load_departments()
            home = self.load_home()
            catalogue = self.load_catalogue(home)
            self.load_review_workflow(home)
            self.topics = self.load_bank()
            courses = [
                self.load_course(catalogue, spec)
                for spec in (demo_data.ONBOARDING, demo_data.REFRESHER)
            ]
            self.load_learning_rules(departments, *courses)
            self.load_certification(courses, departments)
            if not no_people:
                self.load_people(departments)
                self.load_colleagues(departments, courses[0])
                self.load_team()
        if not no_people:
            from django.utils import timezone

            from certifications.services import certification_status_sync

            certification_status_sync(today=timezone.localdate())
        call_command("update_index", verbosity=0)
        if not no_people:
            self.print_logins()

    # Content -------------------------------------------------------------

    def load_departments(self) -> dict[str, Department]:
        return {
            code: Department.objects.get_or_create(code=code, defaults={"name": name})[
                0
            ]
            for code, name in DEPARTMENTS
        }

    def load_home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.objects.get(depth=1)
            welcome = root.get_children().filter(slug="home").first()
            if welcome is not None and welcome.specific_class is Page:
                # Wagtail's placeholder page: replaced by the real home page.
                welcome.delete()
            home = root.add_child(
                instance=HomePage(
                    title=demo_data.HOME["title"],
                    slug="home",
                    intro=demo_data.HOME["intro"],
                )
            )
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        return home

    def load_catalogue(self, home: HomePage) -> CourseCatalogPage:
        spec = demo_data.CATALOGUE
        catalogue = (
            CourseCatalogPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        )
        if catalogue is None:
            catalogue = home.add_child(
                instance=CourseCatalogPage(
                    title=spec["title"], slug=spec["slug"], intro=spec["intro"]
                )
            )
            catalogue.save_revision().publish()
        return catalogue

    def load_review_workflow(self, home: HomePage) -> Workflow:
        """Trainers' changes go to the lead trainers for approval. The workflow
        and its task come from the migrations (content 0003, certifications
        0006); ensured on the demo tree here, in case an administrator changed
        it."""
        workflow = Workflow.objects.get(name="Revisione formazione")
        WorkflowPage.objects.update_or_create(
            page=home, defaults={"workflow": workflow}
        )
        return workflow

    def load_bank(self) -> dict[str, Topic]:
        topics = {
            slug: Topic.objects.get_or_create(
                name=spec["name"], defaults={"description": spec["description"]}
            )[0]
            for slug, spec in demo_data.TOPICS.items()
        }
        for entry in demo_data.BANK:
            if Question.objects.filter(text=entry["text"]).exists():
                continue
            question = Question(
                text=entry["text"],
                kind=entry["kind"],
                topic=topics[entry["topic"]],
                scenario=entry.get("scenario", ""),
                dialogue=entry.get("dialogue", ""),
                partial_credit=entry.get("partial_credit", False),
                explanation=entry.get("explanation", ""),
            )
            question.options = [
                QuestionOption(
                    text=option["text"],
                    is_correct=option["correct"],
                    feedback=option.get("feedback", ""),
                    match=option.get("match", ""),
                )
                for option in entry["options"]
            ]
            question.save()
            question.save_revision()
        return topics

    def load_quiz(self, spec: dict) -> Quiz:
        quiz = Quiz.objects.filter(title=spec["title"]).first()
        if quiz is not None:
            return quiz
        rules = demo_data.QUIZ_RULES.get(spec["title"], {})
        quiz = Quiz(
            title=spec["title"],
            pass_mark=spec["pass_mark"],
            **rules.get("settings", {}),
        )
        quiz.draws = [
            QuizDraw(topic=self.topics[topic], count=count)
            for topic, count in rules.get("draws", [])
        ]
        items = []
        for entry in spec["questions"]:
            question = Question.objects.filter(text=entry["text"]).first()
            if question is None:
                question = Question(
                    text=entry["text"],
                    kind=entry["kind"],
                    explanation=entry.get("explanation", ""),
                )
                question.options = [
                    QuestionOption(text=text, is_correct=correct)
                    for text, correct in entry["options"]
                ]
                question.save()
                question.save_revision()
            items.append(QuizItem(question=question))
        quiz.items = items
        quiz.save()
        quiz.save_revision()
        return quiz

    def load_course(self, catalogue: CourseCatalogPage, spec: dict) -> CoursePage:
        course = (
            CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
        )
        if course is None:
            course = catalogue.add_child(
                instance=CoursePage(
                    title=spec["title"],
                    slug=spec["slug"],
                    summary=spec["summary"],
                    kind=spec["kind"],
                    quiz=self.load_quiz(spec["quiz"]),
                )
            )
            course.save_revision().publish()
        for module_spec in spec["modules"]:
            if (
                ModulePage.objects.child_of(course)
                .filter(slug=module_spec["slug"])
                .exists()
            ):
                continue
            module = course.add_child(
                instance=ModulePage(
                    title=module_spec["title"],
                    slug=module_spec["slug"],
                    intro=module_spec["intro"],
                    estimated_minutes=module_spec["estimated_minutes"],
                    body=_stream(module_spec["body"]),
                )
            )
            module.save_revision().publish()
        return course

    def load_learning_rules(self, departments, onboarding, refresher):
        """Sequencing, the prerequisite and the assignment rule; added only where
        missing, so that running again changes nothing."""
        from courses.models import AssignmentRule

        changed = False
        if not onboarding.modules_in_order:
            onboarding.modules_in_order = True
            changed = True
        if not onboarding.assignment_rules.exists():
            onboarding.assignment_rules.add(
                AssignmentRule(
                    department=departments[ONBOARDING_RULE["department"]],
                    hired_within_days=ONBOARDING_RULE["within"],
                    due_days=ONBOARDING_RULE["due_days"],
                )
            )
            changed = True
        if changed:
            onboarding.save_revision().publish()
        if not refresher.required_courses.filter(pk=onboarding.pk).exists():
            refresher.required_courses.add(onboarding)
            refresher.save_revision().publish()

    def load_certification(self, courses, departments):
        from certifications.models import Certification

        spec = dict(demo_data.CERTIFICATION)
        codes = spec.pop("required_departments")
        certification, created = Certification.objects.get_or_create(
            name=spec.pop("name"), defaults=spec
        )
        if created:
            certification.onboarding_courses.add(courses[0])
            certification.refresher_courses.add(courses[1])
            certification.required_departments.add(*(departments[c] for c in codes))
        return certification

    # People --------------------------------------------------------------

    def _person(
        self,
        *,
        email,
        password,
        first,
        last,
        department,
        title,
        employee_id,
        hired_days_ago=30,
    ):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first,
                last_name=last,
                department=department,
                job_title=title,
                employee_id=employee_id,
                hire_date=timezone.localdate()
                - datetime.timedelta(days=hired_days_ago),
            )
            self._assign_as_on_hiring(user)
        return user

    def _assign_as_on_hiring(self, user):
        # As if the rules had run on the person's first day: their deadlines
        # count from the hire date, so a late colleague shows up as overdue.
        from courses.services import assignment_rules_apply

        assignment_rules_apply(today=user.hire_date, users=[user])

    def load_people(self, departments):
        for email, password, first, last, role, dept, title, emp_id in DEMO_USERS:
            user = self._person(
                email=email,
                password=password,
                first=first,
                last=last,
                department=departments[dept],
                title=title,
                employee_id=emp_id,
                hired_days_ago=DEMO_HIRED_DAYS_AGO[role],
            )
            user.groups.add(Group.objects.get(name=role))

    def load_colleagues(self, departments, course: CoursePage):
        from courses.selectors import course_modules
        from courses.services import (
            course_quiz_start,
            course_quiz_submit,
            enrollment_assign,
            enrollment_create,
            knowledge_check_answer,
            module_complete,
        )

        for number, (email, first, last, dept, state, hired) in enumerate(
            DEMO_COLLEAGUES
        ):
            if User.objects.filter(email=email).exists():
                continue
            user = self._person(
                email=email,
                password=None,
                first=first,
                last=last,
                department=departments[dept],
                title="Operatore contact center",
                employee_id=f"CC-{1100 + number}",
                hired_days_ago=hired,
            )
            if state == "none":
                continue
            if state == "enrolled":
                # Moving to the contact center: HR assigns the onboarding by hand.
                enrollment_assign(
                    users=[user],
                    course=course,
                    actor=User.objects.get(email="hr@example.com"),
                    due_in_days=30,
                    reason="Passaggio al contact center",
                )
                continue
            enrollment_create(user=user, course=course)
            modules = course_modules(course=course)
            done = {"certified": modules, "in_progress": modules[:2]}.get(state, [])
            for module in done:
                for block in module.body:
                    if block.block_type == "knowledge_check":
                        right = next(
                            index
                            for index, option in enumerate(block.value["options"])
                            if option["correct"]
                        )
                        knowledge_check_answer(
                            user=user,
                            module=module,
                            block_id=block.id,
                            option_index=right,
                        )
                module_complete(user=user, module=module)
            if state == "certified":
                attempt = course_quiz_start(user=user, course=course)
                course_quiz_submit(
                    user=user,
                    course=course,
                    attempt=attempt,
                    responses=attempt_answer_key(attempt=attempt),
                )

    def load_team(self):
        manager = User.objects.get(email=DEMO_MANAGER)
        User.objects.filter(
            department__code="contact-center", manager__isnull=True
        ).exclude(pk=manager.pk).exclude(
            groups__name__in=[roles.HR, roles.TRAINER]
        ).update(manager=manager)

    def print_logins(self):
        self.stdout.write(
            self.style.SUCCESS("\nDemo pronta. Accessi dimostrativi (solo demo):")
        )
        for email, password, _first, _last, role, *_rest in DEMO_USERS:
            label = roles.ROLE_LABELS[role]
            self.stdout.write(f"  {label:<22} {email:<26} password: {password}")
        self.stdout.write(
            f"  Amministrazione (formatori e HR): {settings.SITE_URL}/admin/\n"
        )
