from django.db import migrations


def add_english(apps, schema_editor):
    """The English locale, beside the Italian default Wagtail made: translated
    pages and snippets need it to exist."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0006_governed_snippets_review"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    # Going back leaves the locale: it is configuration, and pages or snippets
    # in English may still point at it.
    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
