import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.shortcuts import render

from lms.audit import log

from . import sso
from .models import User

logger = logging.getLogger(__name__)

MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts come from HR; self sign-up only where the deployment opts in.
        return settings.LMS_SIGNUP_OPEN

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # A person with no password and no second factor, who just signed in at
        # their company provider, sets up TOTP without a re-confirmation they
        # could not give (people.sso).
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = self.request or context.request
        user = getattr(request, "user", None)
        if required and user is not None:
            return not sso.provider_sign_in_stands_for_reauthentication(request, user)
        return required

    def get_reauthentication_methods(self, user):
        # Someone with no password and no second factor re-confirms first by
        # signing in again at their company provider (allauth's e-mailed code
        # stays as the second choice).
        methods = super().get_reauthentication_methods(user)
        if sso.signs_in_only_at_a_provider(user):
            request = self.request or context.request
            method = sso.reauthentication_by_provider(request, user)
            if method:
                methods = [method, *methods]
        return methods

    def get_login_stages(self):
        # allauth's second-factor step, skipped when a trusted company provider
        # already asserted one (people.sso.mfa_asserted).
        return [
            "people.adapters.MfaUnlessProviderAssertedStage"
            if path == MFA_STAGE
            else path
            for path in super().get_login_stages()
        ]


class MfaUnlessProviderAssertedStage(AuthenticateStage):
    """allauth's TOTP prompt, except after a company sign-in whose provider is
    trusted for MFA and says (`amr`) it did one."""

    def _should_handle(self, request) -> bool:
        if sso.mfa_asserted((self.login.signal_kwargs or {}).get("sociallogin")):
            return False
        return super()._should_handle(request)


def _refuse(request, message):
    return ImmediateHttpResponse(
        render(request, "socialaccount/refused.html", {"reason": message}, status=403)
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Company sign-in: the provider's verified e-mail finds the person HR
    imported; nobody else gets in unless the provider is set to create them."""

    def pre_social_login(self, request, sociallogin):
        # Only signing in: linking a provider account to whoever is signed in
        # would let one person's company identity open someone else's account.
        if sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            raise _refuse(request, sso.ERROR_ONLY_SIGN_IN)
        if not sso.nonce_matches(sociallogin):
            logger.warning(
                "Company sign-in refused: ID token nonce mismatch (%s)",
                sociallogin.provider.app.name,
            )
            raise _refuse(request, sso.ERROR_NONCE)
        if sociallogin.is_existing:
            sso.person_update_from_claims(
                person=sociallogin.user, sociallogin=sociallogin
            )
            return
        email = sso.verified_email(sociallogin)
        if email is None:
            raise _refuse(request, sso.ERROR_UNVERIFIED_EMAIL)
        person = User.objects.filter(email__iexact=email).first()
        if person is not None:
            sociallogin.connect(request, person)
            sso.person_update_from_claims(person=person, sociallogin=sociallogin)
            return
        if not sso.provider_rules(sociallogin.provider.app).create_users:
            raise _refuse(request, sso.ERROR_UNKNOWN_PERSON % {"email": email})

    def is_open_for_signup(self, request, sociallogin):
        return sso.provider_rules(sociallogin.provider.app).create_users

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = sso.verified_email(sociallogin) or user.email
        return user

    def save_user(self, request, sociallogin, form=None):
        # The new person gets the Learner role from the post_save signal, and
        # with it the assignment rules; no usable password (they sign in here).
        user = super().save_user(request, sociallogin, form)
        log(
            instance=user,
            action="lms.person.create",
            user=None,
            data={"email": user.email, "from_provider": sociallogin.provider.app.name},
        )
        sso.person_update_from_claims(person=user, sociallogin=sociallogin)
        return user
