"""Municipal record imports, batch screening runs and campaigns."""

from __future__ import annotations

from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "mizui.outreach"
    verbose_name = "איתור יזום"
