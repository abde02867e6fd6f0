"""The versioned JSON API under /api/v1/."""

from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mizui.api"
    verbose_name = "API"
