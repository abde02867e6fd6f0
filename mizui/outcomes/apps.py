"""KPI definitions, dashboards and cross-authority aggregates."""

from __future__ import annotations

from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "mizui.outcomes"
    verbose_name = "תוצאות ומדדים"

    def ready(self) -> None:
        from mizui.outcomes import freshness

        freshness.connect()
        from mizui.accounts import home
        from mizui.outcomes import home as outcomes_home

        home.register(outcomes_home.provider)
