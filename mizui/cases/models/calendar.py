"""A person's calendar feed: the secret behind their signed iCal link, kept only as a hash (services/calendar.py)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from mizui.accounts.models import TenantModel, TenantQuerySet, User


class CalendarFeed(TenantModel):
    """One live link per person and authority. A new link replaces the secret, so the old one stops working;
    removing the row stops the feed altogether."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet["CalendarFeed"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority", "user"], name="calendar_feed_one_per_person")
        ]

    def __str__(self) -> str:
        return f"calendar feed of user {self.user_id}"
