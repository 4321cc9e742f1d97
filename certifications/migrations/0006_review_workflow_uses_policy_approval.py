"""The review workflow's approval becomes the policy-aware approval: the same
name, the same lead-trainer groups, in the same place of "Revisione formazione";
the plain group approval is retired (kept, inactive, for its history). Undone,
the plain task is active again in the workflow."""

from django.db import migrations

WORKFLOW = "Revisione formazione"
TASK = "Approvazione del formatore responsabile"


def use_policy_approval(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PolicyApprovalTask = apps.get_model("certifications", "PolicyApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="certifications", model="policyapprovaltask"
    )
    for link in WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order"):
        old = GroupApprovalTask.objects.filter(pk=link.task_id).first()
        if old is None:
            continue
        new = PolicyApprovalTask.objects.create(
            name=old.name, content_type=content_type, active=True
        )
        new.groups.set(old.groups.all())
        old.name = f"{old.name} (sostituita)"
        old.active = False
        old.save(update_fields=["name", "active"])
        link.task_id = new.pk
        link.save(update_fields=["task"])


def use_group_approval(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PolicyApprovalTask = apps.get_model("certifications", "PolicyApprovalTask")

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return
    for link in WorkflowTask.objects.filter(workflow=workflow):
        new = PolicyApprovalTask.objects.filter(pk=link.task_id).first()
        if new is None:
            continue
        old = GroupApprovalTask.objects.filter(name=f"{new.name} (sostituita)").first()
        if old is None:
            continue
        old.name = new.name
        old.active = True
        old.save(update_fields=["name", "active"])
        link.task_id = old.pk
        link.save(update_fields=["task"])
        new.active = False
        new.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0005_policy_approval_task"),
        ("content", "0003_lead_trainer_and_review_workflow"),
    ]

    operations = [migrations.RunPython(use_policy_approval, use_group_approval)]
