"""Password, then a second factor: enrolment, verification, recovery codes, and what the database keeps of them."""

from __future__ import annotations

import re
import time
from base64 import b32encode

from django.db import connection
from django.urls import reverse

from mizui.accounts.mfa import VERIFIED_AT, new_recovery_codes
from mizui.accounts.models import Passkey, RecoveryCode, RecoveryCodeDevice, Role, TOTPDevice, recovery_code_digest
from mizui.accounts.tests.factories import make_passkey
from mizui.test import PASSWORD, MizuiTestCase, login, make_membership, make_user, totp_code

CODES = re.compile(r"<li><code>([a-z0-9-]+)</code></li>")


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

        codes_page = self.client.post(location, {"token": totp_code_of(device)})
        codes = CODES.findall(codes_page.content.decode())
        self.assertEqual(len(codes), 10)
        self.assertTrue(all(re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", code) for code in codes))
        self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 200)
        self.assertEqual(CODES.findall(self.client.get(reverse("accounts:security")).content.decode()), [])

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
        good = self.client.post(reverse("accounts:mfa"), {"token": totp_code(self.dana), "next": "/staff/"})
        self.assertRedirects(good, reverse("accounts:home"))

    def test_it_accepts_a_code_only_once(self) -> None:
        code = totp_code(self.dana)
        self._password_login(self.dana.email)
        self.assertEqual(self.client.post(reverse("accounts:mfa"), {"token": code}).status_code, 302)
        self.client.post(reverse("accounts:logout"))
        self._password_login(self.dana.email)
        self.assertContains(self.client.post(reverse("accounts:mfa"), {"token": code}), "הקוד שגוי")

    def test_it_accepts_a_recovery_code_only_once(self) -> None:
        code = new_recovery_codes(self.dana)[0]
        self._password_login(self.dana.email)
        self.assertEqual(self.client.post(reverse("accounts:mfa"), {"token": code.upper()}).status_code, 302)
        self.client.post(reverse("accounts:logout"))
        self._password_login(self.dana.email)
        self.assertContains(self.client.post(reverse("accounts:mfa"), {"token": code}), "הקוד שגוי")

    def test_it_accepts_a_recovery_code_made_only_of_digits(self) -> None:
        device = RecoveryCodeDevice.objects.create(user=self.dana, name="recovery")
        RecoveryCode.objects.create(device=device, digest=recovery_code_digest(self.dana.pk, "23456789"))
        self._password_login(self.dana.email)  # an old django-otp code (8 characters of base32) can be all digits
        self.assertEqual(self.client.post(reverse("accounts:mfa"), {"token": "23456789"}).status_code, 302)

    def test_it_keeps_only_a_keyed_hash_of_recovery_codes(self) -> None:
        codes = new_recovery_codes(self.dana)
        stored = list(RecoveryCode.objects.filter(device__user=self.dana).values_list("digest", flat=True))
        self.assertEqual(len(stored), 10)
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM accounts_recoverycode")
            raw = repr(cursor.fetchall())
        for code in codes:
            self.assertNotIn(code.replace("-", ""), raw)
            self.assertNotIn(code, raw)

    def test_it_stores_the_totp_secret_encrypted(self) -> None:
        device = TOTPDevice.objects.get(user=self.dana)
        secret_hex = device.key
        secret_b32 = b32encode(device.bin_key).decode()
        with connection.cursor() as cursor:
            cursor.execute("SELECT key FROM accounts_totpdevice WHERE id = %s", [device.pk])
            (raw,) = cursor.fetchone()
        self.assertTrue(raw.startswith("gAAAAA"))  # a Fernet token
        self.assertNotIn(secret_hex, raw)
        self.assertNotIn(secret_hex.upper(), raw)
        self.assertNotIn(secret_b32, raw)
        self.assertEqual(TOTPDevice.objects.get(pk=device.pk).key, secret_hex)

    def test_it_asks_for_a_recent_second_factor_before_new_recovery_codes(self) -> None:
        login(self.client, self.dana)
        session = self.client.session
        session[VERIFIED_AT] = time.time() - 3600  # signed in an hour ago
        session.save()
        refused = self.client.post(reverse("accounts:recovery-codes"))
        self.assertTrue(refused["Location"].startswith(reverse("accounts:mfa")))
        self.assertIn("next=%2Faccounts%2Fsecurity%2F", refused["Location"])
        again = self.client.post(
            reverse("accounts:mfa"), {"token": totp_code(self.dana), "next": "/accounts/security/"}
        )
        self.assertRedirects(again, reverse("accounts:security"))
        granted = self.client.post(reverse("accounts:recovery-codes"))
        self.assertEqual(len(CODES.findall(granted.content.decode())), 10)


class SecurityPageTests(MizuiTestCase):
    def test_it_lists_the_factors_and_never_removes_the_last_one(self) -> None:
        login(self.client, self.michal)
        page = self.client.get(reverse("accounts:security"))
        self.assertContains(page, "אפליקציית אימות")
        response = self.client.post(reverse("accounts:totp-remove"), follow=True)
        self.assertContains(response, "אמצעי האימות היחיד שלך")
        self.assertTrue(TOTPDevice.objects.filter(user=self.michal).exists())

    def test_it_removes_a_factor_when_another_remains(self) -> None:
        passkey = make_passkey(self.michal)
        login(self.client, self.michal)
        self.assertContains(self.client.get(reverse("accounts:security")), "הטלפון שלי")
        self.client.post(reverse("accounts:passkey-remove", kwargs={"pk": passkey.pk}))
        self.assertFalse(Passkey.objects.filter(user=self.michal).exists())
        response = self.client.post(reverse("accounts:totp-remove"), follow=True)
        self.assertContains(response, "אמצעי האימות היחיד שלך")

    def test_it_asks_again_after_removing_the_factor_this_session_passed(self) -> None:
        make_passkey(self.michal)
        login(self.client, self.michal)  # with the app
        self.client.post(reverse("accounts:totp-remove"))
        self.assertFalse(TOTPDevice.objects.filter(user=self.michal).exists())
        response = self.client.get(reverse("accounts:home"))
        self.assertTrue(response["Location"].startswith(reverse("accounts:mfa")))

    def test_it_answers_404_for_someone_elses_passkey(self) -> None:
        passkey = make_passkey(self.dana)
        login(self.client, self.michal)  # Dana's manager, in the same authority
        response = self.client.post(reverse("accounts:passkey-remove", kwargs={"pk": passkey.pk}))
        self.assertEqual(response.status_code, 404)

    def test_it_opens_only_after_a_recent_second_factor(self) -> None:
        login(self.client, self.michal)
        session = self.client.session
        session[VERIFIED_AT] = time.time() - 3600
        session.save()
        response = self.client.get(reverse("accounts:security"))
        self.assertTrue(response["Location"].startswith(reverse("accounts:mfa")))


def totp_code_of(device: TOTPDevice) -> str:
    return f"{device.totp(time.time()).token():06d}"
