"""The three roles of the product, as Django groups.

Their permissions are created by a data migration (0002) so every environment,
test database included, has the same roles.
"""

from django.utils.translation import gettext_lazy as _

LEARNER = "Learner"
TRAINER = "Trainer"
HR = "HR"

ROLE_LABELS = {
    LEARNER: _("Discente"),
    TRAINER: _("Formatore"),
    HR: _("Risorse umane"),
}
