"""Residents, households, inquiries, cases and the entitlement ledger."""

from __future__ import annotations

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "mizui.cases"
    verbose_name = "תיקים"

    def ready(self) -> None:
        from mizui.cases.services import outbox
        from mizui.lib import messaging

        # No SMS to a number that sent the opt-out word, whoever sends it (reminders, referrals, campaigns).
        messaging.register_opt_out_check(outbox.is_opted_out)
        from mizui.accounts import home
        from mizui.cases import home as cases_home

        home.register(cases_home.provider)
        home.register_describer(cases_home.describer)
