"""Outgoing messages (email and SMS) with their delivery status, and the numbers that opted out of SMS.

Each message is a row before it leaves: the outbox (services/outbox.py) queues a background task that sends it,
retries it with backoff, and the gateway's delivery receipt updates it. Address, subject and body are encrypted.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet
from mizui.cases.models.referrals import Referral
from mizui.lib.crypto import EncryptedTextField


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("ממתינה לשליחה")
    SENT = "sent", _("נשלחה")
    DELIVERED = "delivered", _("נמסרה")
    FAILED = "failed", _("השליחה נכשלה")
    OPTED_OUT = "opted_out", _("לא נשלחה: המספר ביקש הסרה")


class OutgoingMessage(TenantModel):
    channel = models.CharField(max_length=10)  # a key of mizui.lib.messaging.CHANNELS
    to = EncryptedTextField()
    subject = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField()
    language = models.CharField(max_length=8, default="he")
    # Random, unguessable: the gateway returns it with the delivery receipt.
    reference = models.CharField(max_length=40, unique=True)
    # "partner:<organization id>" or "resident:<id>", for the record; never an address.
    recipient = models.CharField(max_length=40, blank=True, default="")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    status = models.CharField(max_length=12, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True, default="")
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # When its address and text were blanked, MESSAGE_KEEP_DAYS after it was written (outbox.purge_ended).
    purged_at = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet["OutgoingMessage"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "next_attempt_at"], name="message_due"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} message {self.pk} ({self.status})"


class SmsOptOut(models.Model):
    """A phone number that answered with the opt-out word: no SMS goes to it again, from any authority.

    National like the directory (one gateway number for the whole installation); the number is kept only as its
    blind index.
    """

    phone_index = models.CharField(max_length=64, unique=True)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"opt-out {self.phone_index[:8]}"
