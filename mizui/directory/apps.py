"""Partner organizations, services and branches (HSDS-shaped)."""

from __future__ import annotations

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mizui.directory"
    verbose_name = "מדריך שירותים"
