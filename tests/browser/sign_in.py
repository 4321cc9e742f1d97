"""Signing in as a person does: the sign-in page, the address and password
typed, the button clicked."""

from tests.builders import PASSWORD


def sign_in(page, email: str, *, password: str = PASSWORD) -> None:
    """Sign in and wait for the page the site leads to."""
    page.goto("/account/login/")
    page.get_by_label("Indirizzo e-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_load_state()


def sign_in_to_home(page, email: str) -> None:
    """Sign in and wait for the learner's home, where everyone lands."""
    sign_in(page, email)
    page.get_by_role("heading", name="La mia formazione").wait_for()
