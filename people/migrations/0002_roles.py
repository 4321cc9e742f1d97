"""Create the Learner, Trainer and HR roles with their permissions.

Permissions are normally created after all migrations ran; this migration creates
them first so that the roles are complete on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Learner": [],
    "Trainer": [
        ("wagtailadmin", "access_admin"),
        ("quizzes", "add_quiz"),
        ("quizzes", "change_quiz"),
        ("quizzes", "delete_quiz"),
        ("quizzes", "add_question"),
        ("quizzes", "change_question"),
        ("quizzes", "delete_question"),
    ],
    "HR": [
        ("wagtailadmin", "access_admin"),
        ("people", "view_training_status"),
        ("people", "add_user"),
        ("people", "change_user"),
        ("people", "view_user"),
        ("people", "add_department"),
        ("people", "change_department"),
        ("people", "view_department"),
        ("certificates", "view_certificate"),
        ("courses", "view_enrollment"),
    ],
}
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
TRAINER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perm(app_label, codename):
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )

    for name, pairs in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[perm(app, code) for app, code in pairs])

    trainer = Group.objects.get(name="Trainer")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in TRAINER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=trainer, page=root, permission=perm("wagtailcore", codename)
            )

    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app, codename in TRAINER_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=trainer,
                collection=root_collection,
                permission=perm(app, codename),
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=list(ROLE_PERMISSIONS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("courses", "0003_initial"),
        ("quizzes", "0001_initial"),
        ("certificates", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
