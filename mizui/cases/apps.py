"""Residents, households, inquiries, cases and the entitlement ledger."""

from __future__ import annotations

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "mizui.cases"
    verbose_name = "תיקים"
