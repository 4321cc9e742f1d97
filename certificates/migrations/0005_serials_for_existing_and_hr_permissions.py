"""Give certificates issued before serial numbers existed a serial (in issue order,
per year), and give HR the permission to revoke, reinstate and reissue."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    SerialCounter = apps.get_model("certificates", "SerialCounter")
    for certificate in Certificate.objects.filter(serial__isnull=True).order_by(
        "issued_at", "pk"
    ):
        year = timezone.localtime(certificate.issued_at).year
        counter, _ = SerialCounter.objects.get_or_create(year=year)
        counter.last += 1
        counter.save()
        certificate.serial = f"SC-{year}-{counter.last:06d}"
        certificate.save(update_fields=["serial"])

    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="certificates", codename="revoke_certificate"
    )
    for group in Group.objects.filter(name="HR"):
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="certificates", codename="revoke_certificate"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_serial_snapshots_revocation_and_audit"),
        ("people", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
