"""A volunteer enrols a passkey instead of an authenticator app and signs in with it, in Chromium with its virtual
authenticator (a platform passkey with fingerprint-style user verification, driven over the DevTools protocol)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mizui.accounts.models import Passkey, Role
from mizui.test import PASSWORD, make_authority, make_membership, make_user, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password(page: Any, base: str, email: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.locator('[name="username"]').fill(email)
    page.locator('[name="password"]').fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_it_enrols_a_passkey_and_signs_in_with_it(browser: Any, live_server: Any, settings: Any) -> None:
    settings.WEBAUTHN_RP_ID = "localhost"
    base = live_server.url.replace("127.0.0.1", "localhost")  # a passkey's domain cannot be an IP address
    city = make_authority("ashdod-p", "אשדוד", 70)
    volunteer = make_user("volunteer@p.test", "יעל כהן", with_totp=False)
    make_membership(volunteer, city, Role.VOLUNTEER)

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="he-IL")
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )

    _password(page, base, volunteer.email)
    page.wait_for_url("**/accounts/mfa/setup/**")
    shoot(page, "passkey-setup-phone")
    page.get_by_label("שם למפתח (כדי לזהות אותו אחר כך)").fill("הטלפון שלי")
    page.get_by_role("button", name="יצירת מפתח גישה").click()
    page.get_by_role("heading", name="קודי השחזור שלך").wait_for()
    assert page.locator(".recovery-codes li").count() == 10
    page.get_by_role("link", name="שמרתי, אפשר להמשיך").click()
    page.wait_for_url("**/staff/")
    passkey = Passkey.objects.get(user=volunteer)
    assert passkey.name == "הטלפון שלי" and bytes(passkey.public_key)

    page.get_by_role("button", name="יציאה").click()
    page.wait_for_url("**/accounts/login/**")
    _password(page, base, volunteer.email)
    page.wait_for_url("**/accounts/mfa/**")
    shoot(page, "passkey-sign-in-phone")
    page.get_by_role("button", name="כניסה עם מפתח גישה").click()
    page.wait_for_url("**/staff/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("שלום")
    assert Passkey.objects.get(user=volunteer).last_used_at is not None

    page.goto(base + reverse("accounts:security"))
    assert "הטלפון שלי" in page.locator("main").inner_text()
    shoot(page, "passkey-security-phone")
    context.close()
