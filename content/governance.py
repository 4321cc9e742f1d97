"""The one base of everything that changes what a certificate means and is
not a page: quizzes, questions, certificate and e-mail templates, observation
checklists, certifications."""

from django.contrib.contenttypes.fields import GenericRelation
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin


class GovernedMixin(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin):
    """Drafts, review and live versions, Wagtail's way, for the rules behind a
    certificate. A trainer's save in the admin is a revision only: the row stays
    the live version, which is what learners, grading and issuing read, until a
    lead trainer approves the change in the "Revisione formazione" workflow (or
    publishes it). A row never published (`live=False`) is offered to nobody.

    The two generic relations are the ones Wagtail asks a snippet with
    revisions and workflows to declare, so that deleting the row deletes its
    revisions and workflow states."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    @property
    def revisions(self):
        return self._revisions

    class Meta:
        abstract = True
