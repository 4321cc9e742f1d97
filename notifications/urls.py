from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("notifiche/", views.notification_list, name="list"),
    path("notifiche/<id:notification_id>/apri/", views.notification_open, name="open"),
    path("notifiche/lette/", views.notification_read_all, name="read_all"),
]
