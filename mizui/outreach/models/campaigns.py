"""Campaigns: a list reached through one channel, with an optional randomized holdout that is never contacted."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet
from mizui.outreach.models.population import PopulationMember
from mizui.outreach.models.screening import BatchRun, OutreachList


class CampaignChannel(models.TextChoices):
    SMS = "sms", _("SMS")
    LETTER = "letter", _("מכתב")
    PHONE = "phone", _("שיחת טלפון")
    VISIT = "visit", _("ביקור בית")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("טיוטה")
    LAUNCHED = "launched", _("פעיל")
    CLOSED = "closed", _("הסתיים")


class Campaign(TenantModel):
    """`message_<lang>` are mail-merge templates: {name}, {rights}, {monthly}, {annual}, {center}."""

    name = models.CharField(_("שם הקמפיין"), max_length=120)
    outreach_list = models.ForeignKey(OutreachList, on_delete=models.PROTECT, related_name="campaigns")
    channel = models.CharField(_("ערוץ"), max_length=10, choices=CampaignChannel.choices)
    holdout_percent = models.PositiveSmallIntegerField(_("קבוצת ביקורת (%)"), default=0)
    seed = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    message_he = models.TextField(_("הודעה בעברית"))
    message_ar = models.TextField(_("הודעה בערבית"), blank=True, default="")
    message_ru = models.TextField(_("הודעה ברוסית"), blank=True, default="")
    message_am = models.TextField(_("הודעה באמהרית"), blank=True, default="")
    run = models.ForeignKey(BatchRun, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    launched_at = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet["Campaign"].as_manager()

    def __str__(self) -> str:
        return self.name

    def message_for(self, language: str) -> str:
        text = getattr(self, f"message_{language}", "") if language in {"he", "ar", "ru", "am"} else ""
        return str(text or self.message_he)


class Group(models.TextChoices):
    TREATMENT = "treatment", _("פנייה")
    HOLDOUT = "holdout", _("ביקורת")


class TargetStatus(models.TextChoices):
    PENDING = "pending", _("טרם נוצר קשר")
    CONTACTED = "contacted", _("נוצר קשר")
    RESPONDED = "responded", _("הגיב/ה")
    SKIPPED = "skipped", _("לא פונים (בקשת הגבלת קשר)")
    HELD_OUT = "held_out", _("קבוצת ביקורת: לא פונים")


class CampaignTarget(TenantModel):
    """A household in a campaign, as the batch run saw it at launch (estimates, for targeting only)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    member = models.ForeignKey(PopulationMember, on_delete=models.PROTECT, related_name="+")
    household_key = models.CharField(max_length=64)
    group = models.CharField(max_length=10, choices=Group.choices)
    stratum = models.CharField(max_length=170)  # top right | neighbourhood
    programs = models.CharField(max_length=600)
    monthly = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    annual = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    status = models.CharField(max_length=10, choices=TargetStatus.choices, default=TargetStatus.PENDING)
    skip_reason = models.CharField(max_length=120, blank=True, default="")
    contacted_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    inquiry = models.ForeignKey("cases.Inquiry", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = TenantQuerySet["CampaignTarget"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["campaign", "household_key"], name="outreach_target_once")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["campaign", "group", "-annual", "id"], name="outreach_target_money"),
        ]

    def __str__(self) -> str:
        return f"target {self.pk} of campaign {self.campaign_id}"

    def program_list(self) -> list[str]:
        return [p for p in self.programs.split(",") if p]


class ContactOutcome(models.TextChoices):
    SENT = "sent", _("נשלח")
    PRINTED = "printed", _("מכתב הודפס")
    REACHED = "reached", _("שוחחנו")
    NO_ANSWER = "no_answer", _("אין מענה")
    NOT_HOME = "not_home", _("לא בבית")
    REFUSED = "refused", _("לא מעוניין/ת, לא לפנות שוב")
    RESPONDED = "responded", _("ביקש/ה עזרה")


class Contact(TenantModel):
    """Every attempt to reach a target: sent by the system (SMS, letters) or logged by staff (calls, visits)."""

    target = models.ForeignKey(CampaignTarget, on_delete=models.CASCADE, related_name="contacts")
    channel = models.CharField(max_length=10, choices=CampaignChannel.choices)
    outcome = models.CharField(max_length=10, choices=ContactOutcome.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = TenantQuerySet["Contact"].as_manager()

    def __str__(self) -> str:
        return f"{self.channel} {self.outcome} for target {self.target_id}"
