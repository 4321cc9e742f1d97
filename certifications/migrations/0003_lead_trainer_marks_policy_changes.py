"""Since the review workflow, lead trainers publish module changes, so they are
the ones who mark a publish as a material policy change."""

from django.db import migrations

CODENAMES = ["add_policychange", "view_policychange", "view_certification"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    lead = Group.objects.filter(name="Lead trainer").first()
    if lead is not None:
        lead.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="certifications", codename__in=CODENAMES
            )
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for lead in Group.objects.filter(name="Lead trainer"):
        lead.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="certifications", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0002_daily_runs_and_policy_changes"),
        ("content", "0003_lead_trainer_and_review_workflow"),
        ("notifications", "0002_default_templates_and_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
