from django.urls import path

from . import views

app_name = "api_tokens"
urlpatterns = [
    path("hr/api/token/", views.token_list, name="list"),
    path("hr/api/token/<id:pk>/revoca/", views.token_revoke, name="revoke"),
]
