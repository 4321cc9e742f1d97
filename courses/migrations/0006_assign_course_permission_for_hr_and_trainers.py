"""HR and trainers assign courses: give both roles the new permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["HR", "Trainer"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="courses", codename="assign_course"
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="courses", codename="assign_course"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_assignment_rules_sequencing_prerequisites"),
        ("people", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
