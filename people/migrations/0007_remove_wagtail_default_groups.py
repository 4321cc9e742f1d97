"""Remove Wagtail's default groups, Moderators and Editors.

The product's roles are Learner, Trainer, Lead trainer and HR; Wagtail's two
default groups were never used, and Moderators can publish every page without
review. Deleting them removes their page and collection permissions and their
place in Wagtail's default "Moderators approval" task with them.

Reversing recreates them with the rights Wagtail's own migrations gave them
(admin access, adding and editing pages everywhere, publishing and locking for
Moderators, images and documents in every collection), and puts Moderators back
in that task if it still exists. Who was a member is not restored.
"""

from django.db import migrations

GROUPS = ("Moderators", "Editors")
PAGE_PERMISSIONS = {
    "Moderators": [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
    "Editors": ["add_page", "change_page", "lock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
]


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


def restore_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    def perm(app_label, codename):
        return Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        admin = perm("wagtailadmin", "access_admin")
        if admin is not None:
            group.permissions.add(admin)
        for codename in PAGE_PERMISSIONS[name]:
            permission = perm("wagtailcore", codename)
            if root is not None and permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = perm(app_label, codename)
            if root_collection is not None and permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is not None:
        task.groups.add(Group.objects.get(name="Moderators"))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_employee_id_characters"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_groups, restore_groups)]
