"""Wrong second-factor codes slow the guesser without letting them lock the real user out (ASVS 6.3.1)."""

from __future__ import annotations

import time

import time_machine
from django.test import Client
from django.urls import reverse

from mizui.accounts import mfa
from mizui.accounts.models import SecondFactorThrottle
from mizui.test import PASSWORD, MizuiTestCase, totp_code

ATTACKER = "203.0.113.9"
HOME = "198.51.100.7"


class MfaThrottlingTests(MizuiTestCase):
    def _client(self, ip: str) -> Client:
        """A browser at `ip` that has passed the password step as Michal (the attacker knows it, in these tests)."""
        client = Client(REMOTE_ADDR=ip)
        response = client.post(reverse("accounts:login"), {"username": self.michal.email, "password": PASSWORD})
        self.assertEqual(response.status_code, 302)
        return client

    def _code(self, client: Client, token: str):
        return client.post(reverse("accounts:mfa"), {"token": token})

    def test_it_slows_one_address_after_five_wrong_codes(self) -> None:
        client = self._client(ATTACKER)
        for _ in range(mfa.FREE_FAILURES):
            self.assertEqual(self._code(client, "000000").status_code, 200)
        held = self._code(client, totp_code(self.michal))  # even the right code waits its turn
        self.assertContains(held, "קודים שגויים ברצף", status_code=429)
        with time_machine.travel(time.time() + mfa.FIRST_WAIT_SECONDS + 1, tick=False):
            self.assertEqual(self._code(client, totp_code(self.michal)).status_code, 302)

    def test_it_never_holds_an_address_longer_than_the_cap(self) -> None:
        client = self._client(ATTACKER)
        start = time.time()
        for minute in range(40):  # 40 wrong codes, each after the wait the previous ones earned
            with time_machine.travel(start + minute * mfa.MAX_WAIT_SECONDS, tick=False):
                self.assertEqual(self._code(client, "000000").status_code, 200)
        with time_machine.travel(start + 40 * mfa.MAX_WAIT_SECONDS, tick=False):
            self.assertEqual(self._code(client, totp_code(self.michal)).status_code, 302)

    def test_it_lets_the_real_user_in_from_another_address_while_one_is_guessing(self) -> None:
        attacker = self._client(ATTACKER)
        for _ in range(30):
            self._code(attacker, "000000")
        self.assertEqual(self._code(attacker, "000000").status_code, 429)
        michal = self._client(HOME)
        self.assertEqual(self._code(michal, totp_code(self.michal)).status_code, 302)

    def test_it_caps_guesses_from_many_addresses_but_not_from_familiar_ones(self) -> None:
        # Michal signed in from home last week: her address is familiar.
        with time_machine.travel(time.time() - 7 * 24 * 3600, tick=False):
            self.assertEqual(self._code(self._client(HOME), totp_code(self.michal)).status_code, 302)
        # A botnet spreads its guesses so that no address is ever slowed down.
        for n in range(mfa.ACCOUNT_CEILING // 5):
            bot = self._client(f"203.0.113.{n + 10}")
            for _ in range(5):
                self.assertEqual(self._code(bot, "000000").status_code, 200)
        # Past the ceiling, a new address is held however right its code...
        held = self._code(self._client("192.0.2.200"), totp_code(self.michal))
        self.assertContains(held, "ניסיונות רבים לנחש קוד", status_code=429)
        # ...but Michal at home gets in, and the hold ends a day after the guessing stops.
        self.assertEqual(self._code(self._client(HOME), totp_code(self.michal)).status_code, 302)
        with time_machine.travel(time.time() + 24 * 3600 + 60, tick=False):
            self.assertEqual(self._code(self._client("192.0.2.200"), totp_code(self.michal)).status_code, 302)

    def test_it_keeps_no_address_in_clear(self) -> None:
        self._code(self._client(ATTACKER), "000000")
        row = SecondFactorThrottle.objects.get(user=self.michal)
        self.assertEqual(row.failures, 1)
        self.assertNotIn(ATTACKER, row.address)
        self.assertEqual(len(row.address), 64)
