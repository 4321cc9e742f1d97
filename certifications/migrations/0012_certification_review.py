"""Certifications join the "Revisione formazione" workflow as quizzes do
(content 0006): their validity, renewal window, courses and the people they are
required of decide when every certificate of them expires. HR keeps adding and
changing them but cannot publish; the lead trainer approves and publishes (the
`publish_*` permission Wagtail gives draft-enabled snippets; `people.roles`
counts it as publishing, so HR can never grant it to its own role).

Wagtail creates the snippet's publish and lock permissions after migrating;
they are made here first so a fresh database has complete roles.
"""

from django.db import migrations

LEAD = "Lead trainer"
HR = "HR"
WORKFLOW = "Revisione formazione"
MODEL = "certification"
EXTRA_ACTIONS = ("publish", "lock", "unlock")
LEAD_ACTIONS = ("add", "change", "view", "publish", "lock", "unlock")
# The lead trainer read certifications before (0003); the rest is new.
LEAD_NEW_ACTIONS = ("add", "change", "publish", "lock", "unlock")


def _permission(apps, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="certifications", model=MODEL
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{MODEL}",
        defaults={"name": f"Can {action} certification"},
    )
    return permission


def govern(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    for action in ("add", "change", "delete", "view", *EXTRA_ACTIONS):
        _permission(apps, action)
    lead, _ = Group.objects.get_or_create(name=LEAD)
    lead.permissions.add(*[_permission(apps, action) for action in LEAD_ACTIONS])
    # HR drafts and submits; publishing is the lead's.
    for hr in Group.objects.filter(name=HR):
        hr.permissions.remove(*[_permission(apps, a) for a in EXTRA_ACTIONS])
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        content_type = ContentType.objects.get(app_label="certifications", model=MODEL)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def ungovern(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    WorkflowContentType.objects.filter(
        content_type__app_label="certifications",
        content_type__model=MODEL,
        workflow__name=WORKFLOW,
    ).delete()
    for lead in Group.objects.filter(name=LEAD):
        lead.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="certifications",
                codename__in=[f"{a}_{MODEL}" for a in LEAD_NEW_ACTIONS],
            )
        )
    Permission.objects.filter(
        content_type__app_label="certifications",
        codename__in=[f"{a}_{MODEL}" for a in EXTRA_ACTIONS],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0011_governed_certification"),
        ("content", "0006_governed_snippets_review"),
        ("notifications", "0002_default_templates_and_permissions"),
        ("people", "0002_roles"),
    ]

    operations = [migrations.RunPython(govern, ungovern)]
