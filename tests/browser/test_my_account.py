"""A learner finds their account from their name in the header and reaches
the page to change the password, with the mouse."""

from people import roles
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_user


def test_a_learner_clicks_their_name_and_reaches_the_password_change(page):
    make_user("agente@test.it", role=roles.LEARNER, first_name="Giulia")
    sign_in_to_home(page, "agente@test.it")

    page.locator(".site-account").get_by_role("link", name="Giulia").click()
    page.get_by_role("heading", name="Il mio account").wait_for()
    page.get_by_role("link", name="Cambia la password").click()
    page.get_by_role("heading", name="Cambia la tua Password").wait_for()
