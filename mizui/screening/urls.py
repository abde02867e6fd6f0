from __future__ import annotations

from django.urls import path

from mizui.screening import views

app_name = "screening"

urlpatterns = [
    path("", views.start, name="start"),
    path("screener/results/", views.results, name="results"),
    path("screener/results/answer/<str:question>/", views.answer, name="answer"),
    path("screener/check/", views.check, name="check"),
    path("screener/share/", views.share, name="share"),
    path("screener/shared/<str:token>/", views.shared, name="shared"),
    path("screener/summary.pdf", views.summary_pdf, name="summary-pdf"),
    path("screener/reset/", views.reset, name="reset"),
    path("screener/<slug:slug>/", views.step, name="step"),
]
