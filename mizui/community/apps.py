"""Volunteers, rights trustees, initiatives and forums."""

from __future__ import annotations

from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "mizui.community"
    verbose_name = "קהילה"
