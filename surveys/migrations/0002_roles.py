"""Trainers write surveys and choose each course's; trainers and HR read the
results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINER = [
    f"{action}_{model}"
    for model in ("survey", "coursesurvey")
    for action in ("add", "change", "delete", "view")
] + ["view_surveyresponse"]
HR = ["view_survey", "view_coursesurvey", "view_surveyresponse"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("surveys")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in (("Trainer", TRAINER), ("HR", HR), ("Lead trainer", TRAINER)):
        permissions = Permission.objects.filter(
            content_type__app_label="surveys", codename__in=codenames
        )
        for group in Group.objects.filter(name=role):
            group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="surveys").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("people", "0002_roles"),
        ("content", "0003_lead_trainer_and_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
