from django.urls import path

from . import views

app_name = "certifications"
urlpatterns = [
    path(
        "certificazioni/modifiche/<id:change_id>/",
        views.policy_review,
        name="policy_review",
    ),
    path(
        "certificazioni/modifiche/<id:change_id>/quiz/",
        views.PolicyReviewQuizView.as_view(),
        name="policy_quiz",
    ),
]
