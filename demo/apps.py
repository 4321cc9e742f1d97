from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo: its content as Markdown and YAML files (`demo/data/`), its
    people and company, and `load_demo_data`. The top layer: it uses every
    domain app's services and nothing imports it."""

    name = "demo"
    verbose_name = _("Dati dimostrativi")
    default_auto_field = "django.db.models.BigAutoField"
