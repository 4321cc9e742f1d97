"""Invitation e-mails for imported people: a link to allauth's set-password page.

The link is allauth's own password-reset key, so the page, its expiry and its
one-time use are the ones the product already has for forgotten passwords.
"""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
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


def _invitation(person: User) -> EmailMessage:
    with translation.override(person.preferred_language):
        context = {"person": person, "url": invitation_url(person)}
        return EmailMessage(
            subject=render_to_string(
                "people/email/invitation_subject.txt", context
            ).strip(),
            body=render_to_string("people/email/invitation.txt", context),
            to=[person.email],
        )


def send_invitations(*, user_ids: list[int]) -> int:
    sent = 0
    connection = get_connection()
    for start in range(0, len(user_ids), BATCH):
        people = User.objects.filter(
            pk__in=user_ids[start : start + BATCH], is_active=True
        )
        # allauth's token records each person's e-mail address the first time:
        # one commit for the batch instead of one per person.
        with transaction.atomic():
            messages = [_invitation(person) for person in people]
        sent += connection.send_messages(messages) or 0
    return sent
