from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificati")

    def ready(self):
        from people import signals as people_signals

        from . import privacy

        people_signals.personal_data_requested.connect(
            privacy.export_certificates, dispatch_uid="certificates_personal_data"
        )
        people_signals.person_anonymised.connect(
            privacy.anonymise_certificates, dispatch_uid="certificates_anonymise"
        )
