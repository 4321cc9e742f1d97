"""Trainers and lead trainers upload and manage SCORM packages.

Permissions are normally created after all migrations ran; this migration
creates the app's first so that the roles are complete on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ("Trainer", "Lead trainer")
CODENAMES = (
    "add_scormpackage",
    "change_scormpackage",
    "delete_scormpackage",
    "view_scormpackage",
)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("scorm")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="scorm", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="scorm", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("scorm", "0001_initial"),
        ("people", "0002_roles"),
        ("content", "0003_lead_trainer_and_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
