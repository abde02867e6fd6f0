"""Referrals to partner agencies: a closed loop the partner answers through a signed link, with history."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet, User
from mizui.cases.models.cases import Case
from mizui.cases.models.ledger import Entitlement
from mizui.cases.models.work import Document
from mizui.directory.models import Service
from mizui.lib.crypto import EncryptedTextField


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("נשלחה")
    RECEIVED = "received", _("התקבלה")
    NEEDS_INFO = "needs_info", _("נדרש מידע נוסף")
    DOCUMENT_MISSING = "document_missing", _("חסר מסמך")
    IN_PROGRESS = "in_progress", _("בטיפול")
    MEDICAL_COMMITTEE = "medical_committee", _("הופנתה לוועדה רפואית")
    APPROVED = "approved", _("אושרה")
    DENIED = "denied", _("נדחתה")
    CLOSED_NO_RESULT = "closed_no_result", _("נסגרה ללא תוצאה")
    NO_CAPACITY = "no_capacity", _("אין אפשרות לקלוט")


class LinkChannel(models.TextChoices):
    """How the partner received the signed link: to its e-mail, or by SMS to its contact's mobile phone."""

    EMAIL = "email", _("דוא״ל")
    SMS = "sms", _("SMS")
    # Nothing sent: the center copies the link or prints the referral letter (with the link as a QR code).
    LETTER = "letter", _("מכתב מודפס או קישור")


# A referral in one of these is closed: its link says so and takes no more answers.
FINAL_STATUSES = frozenset(
    {ReferralStatus.APPROVED, ReferralStatus.DENIED, ReferralStatus.CLOSED_NO_RESULT, ReferralStatus.NO_CAPACITY}
)


class Referral(TenantModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    entitlement = models.ForeignKey(
        Entitlement, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    # National: the directory has one row per service for the whole country.
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("סיבת ההפניה"))
    documents: models.ManyToManyField[Document, ReferralDocument] = models.ManyToManyField(
        Document, through="ReferralDocument", related_name="+", blank=True
    )
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    first_answer_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the case owner was given a task because the partner did not answer within its SLA (once).
    escalated_at = models.DateTimeField(null=True, blank=True)
    # sha256 of the random nonce inside the signed link: a link is valid only for the row that holds it.
    token_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    channel = models.CharField(max_length=10, choices=LinkChannel.choices, default=LinkChannel.EMAIL)
    # The signed link itself, encrypted, so the center can copy it or print it in the referral letter later.
    link = EncryptedTextField(blank=True, default="")
    # The sender's direct phone, for the partner's questions (the partner's page shows it with the sender's name).
    contact_phone = models.CharField(_("טלפון ישיר"), max_length=20, blank=True, default="")

    objects = TenantQuerySet["Referral"].as_manager()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["case", "sent_at"], name="referral_case_sent")]

    def __str__(self) -> str:
        return f"referral {self.pk} on case {self.case_id}"

    @property
    def is_closed(self) -> bool:
        return self.status in FINAL_STATUSES

    def answer_due(self) -> dt.datetime:
        """When the partner's first answer is due (its SLA); needs `service__organization`."""
        return self.sent_at + dt.timedelta(days=self.service.organization.sla_days)

    def is_overdue(self, now: dt.datetime) -> bool:
        """Open, not answered by the partner, and past the partner's SLA."""
        return self.first_answer_at is None and not self.is_closed and self.answer_due() < now

    def link_expired(self, now: dt.datetime) -> bool:
        return self.expires_at < now


class ReferralDocument(TenantModel):
    """A case document the center shared with the partner: the only files the link lets the partner download.

    Tenant-owned, so row-level security covers the link too. What the partner sends back is not shared here but
    hangs on its answer (`ReferralStatusChange.document`).
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")

    objects = TenantQuerySet["ReferralDocument"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["referral", "document"], name="referraldocument_once")
        ]

    def __str__(self) -> str:
        return f"document {self.document_id} of referral {self.referral_id}"


class ReferralStatusChange(TenantModel):
    """The referral's history. `by` is the staff member, or None when the partner answered through the link.

    `document` is the decision document the partner uploaded with this answer (e.g. the approval letter): a case
    document like any other, and this row is what marks it as coming from the partner organization.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    note = EncryptedTextField(blank=True, default="")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["ReferralStatusChange"].as_manager()

    def __str__(self) -> str:
        return f"{self.status} on referral {self.referral_id}"

    @property
    def by_partner(self) -> bool:
        return self.by_id is None
