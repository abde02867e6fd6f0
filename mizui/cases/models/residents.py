from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet
from mizui.directory.models import Organization
from mizui.lib.crypto import EncryptedTextField


class Household(TenantModel):
    """The people who live together and are screened together (the household of contract v1)."""

    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["Household"].as_manager()

    def __str__(self) -> str:
        return f"household {self.pk}"


class HouseholdRole(models.TextChoices):
    APPLICANT = "applicant", _("פונה")
    PARTNER = "partner", _("בן/בת זוג")
    CHILD = "child", _("ילד/ה")
    OTHER = "other", _("אחר")


class Sensitivity(models.TextChoices):
    NONE = "", _("ללא")
    DOMESTIC_VIOLENCE = "domestic_violence", _("אלימות במשפחה")
    OTHER = "other", _("רגישות אחרת")


class ResidentQuerySet(TenantQuerySet["Resident"]):
    def active(self) -> ResidentQuerySet:
        return self.filter(merged_into__isnull=True)


class Resident(TenantModel):
    """A resident (תושב/ת). Identifying fields are encrypted; ID number and phone have blind indexes."""

    created_at = models.DateTimeField(auto_now_add=True)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    household_role = models.CharField(max_length=10, choices=HouseholdRole.choices, default=HouseholdRole.APPLICANT)
    full_name = EncryptedTextField(_("שם מלא"))
    # The name as the resident writes it (full_name), and as other scripts write it, for letters and search.
    name_ar = EncryptedTextField(_("שם בערבית"), blank=True, default="")
    name_ru = EncryptedTextField(_("שם ברוסית"), blank=True, default="")
    name_latin = EncryptedTextField(_("שם באותיות לטיניות"), blank=True, default="")
    id_number = EncryptedTextField(_("מספר זהות"), blank=True, default="")
    id_index = models.CharField(max_length=64, blank=True, default="", db_index=True)
    birth_date = models.DateField(_("תאריך לידה"), null=True, blank=True)
    phone = EncryptedTextField(_("טלפון"), blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True)
    address = EncryptedTextField(_("כתובת"), blank=True, default="")
    preferred_language = models.CharField(_("שפה מועדפת"), max_length=5, default="he")
    # Safe contact: how the center may (not) reach this resident.
    no_letters = models.BooleanField(_("לא לשלוח מכתבים הביתה"), default=False)
    no_sms = models.BooleanField(_("לא לשלוח SMS"), default=False)
    sensitivity = models.CharField(_("רגישות"), max_length=20, choices=Sensitivity.choices, blank=True, default="")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = ResidentQuerySet.as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["authority", "id_index"],
                condition=~models.Q(id_index="") & models.Q(merged_into__isnull=True),
                name="resident_unique_id_per_authority",
            )
        ]

    def __str__(self) -> str:
        return f"resident {self.pk}"


class NameToken(TenantModel):
    """Blind-indexed words of a resident's names, so staff can find "כהן" without names in clear."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="name_tokens")
    token = models.CharField(max_length=64)

    objects = TenantQuerySet["NameToken"].as_manager()

    class Meta:
        # A name search intersects the residents of each word inside this index (an index-only scan), and
        # fetches only the residents who have all the words: 4x faster for common names at 1 M residents.
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "token", "resident"], name="nametoken_search")
        ]

    def __str__(self) -> str:
        return f"name token of resident {self.resident_id}"


class ConsentPurpose(models.TextChoices):
    KEEP_DATA = "keep_data", _("שמירת המידע בתיק")
    CONTACT = "contact", _("יצירת קשר")
    SHARE_PARTNER = "share_partner", _("העברת מידע לגוף שותף")
    RESEARCH = "research", _("שימוש מחקרי אנונימי")


class ConsentMethod(models.TextChoices):
    FORM = "form", _("טופס מקוון")
    SIGNATURE = "signature", _("חתימה")
    VERBAL = "verbal", _("בעל פה (מתועד)")
    SMS = "sms", _("אישור ב-SMS")


class SharedIdentifier(models.TextChoices):
    """What a partner may see to find the resident's file, beyond the first name (a consent to share names them)."""

    ID_NUMBER = "id_number", _("מספר זהות")
    BIRTH_DATE = "birth_date", _("תאריך לידה")


class Consent(TenantModel):
    """Consent per purpose, with date, method and expiry. Sharing without a valid one is blocked.

    A consent to share names its recipient from the directory: one organization, or every partner serving a need
    (`agency_type`, an Open Eligibility need such as "human_services:housing"). `partner` is the name as it was
    when consent was given (older consents have only that, matched by name).
    """

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=20, choices=ConsentPurpose.choices)
    partner = models.CharField(_("הגוף השותף"), max_length=120, blank=True, default="")
    # National directory rows; a consent outlives an organization removed from the directory (its name stays).
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("הגוף השותף")
    )
    # The database defaults too: bulk loads (generate_load) write only the older columns.
    agency_type = models.CharField(_("סוג הגוף"), max_length=80, blank=True, default="", db_default="")
    # Why the information is shared ("a rent-assistance application"), as the resident was told.
    reason = EncryptedTextField(_("מטרת ההעברה"), blank=True, null=True, default="")
    # SharedIdentifier values the partner may see.
    identifiers = models.JSONField(_("פרטים מזהים"), default=list, blank=True, null=True)
    method = models.CharField(max_length=10, choices=ConsentMethod.choices)
    given_at = models.DateTimeField(default=timezone.now)
    expires_on = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet["Consent"].as_manager()

    def __str__(self) -> str:
        return f"consent {self.purpose} of resident {self.resident_id}"

    @property
    def recipient(self) -> str:
        """Whom a consent to share names, in the active language: the organization, every partner of a type, or
        the name given in an older consent."""
        if self.organization_id is not None and self.organization is not None:
            return self.organization.name_he
        if self.agency_type:
            from mizui.directory.taxonomy import NEEDS

            return str(_("כל גוף מסוג %(type)s") % {"type": NEEDS.get(self.agency_type, self.agency_type)})
        return self.partner

    def is_valid(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.withdrawn_at is None and (self.expires_on is None or self.expires_on >= day)
