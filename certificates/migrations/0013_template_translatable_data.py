from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    """Existing certificate templates are Italian originals: each gets the
    default locale and a translation key of its own (Wagtail's documented way
    of making an existing model translatable)."""

    dependencies = [
        ("certificates", "0012_template_translatable_bootstrap"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [BootstrapTranslatableModel("certificates.CertificateTemplate")]
