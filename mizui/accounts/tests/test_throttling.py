"""Wrong passwords slow an attacker down without letting them lock anyone else out."""

from __future__ import annotations

from django.urls import reverse

from mizui.test import PASSWORD, MizuiTestCase


class ThrottlingTests(MizuiTestCase):
    def _try(self, password: str, ip: str):
        return self.client.post(
            reverse("accounts:login"), {"username": self.michal.email, "password": password}, REMOTE_ADDR=ip
        )

    def test_it_locks_the_account_from_the_attackers_address_only(self) -> None:
        for _ in range(10):
            self._try("wrong-password", "203.0.113.9")
        blocked = self._try(PASSWORD, "203.0.113.9")
        self.assertContains(blocked, "יותר מדי ניסיונות", status_code=429)
        # The real manager, elsewhere, still gets in with the right password.
        ok = self._try(PASSWORD, "198.51.100.7")
        self.assertEqual(ok.status_code, 302)
        self.assertTrue(ok["Location"].startswith(reverse("accounts:mfa")))

    def test_it_lets_nine_mistakes_pass(self) -> None:
        for _ in range(9):
            self.assertEqual(self._try("wrong-password", "203.0.113.9").status_code, 200)
        self.assertEqual(self._try(PASSWORD, "203.0.113.9").status_code, 302)
