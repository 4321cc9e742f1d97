"""Lead trainers (and superusers) set the organisation printed on certificates
and transcripts; HR and trainers do not."""

from django.db import migrations

CODENAMES = ["change_organisationsettings"]


def _permissions(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="certificates", codename__in=CODENAMES
    )


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for lead in Group.objects.filter(name="Lead trainer"):
        lead.permissions.add(*_permissions(apps))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for lead in Group.objects.filter(name="Lead trainer"):
        lead.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0010_organisation_settings"),
        ("content", "0003_lead_trainer_and_review_workflow"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
