"""Invitation e-mails for imported people: a link to allauth's set-password page.

The link is allauth's own password-reset key, so the page, its expiry and its
one-time use are the ones the product already has for forgotten passwords.
"""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import User

BATCH = 500


def invitation_url(user: User) -> str:
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def send_invitations(*, user_ids: list[int]) -> int:
    sent = 0
    connection = get_connection()
    for start in range(0, len(user_ids), BATCH):
        people = User.objects.filter(
            pk__in=user_ids[start : start + BATCH], is_active=True
        )
        messages = []
        for person in people:
            with translation.override(person.preferred_language):
                context = {"person": person, "url": invitation_url(person)}
                messages.append(
                    EmailMessage(
                        subject=render_to_string(
                            "people/email/invitation_subject.txt", context
                        ).strip(),
                        body=render_to_string("people/email/invitation.txt", context),
                        to=[person.email],
                    )
                )
        sent += connection.send_messages(messages) or 0
    return sent
