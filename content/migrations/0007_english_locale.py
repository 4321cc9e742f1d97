from django.db import migrations


def add_english(apps, schema_editor):
    """The English locale, beside the Italian default Wagtail made: translated
    pages and snippets need it to exist."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


def remove_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.filter(language_code="en").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0006_governed_snippets_review"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(add_english, remove_english)]
