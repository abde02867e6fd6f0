"""The shared cast of every test (STYLE.md §9), and small make_* helpers.

Authorities A (Ashdod) and B (Be'er Sheva). Dana is a lawyer at A, Michal manages A, Yael volunteers at A;
Omar is a lawyer at B and Boaz manages B: neither may see anything of A's. Rina works in both.
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from mizui.accounts.middleware import AUTHORITY, LOGIN_AT
from mizui.accounts.models import Authority, Membership, Role, User
from mizui.accounts.tenancy import tenant_context

PASSWORD = "correct-horse-battery-staple"


def make_authority(slug: str, name_he: str, cbs_code: int, **overrides: Any) -> Authority:
    return Authority.objects.create(slug=slug, name_he=name_he, name_en=slug.title(), cbs_code=cbs_code, **overrides)


def make_user(email: str, full_name: str, *, with_totp: bool = True) -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=full_name)
    if with_totp:
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def make_membership(user: User, authority: Authority, role: Role) -> Membership:
    with tenant_context(authority):
        return Membership.objects.create(user=user, authority=authority, role=role)


def totp_code(user: User, *, at: float | None = None) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def login(client: Client, user: User, *, verified: bool = True, authority: Authority | None = None) -> None:
    """Log `client` in as `user`, past the second factor unless `verified=False`."""
    client.force_login(user)
    session = client.session
    session[LOGIN_AT] = time.time()
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    if authority is not None:
        session[AUTHORITY] = authority.pk
    session.save()


class MizuiTestCase(TestCase):
    a: Authority
    b: Authority
    dana: User
    michal: User
    yael: User
    omar: User
    boaz: User
    rina: User
    dana_at_a: Membership
    michal_at_a: Membership
    yael_at_a: Membership
    omar_at_b: Membership
    boaz_at_b: Membership
    rina_at_a: Membership
    rina_at_b: Membership

    @classmethod
    def setUpTestData(cls) -> None:
        cls.a = make_authority("ashdod-test", "אשדוד", 70)
        cls.b = make_authority("beersheva-test", "באר שבע", 9000)
        cls.dana = make_user("dana@a.test", "דנה לוי")
        cls.michal = make_user("michal@a.test", "מיכל אברהמי")
        cls.yael = make_user("yael@a.test", "יעל כהן")
        cls.omar = make_user("omar@b.test", "עומר נסאר")
        cls.boaz = make_user("boaz@b.test", "בועז אלקיים")
        cls.rina = make_user("rina@ab.test", "רינה שגיא")
        cls.dana_at_a = make_membership(cls.dana, cls.a, Role.LAWYER)
        cls.michal_at_a = make_membership(cls.michal, cls.a, Role.MANAGER)
        cls.yael_at_a = make_membership(cls.yael, cls.a, Role.VOLUNTEER)
        cls.omar_at_b = make_membership(cls.omar, cls.b, Role.LAWYER)
        cls.boaz_at_b = make_membership(cls.boaz, cls.b, Role.MANAGER)
        cls.rina_at_a = make_membership(cls.rina, cls.a, Role.MANAGER)
        cls.rina_at_b = make_membership(cls.rina, cls.b, Role.MANAGER)


def url_patterns() -> list[tuple[str, URLPattern]]:
    """Every named URL pattern of the project as ("namespace:name", pattern)."""
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif p.name:
                found.append((f"{namespace}{p.name}", p))

    walk(get_resolver().url_patterns, "")
    return found


def has_object_id(pattern: URLPattern) -> bool:
    return bool(pattern.pattern.regex.groupindex)
