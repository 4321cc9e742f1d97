from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "LMS"

    def ready(self):
        # Importing it connects its @receiver handler.
        from . import logging  # noqa: F401
