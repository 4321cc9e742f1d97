from django.urls import path

from . import register_views, report_views, views

app_name = "hr"

urlpatterns = [
    path("hr/stato-formazione/", views.training_status, name="training_status"),
    path(
        "hr/persone/esporta.<str:fmt>",
        report_views.people_export,
        name="people_export",
    ),
    path("hr/conformita/", report_views.dashboard, name="dashboard"),
    path(
        "hr/conformita/responsabili/",
        report_views.manager_search,
        name="manager_search",
    ),
    path(
        "hr/conformita/esporta.<str:fmt>",
        report_views.dashboard_export,
        name="dashboard_export",
    ),
    path(
        "hr/certificati/esporta.<str:fmt>",
        report_views.certificates_export,
        name="certificates_export",
    ),
    path("hr/storico/<id:pk>/", report_views.transcript, name="transcript"),
    path("hr/storico/<id:pk>/pdf/", report_views.transcript_pdf, name="transcript_pdf"),
    path("hr/conformita/sollecita/", views.remind, name="remind"),
    path("hr/ore/", register_views.register, name="hours_register"),
    path(
        "hr/ore/esporta.<str:fmt>",
        register_views.register_export,
        name="hours_register_export",
    ),
]
