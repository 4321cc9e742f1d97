"""Every rule behind a certificate goes through review, as pages do.

Quizzes, questions, certificate templates and e-mail templates have drafts and
live versions (their apps' migrations); here they join the "Revisione
formazione" workflow (`WorkflowContentType`), trainers keep adding and changing
them but cannot publish, and only the lead trainer publishes (the `publish_*`
permissions Wagtail gives draft-enabled snippets; `people.roles` counts any of
them as publishing, so HR can never grant them).

Wagtail creates the snippets' publish and lock permissions after migrating; they
are made here first so a fresh database has complete roles.
"""

from django.db import migrations

LEAD = "Lead trainer"
TRAINER = "Trainer"
WORKFLOW = "Revisione formazione"
GOVERNED = [
    ("quizzes", "quiz", "quiz"),
    ("quizzes", "question", "question"),
    ("certificates", "certificatetemplate", "certificate template"),
    ("notifications", "emailtemplate", "email template"),
]
EXTRA_ACTIONS = ("publish", "lock", "unlock")
TRAINER_ACTIONS = ("add", "change", "view")
LEAD_ACTIONS = ("add", "change", "view", "publish", "lock", "unlock")


def _permission(apps, app_label, model, action, verbose_name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
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

    trainer = Group.objects.filter(name=TRAINER).first()
    lead, _ = Group.objects.get_or_create(name=LEAD)
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    for app_label, model, verbose_name in GOVERNED:
        for action in ("add", "change", "delete", "view", *EXTRA_ACTIONS):
            _permission(apps, app_label, model, action, verbose_name)
        codenames = {f"{action}_{model}" for action in LEAD_ACTIONS}
        lead.permissions.add(
            *[
                _permission(apps, app_label, model, action, verbose_name)
                for action in LEAD_ACTIONS
            ]
        )
        if trainer is not None:
            trainer.permissions.add(
                *[
                    _permission(apps, app_label, model, action, verbose_name)
                    for action in TRAINER_ACTIONS
                ]
            )
            # Trainers draft and submit; publishing is the lead's.
            trainer.permissions.remove(
                *trainer.permissions.filter(
                    content_type__app_label=app_label,
                    codename__in=codenames - {f"{a}_{model}" for a in TRAINER_ACTIONS},
                )
            )
        if workflow is not None:
            content_type = ContentType.objects.get(app_label=app_label, model=model)
            WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


def ungovern(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    for app_label, model, _verbose_name in GOVERNED:
        WorkflowContentType.objects.filter(
            content_type__app_label=app_label,
            content_type__model=model,
            workflow__name=WORKFLOW,
        ).delete()
        extra = Permission.objects.filter(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in EXTRA_ACTIONS],
        )
        for group in Group.objects.filter(name__in=[LEAD, TRAINER]):
            group.permissions.remove(*extra)
        if app_label != "quizzes":
            # The lead had no say on templates before; trainers keep theirs.
            for lead in Group.objects.filter(name=LEAD):
                lead.permissions.remove(
                    *lead.permissions.filter(
                        content_type__app_label=app_label,
                        codename__in=[f"{a}_{model}" for a in LEAD_ACTIONS],
                    )
                )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0005_media_and_scenario_blocks"),
        ("certifications", "0006_review_workflow_uses_policy_approval"),
        ("quizzes", "0008_governed_quizzes_and_attempt_rules"),
        ("certificates", "0009_governed_templates_and_quiz_revision"),
        ("notifications", "0006_governed_templates"),
        ("people", "0008_private_import_files"),
    ]

    operations = [migrations.RunPython(govern, ungovern)]
