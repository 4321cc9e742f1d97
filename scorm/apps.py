from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScormConfig(AppConfig):
    name = "scorm"
    verbose_name = _("Pacchetti SCORM")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import ScormPackage
        from .services import package_files_remove

        post_delete.connect(
            lambda sender, instance, **kwargs: package_files_remove(package=instance),
            sender=ScormPackage,
            weak=False,
            dispatch_uid="scorm_package_files_remove",
        )
