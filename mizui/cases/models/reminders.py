"""Reminders already sent: one row per reminder, so each is sent once however often the job runs."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from mizui.accounts.models import TenantModel, TenantQuerySet


class Reminder(TenantModel):
    # What was reminded, e.g. "task:12:due" or "entitlement:7:documents:2026-10-01" (mizui/cases/reminders.py).
    key = models.CharField(max_length=100)
    channel = models.CharField(max_length=10)
    recipient = models.CharField(max_length=40)  # "staff:<user id>" or "resident:<id>", never an address
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["Reminder"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority", "key"], name="reminder_sent_once")
        ]

    def __str__(self) -> str:
        return f"reminder {self.key}"
