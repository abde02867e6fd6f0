from __future__ import annotations

from django.urls import path

from mizui.directory import views

app_name = "directory"

urlpatterns = [
    path("staff/directory/", views.index, name="index"),
    path("staff/directory/services/<int:pk>/", views.service, name="service"),
]
