"""Trainers and lead trainers manage sessions (no deleting: a session with
bookings is called off, not removed); lead trainers decide which courses
require one, since that changes what the certificate attests; HR reads them."""

from django.db import migrations

GRANTS = {
    "Trainer": ["add_session", "change_session", "view_session"],
    "Lead trainer": [
        "add_session",
        "change_session",
        "view_session",
        "add_sessionrequirement",
        "change_sessionrequirement",
        "view_sessionrequirement",
    ],
    "HR": ["view_session"],
}


def _permissions(apps, codenames):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("classroom")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="classroom", codename__in=codenames
    )


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, codenames))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("classroom", "0001_initial"),
        ("content", "0003_lead_trainer_and_review_workflow"),
        ("people", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
