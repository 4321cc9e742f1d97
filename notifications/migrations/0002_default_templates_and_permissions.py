"""Start with the default e-mail texts as editable snippets, and let trainers and
HR edit them; HR also reads the e-mail log and manages certifications."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from notifications.defaults import DEFAULTS

PERMISSIONS = {
    "Trainer": [
        ("notifications", "add_emailtemplate"),
        ("notifications", "change_emailtemplate"),
        ("notifications", "view_emailtemplate"),
        ("certifications", "view_certification"),
        ("certifications", "add_policychange"),
    ],
    "HR": [
        ("notifications", "add_emailtemplate"),
        ("notifications", "change_emailtemplate"),
        ("notifications", "view_emailtemplate"),
        ("notifications", "view_emailrecord"),
        ("certifications", "add_certification"),
        ("certifications", "change_certification"),
        ("certifications", "view_certification"),
        ("certifications", "view_dailyrun"),
    ],
}


def forwards(apps, schema_editor):
    for label in ("notifications", "certifications"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    EmailTemplate = apps.get_model("notifications", "EmailTemplate")
    for kind, texts in DEFAULTS.items():
        EmailTemplate.objects.get_or_create(kind=kind, defaults=texts)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, pairs in PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *[
                Permission.objects.get(content_type__app_label=app, codename=code)
                for app, code in pairs
            ]
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, pairs in PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label__in={app for app, _ in pairs},
                    codename__in=[code for _, code in pairs],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("certifications", "0002_daily_runs_and_policy_changes"),
        ("people", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
