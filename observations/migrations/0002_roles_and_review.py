"""Checklists join the "Revisione formazione" workflow as quizzes do (content
0006): trainers add and change them, only the lead trainer publishes. The lead
trainer also decides which courses require observations. Observations are made
on the site, by the rule of who observes whom (`observations.selectors`), not
through model permissions."""

from django.db import migrations

LEAD = "Lead trainer"
TRAINER = "Trainer"
WORKFLOW = "Revisione formazione"


def _permission(apps, model, action, verbose_name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="observations", model=model
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {verbose_name}"},
    )
    return permission


def govern(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    checklist = {
        action: _permission(apps, "checklist", action, "checklist")
        for action in ("add", "change", "delete", "view", "publish", "lock", "unlock")
    }
    requirement = {
        action: _permission(
            apps, "observationrequirement", action, "observation requirement"
        )
        for action in ("add", "change", "delete", "view")
    }
    lead, _ = Group.objects.get_or_create(name=LEAD)
    lead.permissions.add(
        *[
            checklist[a]
            for a in ("add", "change", "view", "publish", "lock", "unlock")
        ],
        *requirement.values(),
    )
    trainer = Group.objects.filter(name=TRAINER).first()
    if trainer is not None:
        trainer.permissions.add(
            checklist["add"], checklist["change"], checklist["view"],
            requirement["view"],
        )
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        content_type = ContentType.objects.get(
            app_label="observations", model="checklist"
        )
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def ungovern(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label="observations"
    ).delete()
    Permission.objects.filter(content_type__app_label="observations").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0001_initial"),
        ("content", "0006_governed_snippets_review"),
        ("people", "0002_roles"),
    ]

    operations = [migrations.RunPython(govern, ungovern)]
