"""The directory of partner agencies, shaped on Open Referral HSDS 3.x (docs/decisions/0007-directory-tenancy.md).

Organizations, services, national locations and contacts are national: one row for the whole country, no
`authority_id`, read by every authority. What belongs to one authority (its arnona department, its welfare
department, its water corporation's office) is an `AuthorityLocation`, which is tenant-owned.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import Authority, TenantModel, TenantQuerySet
from mizui.lib.phone import normalize_il_phone
from mizui.lib.texts import Localized, pick_text

# The languages a directory text is translated into: the site's languages but Hebrew, in which every text is stored.
TRANSLATION_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != "he")


class Translated(models.Model):
    """A directory row whose texts are stored in Hebrew, with their Arabic, Russian and English translations in
    ``translations`` ({"ar": {"name": "...", "hours": "..."}}; HSDS has no field for them: ``x_translations``).
    ``TRANSLATED`` names the texts that may be translated."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ()
    translations = models.JSONField(_("תרגומים"), default=dict, blank=True)

    class Meta:
        abstract = True

    def text(self, name: str, lang: str) -> Localized:
        """The text ``name`` in ``lang``, or in Hebrew where no translation is stored (then a page marks it)."""
        return pick_text(str(getattr(self, name) or ""), self.translations or {}, name, lang)

    def clean(self) -> None:
        super().clean()
        stored = self.translations if isinstance(self.translations, dict) else None
        wrong = stored is None or any(
            lang not in TRANSLATION_LANGUAGES
            or not isinstance(texts, dict)
            or any(name not in self.TRANSLATED or not isinstance(text, str) for name, text in texts.items())
            for lang, texts in stored.items()
        )
        if wrong:
            raise ValidationError(
                {
                    "translations": _("תרגומים לשפות %(languages)s של השדות %(names)s בלבד.")
                    % {"languages": ", ".join(TRANSLATION_LANGUAGES), "names": ", ".join(self.TRANSLATED)}
                }
            )


class ServiceStatus(models.TextChoices):
    # HSDS service.status
    ACTIVE = "active", _("פעיל")
    INACTIVE = "inactive", _("לא פעיל")
    DEFUNCT = "defunct", _("הופסק")
    TEMPORARILY_CLOSED = "temporarily closed", _("סגור זמנית")


class Channel(models.TextChoices):
    """How a partner takes a referral. "email" and "sms" are the values of cases' LinkChannel (the signed link by
    e-mail, or by SMS to a mobile); "letter" is a printed referral letter the resident brings or the center posts."""

    EMAIL = "email", _("דוא״ל")
    SMS = "sms", _("SMS")
    LETTER = "letter", _("מכתב מודפס")


def mobile_or_error(raw: str) -> str:
    """An Israeli mobile number in its canonical form (0521234567), or a ValidationError in the user's language."""
    number = normalize_il_phone(raw)
    if number is None or not number.startswith("05"):
        raise ValidationError(_("נא לכתוב מספר נייד ישראלי, למשל 050-5551234."), code="mobile")
    return number


class Organization(Translated):
    TRANSLATED = ("name",)
    # `key` is the HSDS `id`: stable across exports and imports, unlike the database pk.
    key = models.SlugField(max_length=80, unique=True)
    name_he = models.CharField(_("שם"), max_length=200)
    name_en = models.CharField(_("שם באנגלית"), max_length=200, blank=True)
    description = models.TextField(_("תיאור"), blank=True)
    url = models.URLField(_("אתר"), blank=True)
    email = models.EmailField(_("דוא״ל"), blank=True)
    phone = models.CharField(_("טלפון"), max_length=40, blank=True)
    # A mobile that takes the referral's SMS (an organization's switchboard in `phone` takes none).
    mobile = models.CharField(_("טלפון נייד (SMS)"), max_length=20, blank=True)
    # The partner's service level: days from a referral's sending to its first answer before it is overdue.
    sla_days = models.PositiveSmallIntegerField(_("ימים למענה ראשון"), default=14)
    # How the partner accepts referrals: a subset of Channel's values, in the order the partner prefers.
    channels = models.JSONField(_("ערוצי הפניה"), default=list, blank=True)

    class Meta:
        verbose_name = _("ארגון")
        verbose_name_plural = _("ארגונים")
        ordering: ClassVar[list[str]] = ["name_he"]

    def __str__(self) -> str:
        return self.name_he

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        if self.mobile:
            try:
                self.mobile = mobile_or_error(self.mobile)
            except ValidationError as error:
                errors["mobile"] = [error]
        channels = self.channels if isinstance(self.channels, list) else None
        if channels is None or any(c not in Channel.values for c in channels) or len(set(channels)) != len(channels):
            errors["channels"] = [
                ValidationError(_("ערוצי ההפניה הם רשימה של: %(values)s.") % {"values": ", ".join(Channel.values)})
            ]
        else:
            if Channel.EMAIL in channels and not self.email:
                errors.setdefault("email", []).append(ValidationError(_("כדי לקבל הפניות בדוא״ל צריך כתובת דוא״ל.")))
            if Channel.SMS in channels and not self.mobile:
                errors.setdefault("mobile", []).append(ValidationError(_("כדי לקבל הפניות ב-SMS צריך מספר נייד.")))
        if errors:
            raise ValidationError(errors)

    def name(self, lang: str) -> Localized:
        """The name in ``lang`` (English from ``name_en``), else the Hebrew name."""
        if lang == "en" and self.name_en:
            return Localized(self.name_en, "en")
        return pick_text(self.name_he, self.translations or {}, "name", lang)


