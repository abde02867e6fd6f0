"""The demo (make run): synthetic authorities, people and cases, loaded by each app's own demo module."""

from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mizui.demo"
    verbose_name = "הדגמה"
