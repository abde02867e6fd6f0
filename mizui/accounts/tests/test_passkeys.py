"""Passkeys as a second factor, server side, with a software authenticator in the test (test_browser_passkeys.py
does the same with Chromium's virtual authenticator)."""

from __future__ import annotations

import json
import re
from typing import Any

from django.test import override_settings
from django.urls import reverse

from mizui.accounts import passkeys
from mizui.accounts.models import Passkey, Role, TOTPDevice
from mizui.accounts.tests.factories import SoftwareAuthenticator, b64url
from mizui.test import PASSWORD, MizuiTestCase, make_membership, make_user, totp_code

OPTIONS = re.compile(r'<script id="passkey-options" type="application/json">(.*?)</script>', re.S)


def options_in(page: Any) -> dict[str, Any]:
    found = OPTIONS.search(page.content.decode())
    assert found is not None, "the page offers no passkey"
    return dict(json.loads(found.group(1)))


@override_settings(WEBAUTHN_RP_ID="testserver")
class PasskeyTests(MizuiTestCase):
    def setUp(self) -> None:
        self.phone = SoftwareAuthenticator(rp_id="testserver", origin="http://testserver")

    def _password_login(self, email: str) -> str:
        response = self.client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
        return str(response["Location"])

    def _enrol_volunteer(self) -> Any:
        """A new volunteer chooses a passkey instead of an app, right after the password."""
        volunteer = make_user("new-volunteer@a.test", "מתנדב חדש", with_totp=False)
        make_membership(volunteer, self.a, Role.VOLUNTEER)
        setup = self.client.get(self._password_login(volunteer.email))
        credential = self.phone.create(options_in(setup))
        codes = self.client.post(reverse("accounts:passkey-register"), {"credential": credential, "name": "הטלפון"})
        self.assertContains(codes, "קודי השחזור שלך")
        return volunteer

    def test_it_enrols_a_passkey_as_the_first_factor(self) -> None:
        volunteer = self._enrol_volunteer()
        passkey = Passkey.objects.get(user=volunteer)
        self.assertEqual((passkey.name, passkey.credential_id), ("הטלפון", b64url(self.phone.credential_id)))
        self.assertEqual(passkey.transports, ["internal"])
        self.assertFalse(TOTPDevice.objects.filter(user=volunteer, confirmed=True).exists())
        self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 200)

    def test_it_signs_in_with_the_passkey(self) -> None:
        volunteer = self._enrol_volunteer()
        self.client.post(reverse("accounts:logout"))
        location = self._password_login(volunteer.email)
        self.assertTrue(location.startswith(reverse("accounts:mfa")))
        page = self.client.get(location)
        options = options_in(page)
        self.assertEqual([c["id"] for c in options["allowCredentials"]], [b64url(self.phone.credential_id)])
        response = self.client.post(
            reverse("accounts:passkey-login"), {"credential": self.phone.get(options), "next": "/staff/"}
        )
        self.assertRedirects(response, reverse("accounts:home"))
        self.assertEqual(Passkey.objects.get(user=volunteer).sign_count, 1)

    def test_it_accepts_a_challenge_once(self) -> None:
        volunteer = self._enrol_volunteer()
        self.client.post(reverse("accounts:logout"))
        options = options_in(self.client.get(self._password_login(volunteer.email)))
        answer = self.phone.get(options)
        self.client.post(reverse("accounts:passkey-login"), {"credential": answer})
        self.client.post(reverse("accounts:logout"))
        self._password_login(volunteer.email)
        replayed = self.client.post(reverse("accounts:passkey-login"), {"credential": answer})
        self.assertTrue(replayed["Location"].startswith(reverse("accounts:mfa")))
        self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 302)

    def test_it_refuses_a_signature_made_for_another_site(self) -> None:
        volunteer = self._enrol_volunteer()
        self.client.post(reverse("accounts:logout"))
        options = options_in(self.client.get(self._password_login(volunteer.email)))
        self.phone.origin = "https://mizui.example.net"  # a look-alike site relaying our challenge
        self.client.post(reverse("accounts:passkey-login"), {"credential": self.phone.get(options)})
        self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 302)

    def test_it_refuses_another_users_passkey(self) -> None:
        self._enrol_volunteer()
        self.client.post(reverse("accounts:logout"))
        Passkey.objects.create(user=self.dana, name="x", credential_id=b64url(b"dana-key"), public_key=b"\x00")
        options = options_in(self.client.get(self._password_login(self.dana.email)))
        # The volunteer's phone answers Dana's challenge with the volunteer's own (valid) key.
        self.client.post(reverse("accounts:passkey-login"), {"credential": self.phone.get(options)})
        self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 302)

    def test_it_adds_a_passkey_beside_the_app_and_lists_it(self) -> None:
        self.client.post(reverse("accounts:login"), {"username": self.michal.email, "password": PASSWORD})
        self.client.post(reverse("accounts:mfa"), {"token": totp_code(self.michal)})
        setup = self.client.get(reverse("accounts:mfa-setup"))
        self.assertNotContains(setup, "data:image/svg+xml")  # she has an app already
        response = self.client.post(
            reverse("accounts:passkey-register"),
            {"credential": self.phone.create(options_in(setup)), "name": "מחשב העבודה"},
            follow=True,
        )
        self.assertContains(response, "מחשב העבודה")
        self.assertEqual(Passkey.objects.filter(user=self.michal).count(), 1)


class RelyingPartyTests(MizuiTestCase):
    @override_settings(WEBAUTHN_RP_ID="", SITE_ROOT="https://mizui.ashdod.muni.il")
    def test_it_takes_the_domain_from_site_root(self) -> None:
        self.assertEqual(passkeys.rp_id(), "mizui.ashdod.muni.il")

    @override_settings(WEBAUTHN_RP_ID="", SITE_ROOT="http://127.0.0.1:8000")
    def test_it_uses_localhost_for_a_laptops_address(self) -> None:
        self.assertEqual(passkeys.rp_id(), "localhost")

    @override_settings(WEBAUTHN_RP_ID="mizui.example.org", ALLOWED_HOSTS=["testserver", "app.mizui.example.org"])
    def test_it_offers_passkeys_only_on_their_domain(self) -> None:
        self.client.post(reverse("accounts:login"), {"username": self.dana.email, "password": PASSWORD})
        Passkey.objects.create(user=self.dana, name="x", credential_id=b64url(b"k"), public_key=b"\x00")
        self.assertNotContains(self.client.get(reverse("accounts:mfa")), "passkey-options")
        page = self.client.get(reverse("accounts:mfa"), headers={"host": "app.mizui.example.org"})
        self.assertContains(page, "passkey-options")
