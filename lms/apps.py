from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "LMS"

    def ready(self):
        from django.urls import register_converter

        # Importing it connects its @receiver handler.
        from . import logging  # noqa: F401
        from .converters import IdConverter

        # Before any URLconf is read: the apps' routes name `<id:...>`.
        register_converter(IdConverter, "id")
