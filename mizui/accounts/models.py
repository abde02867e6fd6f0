from __future__ import annotations

import secrets
import time
from typing import Any, ClassVar, Self, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, DeviceManager, TimestampMixin
from django_otp.oath import TOTP

from mizui.lib.crypto import EncryptedTextField, blind_index


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A staff member, volunteer or trustee. Residents are not users; they live in `cases`."""

    email = models.EmailField(_("דוא״ל"), unique=True)
    full_name = models.CharField(_("שם מלא"), max_length=200)
    # The language the staff pages are in for this person, chosen with the header's language switch and kept for
    # every browser they sign in from; blank until they choose: their browser's (Accept-Language).
    preferred_language = models.CharField(_("שפה מועדפת"), max_length=5, blank=True, default="")
    is_active = models.BooleanField(_("פעיל/ה"), default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email


class Authority(models.Model):
    """A local authority (רשות מקומית): the tenant. Every resident's data belongs to exactly one."""

    slug = models.SlugField(unique=True)
    name_he = models.CharField(_("שם בעברית"), max_length=100)
    name_en = models.CharField(_("שם באנגלית"), max_length=100)
    name_ar = models.CharField(_("שם בערבית"), max_length=100, blank=True)
    name_ru = models.CharField(_("שם ברוסית"), max_length=100, blank=True)
    # The Central Bureau of Statistics locality code (סמל יישוב), e.g. 70 for Ashdod.
    cbs_code = models.PositiveIntegerField(_("סמל יישוב (למ״ס)"), unique=True)
    is_active = models.BooleanField(default=True)
    # The rights center's public phone: residents who cannot use a page (refused, busy) are told to call it.
    center_phone = models.CharField(_("טלפון מרכז מיצוי הזכויות"), max_length=20, blank=True)
    center_hours = models.CharField(_("שעות המענה של המרכז"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("רשות")
        verbose_name_plural = _("רשויות")
        ordering: ClassVar[list[str]] = ["name_he"]

    def __str__(self) -> str:
        return self.name_he

    def name(self, lang: str) -> tuple[str, str]:
        """The authority's name in ``lang`` and the language it is really in: Hebrew where no translation is
        stored, so a page can mark it as such."""
        text = {"he": self.name_he, "en": self.name_en, "ar": self.name_ar, "ru": self.name_ru}.get(lang) or ""
        return (text, lang) if text else (self.name_he, "he")


_M = TypeVar("_M", bound=models.Model)


class TenantQuerySet(models.QuerySet[_M]):
    def for_authority(self, authority: Authority) -> Self:
        return self.filter(authority=authority)


class TenantModel(models.Model):
    """Base for every row that belongs to one authority.

    Application code filters with `.for_authority()` and fetches by id through `accounts.access`;
    on PostgreSQL, row-level security (see accounts/rls.py) is the floor under both.
    """

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class Role(models.TextChoices):
    MANAGER = "manager", _("מנהל/ת מרכז")
    LAWYER = "lawyer", _("עו״ד חברתי/ת")
    COORDINATOR = "coordinator", _("רכז/ת")
    VOLUNTEER = "volunteer", _("מתנדב/ת")
    TRUSTEE = "trustee", _("נאמן/ת זכויות")
    ANALYST = "analyst", _("אנליסט/ית")
    NATIONAL = "national", _("צוות התוכנית הארצית")
    ADMIN = "admin", _("מנהל/ת מערכת")


# Roles that work with residents' files; volunteers and trustees get narrower views in later apps.
CASEWORK_ROLES = frozenset({Role.MANAGER, Role.LAWYER, Role.COORDINATOR})
TEAM_ADMIN_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


class VolunteerTier(models.TextChoices):
    """What a volunteer may do in cases, unlocked by trainings (written by `community`, read by `cases.access`)."""

    NONE = "none", _("טרם הוכשר/ה")
    SCREEN = "screen", _("בדיקת זכאות לתושב/ת")
    DOCUMENTS = "documents", _("איסוף מסמכים")
    FORMS = "forms", _("מילוי טפסים")


# Each tier includes the ones before it.
TIER_ORDER = (VolunteerTier.NONE, VolunteerTier.SCREEN, VolunteerTier.DOCUMENTS, VolunteerTier.FORMS)


class MembershipQuerySet(TenantQuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, user__is_active=True, authority__is_active=True)


class Membership(TenantModel):
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("תפקיד"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("פעיל/ה"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Read only for volunteers. A new volunteer reaches nothing until trainings unlock a tier (community sets it
    # from the trainings completed, docs/decisions/0008); memberships from before tiers existed kept what
    # volunteers could do then (gather documents, migration 0002).
    volunteer_tier = models.CharField(
        _("שלב הכשרה"), max_length=10, choices=VolunteerTier.choices, default=VolunteerTier.NONE
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "authority"], name="membership_one_per_authority")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    def reaches(self, tier: VolunteerTier) -> bool:
        """Has this volunteer's training unlocked `tier` (or a later one)?"""
        return TIER_ORDER.index(VolunteerTier(self.volunteer_tier)) >= TIER_ORDER.index(tier)


class AccessAction(models.TextChoices):
    VIEW = "view", _("צפייה")
    CREATE = "create", _("יצירה")
    UPDATE = "update", _("עדכון")
    EXPORT = "export", _("ייצוא")
    DENIED = "denied", _("סירוב גישה")
    LOGIN = "login", _("כניסה")
    LOGOUT = "logout", _("יציאה")


class AccessLog(models.Model):
    """Append-only record of every access to personal data (Data Security Regulations, reg. 10).

    On PostgreSQL the application role may only INSERT and SELECT, and a trigger refuses UPDATE and
    any DELETE younger than the 24-month retention period (accounts/rls.py).
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=64, blank=True)
    request_id = models.CharField(max_length=32, blank=True)
    ip = models.GenericIPAddressField(null=True)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["user", "at"], name="accesslog_user_at"),
            models.Index(fields=["authority", "at"], name="accesslog_authority_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class RateLimitHit(models.Model):
    """One counted request of one client (a hashed address or an API key) for one rate limit (accounts/ratelimit.py).

    Belongs to no authority: public pages are counted before anyone is known.
    """

    key = models.CharField(max_length=120)
    at = models.DateTimeField()

    class Meta:
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["key", "at"], name="ratelimithit_key_at")]

    def __str__(self) -> str:
        return f"{self.key} {self.at:%H:%M:%S}"


class UserSession(models.Model):
    """Which sessions belong to whom, so disabling a user can end every one of them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of user {self.user_id}"


# Second factors (mfa.py, passkeys.py). django-otp's base Device lets its middleware remember, per session, which
# factor verified it; the secrets themselves are stored so that a copy of the database does not reveal them.


def new_totp_secret() -> str:
    return secrets.token_hex(20)  # 160 bits, as RFC 4226 recommends


class TOTPDevice(TimestampMixin, Device):  # type: ignore[misc]  # django-otp is untyped
    """An authenticator app. Its shared secret (hex) is encrypted with the field-encryption keys."""

    user: models.ForeignKey[User, User] = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = EncryptedTextField(default=new_totp_secret)
    # The time step the user's clock is known to be off by, and the last step accepted (a code works once).
    drift: models.SmallIntegerField[int, int] = models.SmallIntegerField(default=0)
    last_t: models.BigIntegerField[int, int] = models.BigIntegerField(default=-1)

    objects: ClassVar[models.Manager[TOTPDevice]] = DeviceManager()

    STEP = 30
    DIGITS = 6
    TOLERANCE = 1  # the previous and the next code are accepted too

    def __str__(self) -> str:
        return f"authenticator of user {self.user_id}"

    @property
    def bin_key(self) -> bytes:
        return bytes.fromhex(self.key)

    def totp(self, at: float) -> TOTP:
        totp = TOTP(self.bin_key, self.STEP, 0, self.DIGITS, self.drift)
        totp.time = at
        return totp

    def verify_token(self, token: str) -> bool:
        """Check a code and consume it; throttling is the caller's (mfa.py), per user and client address."""
        if not (token.isdigit() and len(token) == self.DIGITS):
            return False
        totp = self.totp(time.time())
        if not totp.verify(int(token), self.TOLERANCE, self.last_t + 1):
            return False
        self.last_t = totp.t()
        self.drift = totp.drift
        self.last_used_at = timezone.now()
        self.save(update_fields=["last_t", "drift", "last_used_at"])
        return True


class RecoveryCodeDevice(Device):  # type: ignore[misc]  # django-otp is untyped
    """A user's set of single-use recovery codes; the session remembers this row, the codes are its children."""

    user: models.ForeignKey[User, User] = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    objects: ClassVar[models.Manager[RecoveryCodeDevice]] = DeviceManager()

    def __str__(self) -> str:
        return f"recovery codes of user {self.user_id}"

    def verify_token(self, token: str) -> bool:
        digest = recovery_code_digest(self.user_id, token)
        deleted, _ = self.codes.filter(digest=digest).delete()
        return bool(deleted)


def normalize_recovery_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def recovery_code_digest(user_id: int, code: str) -> str:
    """A keyed hash (the blind-index key, never stored in the database) bound to the user."""
    return blind_index(f"{user_id}:{normalize_recovery_code(code)}", "recovery-code")


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["device", "digest"], name="recovery_code_unique")
        ]

    def __str__(self) -> str:
        return f"recovery code {self.pk}"


class Passkey(TimestampMixin, Device):  # type: ignore[misc]  # django-otp is untyped
    """A WebAuthn credential (a phone's or computer's screen lock, or a security key) used as second factor.

    Only its public key is stored: nothing here lets anyone sign in.
    """

    user: models.ForeignKey[User, User] = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    # base64url, as the browser sends it
    credential_id: models.CharField[str, str] = models.CharField(max_length=1400, unique=True)
    public_key: models.BinaryField[bytes, bytes] = models.BinaryField()
    sign_count: models.PositiveBigIntegerField[int, int] = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)

    objects: ClassVar[models.Manager[Passkey]] = DeviceManager()

    def __str__(self) -> str:
        return f"passkey {self.pk} of user {self.user_id}"

    def verify_token(self, token: str) -> bool:
        return False  # a passkey signs a challenge (passkeys.py); it has no code to type


class SecondFactorThrottle(models.Model):
    """Wrong codes typed for one user from one client address (mfa.py explains the limits)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=64)  # a keyed hash of the client address, never the address
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True)
    verified_at = models.DateTimeField(null=True)  # the last second factor passed from this address

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "address"], name="second_factor_throttle_unique")
        ]

    def __str__(self) -> str:
        return f"{self.failures} wrong codes for user {self.user_id}"
