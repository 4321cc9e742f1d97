"""An index on the file name of Wagtail's image renditions.

`content.views.serve_rendition` finds the rendition of each image request by
its file name, a column Wagtail does not index. Wagtail's own table, so the
index is created with SQL (both SQLite and PostgreSQL know this syntax)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_lead_trainer_and_review_workflow"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS lms_rendition_file "
            "ON wagtailimages_rendition (file)",
            "DROP INDEX IF EXISTS lms_rendition_file",
        )
    ]
