"""`{days}` now reads "1 giorno" / "7 giorni" (its noun in the right plural), so
stored templates that wrote "tra {days} giorni" would say "7 giorni giorni":
their wording loses the noun. Going back leaves the texts as they are (they
still read right with a bare number, minus the noun)."""

from django.db import migrations

OLD = {
    "it": ("{days} giorni", "{days}"),
    "en": ("{days} days", "{days}"),
}


def forwards(apps, schema_editor):
    EmailTemplate = apps.get_model("notifications", "EmailTemplate")
    for template in EmailTemplate.objects.all():
        changed = False
        for language, (before, after) in OLD.items():
            for field in (f"subject_{language}", f"body_{language}"):
                text = getattr(template, field)
                if before in text:
                    setattr(template, field, text.replace(before, after))
                    changed = True
        if changed:
            template.save()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0006_governed_templates")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
