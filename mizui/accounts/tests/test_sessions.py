"""Sessions end after 30 idle minutes, 12 hours after login, and at once when a user is disabled."""

from __future__ import annotations

import time

import time_machine
from django.core.management import call_command
from django.urls import reverse

from mizui.accounts.models import Membership
from mizui.accounts.tenancy import tenant_context
from mizui.test import PASSWORD, MizuiTestCase, login, totp_code


class SessionTests(MizuiTestCase):
    def _sign_in(self, client, user) -> None:
        client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
        client.post(reverse("accounts:mfa"), {"token": totp_code(user)})
        self.assertEqual(client.get(reverse("accounts:home")).status_code, 200)

    def test_it_ends_a_session_after_30_idle_minutes(self) -> None:
        self._sign_in(self.client, self.dana)
        with time_machine.travel(time.time() + 29 * 60, tick=False):
            self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 200)
        with time_machine.travel(time.time() + 29 * 60 + 31 * 60, tick=False):
            response = self.client.get(reverse("accounts:home"))
        self.assertTrue(response["Location"].startswith(reverse("accounts:login")))

    def test_it_ends_a_session_12_hours_after_login_however_busy(self) -> None:
        self._sign_in(self.client, self.dana)
        start = time.time()
        for minutes in range(20, 12 * 60, 20):  # a request every 20 minutes, never idle
            with time_machine.travel(start + minutes * 60, tick=False):
                self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 200, minutes)
        with time_machine.travel(start + 12 * 60 * 60 + 60, tick=False):
            response = self.client.get(reverse("accounts:home"))
        self.assertTrue(response["Location"].startswith(reverse("accounts:login")))

    def test_it_ends_every_session_of_a_deactivated_member(self) -> None:
        self._sign_in(self.client, self.dana)
        manager = self.client_class()
        login(manager, self.michal)
        response = manager.post(reverse("accounts:member-deactivate", kwargs={"pk": self.dana_at_a.pk}))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.client.get(reverse("accounts:home"))["Location"].startswith(reverse("accounts:login")))
        with tenant_context(self.a):
            self.assertFalse(Membership.objects.get(pk=self.dana_at_a.pk).is_active)

    def test_it_ends_every_session_of_a_disabled_user(self) -> None:
        self._sign_in(self.client, self.omar)
        call_command("disable_user", self.omar.email, stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertTrue(self.client.get(reverse("accounts:home"))["Location"].startswith(reverse("accounts:login")))
        again = self.client_class().post(reverse("accounts:login"), {"username": self.omar.email, "password": PASSWORD})
        self.assertContains(again, "הדוא״ל או הסיסמה שגויים")

    def test_it_logs_out_only_by_post(self) -> None:
        login(self.client, self.dana)
        self.assertEqual(self.client.get(reverse("accounts:logout")).status_code, 405)
        self.client.post(reverse("accounts:logout"))
        self.assertEqual(self.client.get(reverse("accounts:home")).status_code, 302)
