from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet, User


class Scope(models.TextChoices):
    SCREENINGS = "screenings", _("סינון זכאות (POST /api/v1/screenings)")
    RIGHTS = "rights", _("קטלוג הזכויות (GET /api/v1/rights)")


class ApiTokenQuerySet(TenantQuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(TenantModel):
    """An authority's key for the JSON API. Only the SHA-256 of the secret is kept; the secret is shown once.

    On PostgreSQL the row is found by its hash before the tenant is known, through the special
    row-level-security policy for this table (accounts/rls.py), and the request then runs as its authority.
    """

    name = models.CharField(_("שם"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("תחילית"), max_length=8, db_index=True)
    scopes = models.JSONField(_("הרשאות"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    def needs_touch(self, now: dt.datetime, *, every: dt.timedelta = dt.timedelta(minutes=1)) -> bool:
        # last_used_at is written at most once a minute, so a busy integration does not write on every call.
        return self.last_used_at is None or now - self.last_used_at >= every

    def scope_labels(self) -> list[str]:
        return [str(Scope(s).label) if s in Scope.values else s for s in self.scopes]
