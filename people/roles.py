"""The roles of the product, as Django groups.

Their permissions are created by data migrations (people 0002; the lead trainer
and the review workflow in content 0003) so every environment, test database
included, has the same roles.
"""

from django.utils.translation import gettext_lazy as _

LEARNER = "Learner"
TRAINER = "Trainer"
HR = "HR"
# Approves trainers' changes in the review workflow and publishes them.
LEAD_TRAINER = "Lead trainer"

ROLE_LABELS = {
    LEARNER: _("Discente"),
    TRAINER: _("Formatore"),
    HR: _("Risorse umane"),
    LEAD_TRAINER: _("Formatore responsabile"),
}
