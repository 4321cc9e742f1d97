from django.urls import path

from . import views

app_name = "certifications"
urlpatterns = [
    path(
        "certificazioni/modifiche/<int:change_id>/",
        views.policy_review,
        name="policy_review",
    ),
]
