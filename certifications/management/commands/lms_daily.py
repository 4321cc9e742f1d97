from datetime import date

from django.core.management.base import BaseCommand, CommandError

from certifications.daily import daily_run


class Command(BaseCommand):
    help = (
        "The daily job: apply assignment rules, mark expired certificates, update "
        "certification statuses, assign refreshers, send reminders and end people "
        "imports stopped for a day. Idempotent: "
        "safe to run every hour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Act as if today were this date (YYYY-MM-DD)."
        )

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError:
                raise CommandError(
                    f"--today: not a date in YYYY-MM-DD: {today!r}"
                ) from None
        run = daily_run(today=day)
        counts = ", ".join(f"{k}={v}" for k, v in sorted(run.counts.items()))
        self.stdout.write(f"Daily run {run.pk} for {run.today}: {counts}")
