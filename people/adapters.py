from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts come from HR; self sign-up only where the deployment opts in.
        return settings.LMS_SIGNUP_OPEN
