from django.urls import path

from . import views

app_name = "observations"
urlpatterns = [
    path("osservazioni/", views.mine, name="mine"),
    path("osservazioni/da-osservare/", views.todo, name="todo"),
    path("osservazioni/nuova/", views.new, name="new"),
    path("osservazioni/risultati/", views.results, name="results"),
    path("osservazioni/<id:observation_id>/", views.detail, name="detail"),
    path(
        "osservazioni/<id:observation_id>/presa-visione/",
        views.acknowledge,
        name="acknowledge",
    ),
]
