"""A trainer's change that the lead trainer reviews: the people it takes, and
the lead trainer's approval, clicked in a browser of her own."""

from courses.services import enrollment_create
from people import roles
from tests.browser.admin import footer_action
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_user

APPROVE = (
    "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
)


def trainer_lead_and_learner(course) -> None:
    """Marco the trainer (formatore@), Lia the lead trainer (responsabile@)
    and an agent (agente@) enrolled in `course`."""
    make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")
    make_user("responsabile@test.it", role=roles.LEAD_TRAINER, first_name="Lia")
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)


def lead_approves(browser, live_server, title: str) -> None:
    """The lead trainer signs in, opens the change called `title` from the
    admin's dashboard and approves it; returns once the editor has reloaded
    without the review's actions."""
    lead = browser.new_context(base_url=live_server.url).new_page()
    sign_in_to_home(lead, "responsabile@test.it")
    lead.get_by_role("link", name="Amministrazione").first.click()
    lead.get_by_role("link", name=title).first.click()
    footer_action(lead, APPROVE)
    lead.locator(APPROVE).first.wait_for(state="detached")
