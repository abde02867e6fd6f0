"""Password, then a second factor: enrolment, verification and recovery codes."""

from __future__ import annotations

import re
import time
from base64 import b32encode

import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from mizui.accounts.mfa import new_recovery_codes
from mizui.accounts.models import Role
from mizui.test import PASSWORD, MizuiTestCase, make_membership, make_user, totp_code


class MfaTests(MizuiTestCase):
    def _password_login(self, email: str) -> str:
        response = self.client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
        self.assertEqual(response.status_code, 302)
        return str(response["Location"])

    def test_it_enrols_a_new_user_and_shows_recovery_codes_once(self) -> None:
        newcomer = make_user("new@a.test", "עובדת חדשה", with_totp=False)
        make_membership(newcomer, self.a, Role.COORDINATOR)
        location = self._password_login("new@a.test")
        self.assertTrue(location.startswith(reverse("accounts:mfa-setup")))
        page = self.client.get(location)
        self.assertContains(page, "data:image/svg+xml")  # the QR code
        device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
        secret = b32encode(device.bin_key).decode()
        self.assertContains(page, " ".join(re.findall(".{1,4}", secret)))  # for typing in by hand

        wrong = self.client.post(location, {"token": "000000"})
        self.assertContains(wrong, "הקוד לא התאים")
        self.assertFalse(TOTPDevice.objects.get(pk=device.pk).confirmed)

        with time_machine.travel(time.time() + 5, tick=False):  # django-otp throttles right after a miss
            codes_page = self.client.post(location, {"token": f"{TOTP(device.bin_key).token():06d}"})
        codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page.content.decode())
        self.assertEqual(len(codes), 10)
        self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 200)

    def test_it_refuses_staff_pages_after_the_password_alone(self) -> None:
        location = self._password_login(self.dana.email)
        self.assertTrue(location.startswith(reverse("accounts:mfa")))
        response = self.client.get(reverse("accounts:home"))
        self.assertTrue(response["Location"].startswith(reverse("accounts:mfa")))
        # Not even the navigation (names of pages, the authority) before the second factor.
        mfa_page = self.client.get(location)
        self.assertNotContains(mfa_page, reverse("accounts:team"))
        self.assertNotContains(mfa_page, self.a.name_he)

    def test_it_accepts_the_current_code_and_rejects_a_wrong_one(self) -> None:
        self._password_login(self.dana.email)
        bad = self.client.post(reverse("accounts:mfa"), {"token": "123456"})
        self.assertContains(bad, "הקוד שגוי")
        with time_machine.travel(time.time() + 5, tick=False):  # django-otp throttles right after a miss
            good = self.client.post(reverse("accounts:mfa"), {"token": totp_code(self.dana), "next": "/staff/"})
        self.assertRedirects(good, reverse("accounts:home"))

    def test_it_accepts_a_recovery_code_only_once(self) -> None:
        code = new_recovery_codes(self.dana)[0]
        self._password_login(self.dana.email)
        self.assertEqual(self.client.post(reverse("accounts:mfa"), {"token": code}).status_code, 302)
        self.client.post(reverse("accounts:logout"))
        self._password_login(self.dana.email)
        self.assertContains(self.client.post(reverse("accounts:mfa"), {"token": code}), "הקוד שגוי")

    def test_it_asks_for_a_fresh_code_before_new_recovery_codes(self) -> None:
        self._password_login(self.dana.email)
        self.client.post(reverse("accounts:mfa"), {"token": totp_code(self.dana)})
        refused = self.client.post(reverse("accounts:recovery-codes"), {"token": "999999"}, follow=True)
        self.assertContains(refused, "יש להקליד קוד נוכחי")
        # A code is good once, so the fresh one comes from the next 30-second window.
        with time_machine.travel(time.time() + 60, tick=False):
            granted = self.client.post(reverse("accounts:recovery-codes"), {"token": totp_code(self.dana)})
        self.assertEqual(len(re.findall(r"<li><code>", granted.content.decode())), 10)
