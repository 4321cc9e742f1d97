from django.core.management.base import BaseCommand

from courses.services import assignment_rules_apply


class Command(BaseCommand):
    help = (
        "Assign courses to everyone their assignment rules match. Idempotent; "
        "run it daily to catch people whose department, role or hire date changed."
    )

    def handle(self, *args, **options):
        created = assignment_rules_apply()
        self.stdout.write(f"{len(created)} new assignments.")
