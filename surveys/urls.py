from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("questionari/<id:pk>/", views.answer, name="answer"),
    path("questionari/<id:pk>/ignora/", views.dismiss, name="dismiss"),
]
