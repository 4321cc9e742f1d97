"""The lead trainer role and the review workflow.

Trainers draft and submit; only the lead trainer approves and publishes. The
workflow "Revisione formazione" (one group-approval task for the lead trainers) is
assigned to the root of the page tree, so it covers the home page, the catalogue,
every course and module. The same objects are ensured by `load_demo_data`.
"""

from django.db import migrations

LEAD = "Lead trainer"
TRAINER = "Trainer"
WORKFLOW = "Revisione formazione"
TASK = "Approvazione del formatore responsabile"
LEAD_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("quizzes", "add_quiz"),
    ("quizzes", "change_quiz"),
    ("quizzes", "delete_quiz"),
    ("quizzes", "add_question"),
    ("quizzes", "change_question"),
    ("quizzes", "delete_question"),
]
LEAD_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
LEAD_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _perm(apps, app_label, codename):
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label=app_label, codename=codename
    )


def create_lead_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    lead, _ = Group.objects.get_or_create(name=LEAD)
    lead.permissions.add(
        *[_perm(apps, app, code) for app, code in LEAD_MODEL_PERMISSIONS]
    )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in LEAD_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=lead, page=root, permission=_perm(apps, "wagtailcore", codename)
            )
        # Plain trainers submit for review instead of publishing.
        GroupPagePermission.objects.filter(
            group__name=TRAINER, permission__codename="publish_page"
        ).delete()
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app, codename in LEAD_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=lead,
                collection=root_collection,
                permission=_perm(apps, app, codename),
            )

    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK, content_type=content_type, active=True
        )
    task.groups.set([lead])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=0)
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove_lead_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    root = Page.objects.filter(depth=1).first()
    trainer = Group.objects.filter(name=TRAINER).first()
    if root is not None and trainer is not None:
        GroupPagePermission.objects.get_or_create(
            group=trainer,
            page=root,
            permission=_perm(apps, "wagtailcore", "publish_page"),
        )
    previous = Workflow.objects.exclude(name=WORKFLOW).order_by("pk").first()
    if root is not None and previous is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": previous})
    WorkflowPage.objects.filter(workflow__name=WORKFLOW).delete()
    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=TASK).delete()
    Group.objects.filter(name=LEAD).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_homepage_body_authoring_blocks"),
        ("people", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_lead_and_workflow, remove_lead_and_workflow)
    ]
