"""The lead trainer is a trainer who also approves: give the role the trainers'
right to assign courses, which it lacked (the demo's lead could not open the
assignments page)."""

from django.db import migrations

LEAD_TRAINER = "Lead trainer"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="courses", codename="assign_course"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name=LEAD_TRAINER):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=LEAD_TRAINER):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="courses", codename="assign_course"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0014_alter_modulepage_body_scormrecord"),
        ("content", "0003_lead_trainer_and_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
