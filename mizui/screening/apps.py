"""Stored screenings and the public screener."""

from __future__ import annotations

from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "mizui.screening"
    verbose_name = "איתור זכויות"
