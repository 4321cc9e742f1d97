from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("questionari/<int:pk>/", views.answer, name="answer"),
    path("questionari/<int:pk>/ignora/", views.dismiss, name="dismiss"),
]
