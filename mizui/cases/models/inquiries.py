from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet
from mizui.lib.crypto import EncryptedTextField
from mizui.screening.models import Screening


class InquiryChannel(models.TextChoices):
    SCREENER = "screener", _("בקשת עזרה מהשאלון")
    WALK_IN = "walk_in", _("הגעה למרכז")
    PHONE = "phone", _("טלפון")
    TRUSTEE = "trustee", _("נאמן/ת זכויות")
    OUTREACH = "outreach", _("פנייה יזומה")
    PARTNER = "partner", _("הפניה מגוף שותף")


class InquiryStatus(models.TextChoices):
    NEW = "new", _("חדשה")
    CONVERTED = "converted", _("הפכה לתיק")
    CLOSED = "closed", _("נסגרה")


class CloseReason(models.TextChoices):
    NOT_REACHED = "not_reached", _("לא הצלחנו ליצור קשר")
    NO_RIGHTS = "no_rights", _("לא נמצאו זכויות")
    REFERRED = "referred", _("הופנה לגורם אחר")
    DECLINED = "declined", _("הפונה ויתר/ה")
    DUPLICATE = "duplicate", _("כפילות")


class Inquiry(TenantModel):
    """A request for help (פנייה). Name, phone and note are encrypted; the phone also has a blind index."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    channel = models.CharField(max_length=10, choices=InquiryChannel.choices)
    status = models.CharField(max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.NEW)
    full_name = EncryptedTextField()
    phone = EncryptedTextField()
    phone_index = models.CharField(max_length=64, db_index=True)
    preferred_language = models.CharField(max_length=5, default="he")
    note = EncryptedTextField(blank=True, default="")
    screening = models.ForeignKey(Screening, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Consent as given on the form: to be contacted (required) and to keep the screener's answers.
    consent_contact_at = models.DateTimeField()
    consent_keep_answers_at = models.DateTimeField(null=True, blank=True)
    resident = models.ForeignKey(
        "cases.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="inquiries"
    )
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="inquiries")
    closed_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True, default="")
    event_code = models.CharField(_("קוד אירוע/פעילות"), max_length=20, blank=True, default="")

    objects = TenantQuerySet["Inquiry"].as_manager()

    class Meta:
        verbose_name = _("פנייה")
        verbose_name_plural = _("פניות")

    def __str__(self) -> str:
        return f"inquiry {self.pk}"
