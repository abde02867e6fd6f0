"""Demo authorities and users: synthetic people, one user per role in each authority."""

from __future__ import annotations

import hashlib

from django.db import transaction

from mizui.accounts.models import Authority, Membership, Role, TOTPDevice, User
from mizui.accounts.tenancy import tenant_context

DEMO_PASSWORD = "mizui-demo-2026"  # noqa: S105 (printed on the demo login page on purpose)

AUTHORITIES = [
    {
        "slug": "ashdod-demo",
        "name_he": "אשדוד (הדגמה)",
        "name_en": "Ashdod (demo)",
        "name_ar": "أسدود (عرض توضيحي)",
        "name_ru": "Ашдод (демо)",
        "cbs_code": 70,
        "domain": "ashdod.demo",
        "center_phone": "08-555-0170",
        "center_hours": "א׳–ה׳ 8:30–16:00, ג׳ עד 19:00",
    },
    {
        "slug": "beersheva-demo",
        "name_he": "באר שבע (הדגמה)",
        "name_en": "Be'er Sheva (demo)",
        "name_ar": "بئر السبع (عرض توضيحي)",
        "name_ru": "Беэр-Шева (демо)",
        "cbs_code": 9000,
        "domain": "beersheva.demo",
        "center_phone": "08-555-0900",
        "center_hours": "א׳–ה׳ 8:00–15:30",
    },
]

# Synthetic people only: Hebrew, Arabic and Russian names that belong to nobody in particular.
NAMES = {
    "ashdod.demo": {
        Role.MANAGER: "מיכל אברהמי",
        Role.LAWYER: "דנה לוי",
        Role.COORDINATOR: "סמיר חטיב",
        Role.VOLUNTEER: "יעל כהן",
        Role.TRUSTEE: "אולגה סמירנובה",
        Role.ANALYST: "נועם פרץ",
        Role.NATIONAL: "רונית שגיא",
    },
    "beersheva.demo": {
        Role.MANAGER: "יוסף אלקיים",
        Role.LAWYER: "עומר נסאר",
        Role.COORDINATOR: "אירינה קוזלוב",
        Role.VOLUNTEER: "הדס מזרחי",
        Role.TRUSTEE: "פאטמה אבו-ריא",
        Role.ANALYST: "דמיטרי ולקוב",
        Role.NATIONAL: "שירה בן-דוד",
    },
}
ADMIN_EMAIL = "admin@mizui.demo"


def demo_totp_key(email: str) -> str:
    """A fixed secret per demo user, so the demo page can show their current code after a reload.

    Derivable by anyone who reads this file, hence demo mode only; it is stored encrypted all the same.
    """
    return hashlib.sha256(f"mizui-demo:{email}".encode()).hexdigest()[:40]


def ensure_user(email: str, full_name: str, language: str = "") -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "preferred_language": language}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    TOTPDevice.objects.get_or_create(
        user=user, name="authenticator", defaults={"key": demo_totp_key(email), "confirmed": True}
    )
    return user


def load() -> list[Authority]:
    """Create (or leave as they are) the demo authorities and one user per role in each."""
    authorities = []
    with transaction.atomic():
        admin = ensure_user(ADMIN_EMAIL, "מנהלת מערכת (הדגמה)")
        for spec in AUTHORITIES:
            authority, _ = Authority.objects.update_or_create(
                slug=spec["slug"],
                defaults={
                    key: spec[key]
                    for key in ("name_he", "name_en", "name_ar", "name_ru", "cbs_code", "center_phone", "center_hours")
                },
            )
            with tenant_context(authority):
                for role, name in NAMES[str(spec["domain"])].items():
                    user = ensure_user(f"{role.value}@{spec['domain']}", name)
                    Membership.objects.get_or_create(user=user, authority=authority, defaults={"role": role})
                Membership.objects.get_or_create(user=admin, authority=authority, defaults={"role": Role.ADMIN})
            authorities.append(authority)
    return authorities


def logins() -> list[str]:
    lines = [f"Log in at /accounts/login/ (password {DEMO_PASSWORD}; MFA codes are shown on the login page):"]
    for spec in AUTHORITIES:
        for role in NAMES[str(spec["domain"])]:
            lines.append(f"  {role.value:<12} {role.value}@{spec['domain']}")
    lines.append(f"  {'admin':<12} {ADMIN_EMAIL}  (both authorities: switch in the header)")
    return lines
