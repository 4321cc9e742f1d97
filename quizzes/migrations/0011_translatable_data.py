from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    """Existing questions and quizzes are Italian originals: each gets the
    default locale and a translation key of its own (Wagtail's documented
    way of making an existing model translatable). Reversing leaves them, the
    previous migration's reversal drops the columns."""

    dependencies = [
        ("quizzes", "0010_translatable_bootstrap"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [
        BootstrapTranslatableModel("quizzes.Question"),
        BootstrapTranslatableModel("quizzes.Quiz"),
    ]
