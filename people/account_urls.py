"""Account pages the project replaces in allauth's tree (mounted before it, under
the same names)."""

from django.urls import path

from . import views

urlpatterns = [path("email/", views.email_address, name="account_email")]
