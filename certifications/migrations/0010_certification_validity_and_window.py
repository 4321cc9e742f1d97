"""A validity of at least one month and a renewal window shorter than the
validity's shortest length (28 days a month), kept by the database. A row that
breaks the rule stops the migration with its name: what a certificate means is
changed by a person, in the admin, never by a migration."""

import django.db.models.expressions
from django.db import migrations, models


def refuse_rows_that_break_the_rule(apps, schema_editor):
    Certification = apps.get_model("certifications", "Certification")
    broken = [
        c.name
        for c in Certification.objects.exclude(validity_months__isnull=True)
        if c.validity_months < 1 or c.renewal_window_days >= c.validity_months * 28
    ]
    if broken:
        raise RuntimeError(
            "Correct the validity (at least 1 month) or the renewal window "
            "(shorter than 28 days per month of validity) of these "
            f"certifications before migrating: {', '.join(broken)}"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('certifications', '0009_status_count'),
        ('courses', '0015_lead_trainers_assign_courses'),
        ('people', '0009_import_column_mapping'),
    ]

    operations = [
        migrations.RunPython(refuse_rows_that_break_the_rule, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='certification',
            constraint=models.CheckConstraint(condition=models.Q(('validity_months__isnull', True), models.Q(('renewal_window_days__lt', django.db.models.expressions.CombinedExpression(models.F('validity_months'), '*', models.Value(28))), ('validity_months__gte', 1)), _connector='OR'), name='certification_validity_and_window', violation_error_message="La validità dev'essere di almeno 1 mese e la finestra di rinnovo più breve della validità."),
        ),
    ]
