from django.apps import AppConfig
from django.core.signals import request_finished


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "LMS"

    def ready(self):
        from .logging import clear_request_id

        request_finished.connect(clear_request_id, dispatch_uid="lms_request_id")
