"""Every page needs a login, and every staff page a second factor, except the listed public ones."""

from __future__ import annotations

from django.urls import reverse

from mizui.accounts.tests.test_access_matrix import OBJECT_URLS
from mizui.test import PAGE_KWARGS, PUBLIC_URLS, MizuiTestCase, login, url_patterns

# The JSON API is public by design: anonymous calls are rate-limited, keys are optional (docs/api.md).
PUBLIC = PUBLIC_URLS | {"api:openapi-json", "api:openapi-view", "api:api-root", "api:screenings", "api:rights"}
# Reachable after the password but before the second factor: the steps of MFA itself.
PASSWORD_ONLY = PUBLIC | {"accounts:mfa", "accounts:mfa-setup", "accounts:passkey-login", "accounts:passkey-register"}


def _url(test: MizuiTestCase, name: str) -> str:
    if name in OBJECT_URLS:
        return reverse(name, kwargs=OBJECT_URLS[name][1](test))
    return reverse(name, kwargs=PAGE_KWARGS.get(name))


class LoginRequiredTests(MizuiTestCase):
    def _request(self, url: str):
        response = self.client.get(url)
        if response.status_code == 405:  # a POST-only view
            response = self.client.post(url)
        return response

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        for name, _ in url_patterns():
            if name in PUBLIC:
                continue
            with self.subTest(url=name):
                response = self._request(_url(self, name))
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("accounts:login")), response["Location"])

    def test_it_asks_for_the_second_factor_before_any_staff_page(self) -> None:
        for name, _ in url_patterns():
            if name in PASSWORD_ONLY:
                continue
            with self.subTest(url=name):
                login(self.client, self.michal, verified=False)
                response = self._request(_url(self, name))
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("accounts:mfa")), response["Location"])

    def test_it_keeps_the_public_list_short_and_real(self) -> None:
        names = {name for name, _ in url_patterns()}
        self.assertEqual(PASSWORD_ONLY - names, set(), "allowlisted URLs that do not exist")

    def test_it_serves_the_public_pages_without_login(self) -> None:
        self.assertEqual(self.client.get(reverse("accounts:login")).status_code, 200)
        health = self.client.get(reverse("healthz")).json()
        self.assertEqual((health["status"], health["database"]), ("ok", "ok"))
