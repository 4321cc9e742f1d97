"""Account pages the project replaces in allauth's tree (mounted before it, under
the same names)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.account, name="my_account"),
    path("email/", views.email_address, name="account_email"),
    path("i-miei-dati/", views.my_data_export, name="my_data_export"),
]