class ServiceQuerySet(models.QuerySet["Service"]):
    def granting(self, program_id: str) -> list[Service]:
        # `programs` is a short JSON list; JSONField `contains` on lists does not exist on SQLite, and the
        # directory holds dozens of services, not thousands, so the filter runs in Python.
        return [s for s in self.select_related("organization") if program_id in s.programs]


class Service(Translated):
    TRANSLATED = ("name", "application_process")
    key = models.SlugField(max_length=80, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="services")
    name_he = models.CharField(_("שם"), max_length=200)
    name_en = models.CharField(_("שם באנגלית"), max_length=200, blank=True)
    description = models.TextField(_("תיאור"), blank=True)
    url = models.URLField(_("אתר"), blank=True)
    email = models.EmailField(_("דוא״ל"), blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    application_process = models.TextField(_("איך פונים"), blank=True)
    # Ids of eligibility.programs() this service grants ("income_support"): the link from a right to a door.
    programs = models.JSONField(_("זכויות"), default=list, blank=True)
    # HSDS required_document, in the order a resident should gather them.
    documents = models.JSONField(_("מסמכים נדרשים"), default=list, blank=True)
    # Open Eligibility ("מענים פתוחים") slugs, e.g. "human_services:money:benefits".
    taxonomy_terms = models.JSONField(_("סיווג"), default=list, blank=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("שירות")
        verbose_name_plural = _("שירותים")
        ordering: ClassVar[list[str]] = ["organization__name_he", "name_he"]

    def __str__(self) -> str:
        return self.name_he

    def name(self, lang: str) -> Localized:
        """The name in ``lang`` (English from ``name_en``), else the Hebrew name."""
        if lang == "en" and self.name_en:
            return Localized(self.name_en, "en")
        return pick_text(self.name_he, self.translations or {}, "name", lang)


# What a resident reads of a branch or an office, each translatable.
PLACE_TEXTS = ("name", "address", "city", "hours", "accessibility")


class Location(Translated):
    """A national branch (an NII branch, a health fund's clinic): seen by every authority."""

    TRANSLATED = PLACE_TEXTS
    key = models.SlugField(max_length=80, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="locations")
    # HSDS service_at_location: which services this branch delivers.
    services = models.ManyToManyField(Service, related_name="locations", blank=True)
    name = models.CharField(_("שם"), max_length=200)
    address = models.CharField(_("כתובת"), max_length=200, blank=True)
    city = models.CharField(_("יישוב"), max_length=100, blank=True)
    # The CBS locality code (סמל יישוב) of the city: how a branch is matched to an authority.
    cbs_code = models.PositiveIntegerField(_("סמל יישוב (למ״ס)"), null=True, blank=True, db_index=True)
    hours = models.TextField(_("שעות קבלת קהל"), blank=True)
    phone = models.CharField(_("טלפון"), max_length=40, blank=True)
    accessibility = models.TextField(_("נגישות"), blank=True)

    class Meta:
        verbose_name = _("סניף")
        verbose_name_plural = _("סניפים")
        ordering: ClassVar[list[str]] = ["city", "name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="contacts")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts", null=True, blank=True)
    name = models.CharField(_("שם"), max_length=200)
    title = models.CharField(_("תפקיד"), max_length=200, blank=True)
    department = models.CharField(_("מחלקה"), max_length=200, blank=True)
    email = models.EmailField(_("דוא״ל"), blank=True)
    phone = models.CharField(_("טלפון"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("איש קשר")
        verbose_name_plural = _("אנשי קשר")
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class AuthorityLocation(Translated):
    """This authority's own office of a (national) organization: its arnona department, its water corporation.

    Tenant-owned, so row-level security applies; it delivers every service of its organization.
    """

    TRANSLATED = PLACE_TEXTS
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=80)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="authority_locations")
    name = models.CharField(_("שם"), max_length=200)
    address = models.CharField(_("כתובת"), max_length=200, blank=True)
    city = models.CharField(_("יישוב"), max_length=100, blank=True)
    hours = models.TextField(_("שעות קבלת קהל"), blank=True)
    phone = models.CharField(_("טלפון"), max_length=40, blank=True)
    url = models.URLField(_("אתר"), blank=True)
    accessibility = models.TextField(_("נגישות"), blank=True)

    objects = TenantQuerySet["AuthorityLocation"].as_manager()

    class Meta:
        verbose_name = _("סניף מקומי")
        verbose_name_plural = _("סניפים מקומיים")
        ordering: ClassVar[list[str]] = ["name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority", "key"], name="directory_authoritylocation_key_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ChangeAction(models.TextChoices):
    CREATE = "create", _("נוסף")
    UPDATE = "update", _("עודכן")
    IMPORT = "import", _("עודכן מקובץ המדריך (HSDS)")
    DELETE = "delete", _("הוסר")


class Change(models.Model):
    """One edit of a national row (organization, service, branch, contact) from the staff pages: who, from which
    authority, when, and each field's value before and after. National rows are read by every authority, so their
    history is too: the table has no `authority_id` (the editor's authority is `made_in`), hence no row-level security.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_in = models.ForeignKey(Authority, on_delete=models.SET_NULL, null=True, related_name="+")
    # The organization the row belongs to (or is): where its history is shown.
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="history")
    object_type = models.CharField(max_length=20)  # organization, service, location, contact
    object_key = models.CharField(max_length=80)
    object_name = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    # {field name: [before, after]}, as text
    changed = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_key} {self.action}"


class OfficeChange(TenantModel):
    """One edit of this authority's own office (AuthorityLocation): tenant-owned like the office, so row-level
    security keeps one authority's history from every other."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    office = models.ForeignKey(AuthorityLocation, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    changed = models.JSONField(default=dict)

    objects = TenantQuerySet["OfficeChange"].as_manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"office {self.office_id} {self.action}"
