"""Uploaded employee files move to the private storage, which no URL serves
(`lms.storage`). Files already uploaded are moved there too; reversing moves
them back."""

from django.core.files.storage import default_storage, storages
from django.db import migrations, models

import lms.storage


def _move(apps, source, target):
    PeopleImport = apps.get_model("people", "PeopleImport")
    for name in PeopleImport.objects.exclude(file="").values_list("file", flat=True):
        if not source.exists(name) or target.exists(name):
            continue
        with source.open(name, "rb") as handle:
            target.save(name, handle)
        source.delete(name)


def to_private(apps, schema_editor):
    _move(apps, default_storage, storages["private"])


def to_media(apps, schema_editor):
    _move(apps, storages["private"], default_storage)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_remove_wagtail_default_groups"),
    ]

    operations = [
        migrations.AlterField(
            model_name="peopleimport",
            name="file",
            field=models.FileField(
                storage=lms.storage.get_private_storage,
                upload_to="imports/%Y/%m/",
                verbose_name="file",
            ),
        ),
        migrations.RunPython(to_private, to_media),
    ]
