"""Password sign-in turned off for a company provider's domain, as a person
meets it on the sign-in page."""

from people import roles
from tests.builders import PASSWORD, make_user


def assert_password_login_off_for_example_test(client, button: str) -> None:
    """With password sign-in off for example.test: a person there who types a
    password gets the sign-in page back, told to use the `button` and not
    signed in; a person of another domain still signs in with a password."""
    person = make_user("agente@example.test", role=roles.LEARNER)
    response = client.post(
        "/account/login/", {"login": person.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "accesso con password è disattivato" in page
    assert f"«{button}»" in page
    assert not response.wsgi_request.user.is_authenticated
    other = make_user("hr@test.it", role=roles.HR)
    response = client.post(
        "/account/login/", {"login": other.email, "password": PASSWORD}
    )
    assert response.status_code == 302
