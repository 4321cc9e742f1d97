"""A renewal says so: `Enrollment.Source.RENEWAL`, the enrolments a
certification assigned to renew it (or to earn it again after a lapse), which
is what withdrawing the certification takes back.

Before, such an enrolment was saved as "rule" with no assignment rule, or as a
restarted cycle, and told apart by a guess that also caught an enrolment whose
assignment rule was later deleted. Existing rows are marked as well as the
rows themselves tell, from how the services wrote them:

- "rule" enrolled by the learner themself: only the refresher assignment
  creates (or restores) a "rule" enrolment through `enrollment_create` with no
  actor, which records the learner as `enrolled_by`; an assignment rule's
  enrolment has nobody in `enrolled_by`, HR's has the HR person.
- a cycle after the first started with nobody acting: only the refresher
  assignment restarts a completed enrolment, with no actor. One HR assigned
  again or the learner enrolled in again since then names that person, and
  stays as it is.

An enrolment whose assignment rule was deleted (cycle 1, nobody in
`enrolled_by`) stays "rule". Going back writes "rule" for every renewal, as the
code before this did for the ones it created; a restarted enrolment that was
"manual" before its renewal comes back as "rule".
"""

from django.db import migrations, models
from django.db.models import F, Q


def mark_renewals(apps, schema_editor):
    Enrollment = apps.get_model("courses", "Enrollment")
    Enrollment.objects.filter(
        Q(source="rule", enrolled_by=F("user")) | Q(cycle__gt=1, enrolled_by=None)
    ).update(source="renewal")


def unmark_renewals(apps, schema_editor):
    Enrollment = apps.get_model("courses", "Enrollment")
    Enrollment.objects.filter(source="renewal").update(source="rule")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0015_lead_trainers_assign_courses"),
    ]

    operations = [
        migrations.AlterField(
            model_name="enrollment",
            name="source",
            field=models.CharField(
                choices=[
                    ("self", "Iscrizione autonoma"),
                    ("manual", "Assegnazione manuale"),
                    ("rule", "Regola di assegnazione"),
                    ("renewal", "Rinnovo della certificazione"),
                ],
                default="self",
                max_length=20,
                verbose_name="origine",
            ),
        ),
        migrations.RunPython(mark_renewals, unmark_renewals),
    ]
