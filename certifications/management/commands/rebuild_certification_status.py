from django.core.management.base import BaseCommand
from django.utils import timezone

from certifications.services import certification_status_sync


class Command(BaseCommand):
    help = (
        "Recompute every person's certification status from certificates and "
        "assignments, rewrite the summary table and report each difference found."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report only; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        differences = certification_status_sync(
            today=timezone.localdate(), dry_run=dry_run
        )
        for difference in differences:
            self.stdout.write(str(difference))
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"{len(differences)} row(s) {verb}.")
