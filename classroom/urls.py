from django.urls import path

from . import views

app_name = "classroom"

urlpatterns = [
    path("sessioni/", views.my_sessions, name="my_sessions"),
    path(
        "sessioni/corso/<id:course_id>/", views.course_sessions, name="course_sessions"
    ),
    path("sessioni/<id:pk>/prenota/", views.book, name="book"),
    path("sessioni/<id:pk>/disdici/", views.cancel, name="cancel"),
    path("sessioni/calendario/nuovo-indirizzo/", views.feed_rotate, name="feed_rotate"),
    path("sessioni/calendario/<str:token>.ics", views.feed, name="feed"),
    path("sessioni/registro/", views.trainer_sessions, name="trainer_sessions"),
    path(
        "sessioni/<id:pk>/presenze/",
        views.attendance_register,
        name="attendance_register",
    ),
    path(
        "sessioni/<id:pk>/presenze.pdf",
        views.attendance_sheet,
        name="attendance_sheet",
    ),
]
