"""Load the demo (Italian, the onboarding in English too): pages, media,
quizzes, departments and one demo user per role, from the files in
`demo/data/` (see `demo/files.py`).

Idempotent: what already exists is left as it is, so running it again changes
nothing and never duplicates a page, a question, a file or a person.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo import files, loading
from people import roles
from people.models import User

TEAM_LEADER = "Responsabile di team"


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
        try:
            site = files.read_site()
            bank = files.read_bank()
            courses = files.read_courses()
            observations = files.read_observations()
            with transaction.atomic():
                self.load(site, bank, courses, observations, people=not no_people)
        except files.DemoDataError as error:
            raise CommandError(str(error)) from error
        if not no_people:
            from certifications.services import certification_status_sync

            certification_status_sync(today=timezone.localdate())
        call_command("update_index", verbosity=0)
        if not no_people:
            self.print_logins(site)

    def load(self, site, bank, courses, observations, *, people: bool):
        media = loading.Media()
        departments = loading.load_departments(site)
        home = loading.load_home(site)
        catalogue = loading.load_catalogue(site, home)
        loading.load_review_workflow(home)
        topics = loading.load_topics(bank)
        loading.load_bank(bank, topics, media)
        pages = [
            loading.load_course(catalogue, course, topics, media) for course in courses
        ]
        for page, course in zip(pages, courses, strict=True):
            loading.load_translations(site, home, catalogue, page, course, media)
        loading.load_bank_translations(bank, media)
        onboarding, refresher = pages
        loading.load_learning_rules(site, departments, onboarding, refresher)
        loading.load_certification(site, onboarding, refresher, departments)
        if people:
            loading.load_people(site, departments)
            loading.load_colleagues(site, departments, onboarding)
            loading.load_team(site)
            loading.load_sessions(files.read_sessions(), [onboarding, refresher])
        # After the colleagues: the certified one earned his certificate before
        # the onboarding asked for an observation.
        checklist = loading.load_checklist(observations)
        loading.load_observation_requirement(observations, checklist)
        if people:
            loading.load_observations(observations, checklist)
        loading.load_survey(files.read_survey(), people=people)

    def print_logins(self, site):
        self.stdout.write(
            self.style.SUCCESS("\nDemo pronta. Accessi dimostrativi (solo demo):")
        )
        # Someone with people under them is named for that, as the README
        # does: their group is only Learner, their part in the demo is the
        # team's (the team dashboard, observations, reminders).
        managers = set(
            User.objects.filter(reports__is_active=True).values_list("email", flat=True)
        )
        for spec in site["users"]:
            if spec["email"] in managers:
                label = TEAM_LEADER
            else:
                label = roles.ROLE_LABELS[loading.ROLES[spec["role"]]]
            self.stdout.write(
                f"  {label:<22} {spec['email']:<30} password: {spec['password']}"
            )
        self.stdout.write(
            f"  Amministrazione (formatori e HR): {settings.SITE_URL}/admin/\n"
        )
