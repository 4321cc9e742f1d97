from django.urls import path

from . import register_views, views

app_name = "hr"

urlpatterns = [
    path("hr/conformita/sollecita/", views.remind, name="remind"),
    path("hr/ore/", register_views.register, name="hours_register"),
    path(
        "hr/ore/esporta.<str:fmt>",
        register_views.register_export,
        name="hours_register_export",
    ),
]
