"""The resident's own link (services/resident_links.py): a signed, expiring, revocable link to a phone page of the
resident's rights on one case, with no account. Only the hash of its nonce is kept."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet, User
from mizui.cases.models.cases import Case


class ResidentLinkChannel(models.TextChoices):
    """How the link reached the resident: an SMS to their phone, or a QR code printed or shown in the office."""

    SMS = "sms", _("SMS לטלפון של התושב/ת")
    PRINT = "print", _("קוד QR מודפס או מוצג במשרד")


class ResidentLink(TenantModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="resident_links")
    language = models.CharField(_("שפת הדף"), max_length=5, default="he")
    channel = models.CharField(max_length=10, choices=ResidentLinkChannel.choices)
    token_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["ResidentLink"].as_manager()

    def __str__(self) -> str:
        return f"resident link {self.pk}"

    def is_active(self, now: dt.datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now
