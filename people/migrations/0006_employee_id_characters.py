"""Employee IDs: letters, digits and `-_.` only (they end up in file names,
exports and URLs).

Existing IDs are checked first. An ID outside the rule is not rewritten here:
the employee ID is the key that the next HR import matches people by, so
changing it silently would make that import create the person a second time.
The migration stops instead and names the IDs to correct (in HR's directory,
on the release before this one, or in the source of the import).
"""

import re

import django.core.validators
from django.db import migrations, models

PATTERN = r"^[A-Za-z0-9._-]+\Z"


def check_existing_ids(apps, schema_editor):
    User = apps.get_model("people", "User")
    valid = re.compile(PATTERN)
    wrong = [
        employee_id
        for employee_id in User.objects.filter(employee_id__isnull=False)
        .values_list("employee_id", flat=True)
        .iterator()
        if not valid.match(employee_id)
    ]
    if wrong:
        shown = ", ".join(repr(value) for value in wrong[:20])
        more = f" and {len(wrong) - 20} more" if len(wrong) > 20 else ""
        raise RuntimeError(
            f"{len(wrong)} employee IDs contain characters other than letters, "
            f"digits and -_. : {shown}{more}. Correct them, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_hire_date_range"),
    ]

    operations = [
        migrations.RunPython(check_existing_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="employee_id",
            field=models.CharField(
                blank=True,
                max_length=40,
                null=True,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        PATTERN,
                        message=(
                            "La matricola può contenere solo lettere, cifre e i "
                            "caratteri - _ . (senza spazi)."
                        ),
                    )
                ],
                verbose_name="matricola",
            ),
        ),
    ]
