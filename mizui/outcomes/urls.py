from __future__ import annotations

from django.urls import path

from mizui.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("staff/outcomes/", views.dashboard_view, name="dashboard"),
    path("staff/outcomes/figures/<slug:kpi>/", views.figure, name="figure"),
    path("staff/outcomes/report.pdf", views.report_pdf, name="report-pdf"),
    path("staff/outcomes/report.xlsx", views.report_xlsx, name="report-xlsx"),
    path("staff/national/", views.national_view, name="national"),
]
