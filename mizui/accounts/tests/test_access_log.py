"""Every view of personal data is written down, and `access_report` answers "what did this user see"."""

from __future__ import annotations

import io
import json

from django.core.management import call_command
from django.http import Http404, HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import path, reverse

from mizui import urls as root_urls
from mizui.accounts.audit import log_access
from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.test import MizuiTestCase, formula_cells, login


def _refuse_own_object(request: HttpRequest) -> HttpResponse:
    """A view that logs a denial about the user's own, authority-less object and then raises (as a 404 does)."""
    log_access(request, AccessAction.DENIED, "passkey", "999", authority=None)
    raise Http404


urlpatterns = [path("refuse/", _refuse_own_object), *root_urls.urlpatterns]


class AccessLogTests(MizuiTestCase):
    def _entries(self, user, authority):
        with tenant_context(authority, user):
            return list(AccessLog.objects.filter(user=user, authority=authority).order_by("pk"))

    def test_it_records_who_viewed_which_member_with_request_id_and_ip(self) -> None:
        login(self.client, self.michal)
        response = self.client.get(
            reverse("accounts:member", kwargs={"pk": self.dana_at_a.pk}), REMOTE_ADDR="192.0.2.4"
        )
        self.assertEqual(response.status_code, 200)
        entry = self._entries(self.michal, self.a)[-1]
        self.assertEqual(
            (entry.action, entry.object_type, entry.object_id), ("view", "membership", str(self.dana_at_a.pk))
        )
        self.assertEqual(entry.request_id, response["X-Request-Id"])
        self.assertEqual(entry.ip, "192.0.2.4")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_the_reverse_proxy_it_records_the_residents_address_not_the_proxys(self) -> None:
        login(self.client, self.michal)
        self.client.get(
            reverse("accounts:member", kwargs={"pk": self.dana_at_a.pk}),
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.23",
        )
        self.assertEqual(self._entries(self.michal, self.a)[-1].ip, "198.51.100.23")

    @override_settings(ROOT_URLCONF=__name__)
    def test_a_view_that_raises_still_logs_what_it_refused_outside_any_authority(self) -> None:
        login(self.client, self.michal)
        self.assertEqual(self.client.get("/refuse/").status_code, 404)
        with tenant_context(None, self.michal):
            entry = AccessLog.objects.get(user=self.michal, object_type="passkey")
        self.assertEqual((entry.action, entry.authority_id), (AccessAction.DENIED, None))

    def test_it_records_a_role_denial(self) -> None:
        login(self.client, self.yael)
        self.assertEqual(self.client.get(reverse("accounts:team")).status_code, 403)
        self.assertEqual([e.action for e in self._entries(self.yael, self.a)], [AccessAction.DENIED])

    def test_it_shows_managers_their_authoritys_log_only(self) -> None:
        login(self.client, self.boaz)
        self.client.get(reverse("accounts:member", kwargs={"pk": self.omar_at_b.pk}))
        login(self.client, self.michal)
        self.client.get(reverse("accounts:member", kwargs={"pk": self.dana_at_a.pk}))
        page = self.client.get(reverse("accounts:access-log"))
        self.assertContains(page, self.michal.full_name)
        self.assertNotContains(page, self.boaz.full_name)

    def test_it_reports_what_a_user_saw_across_authorities(self) -> None:
        login(self.client, self.rina, authority=self.a)
        self.client.get(reverse("accounts:member", kwargs={"pk": self.dana_at_a.pk}))
        login(self.client, self.rina, authority=self.b)
        self.client.get(reverse("accounts:member", kwargs={"pk": self.omar_at_b.pk}))
        out, err = io.StringIO(), io.StringIO()
        call_command("access_report", user=self.rina.email, days=30, json=True, stdout=out, stderr=err)
        rows = [json.loads(line) for line in out.getvalue().splitlines()]
        seen = [(r["authority"], r["object_type"], r["object_id"]) for r in rows if r["action"] == "view"]
        self.assertIn(("ashdod-test", "membership", str(self.dana_at_a.pk)), seen)
        self.assertIn(("beersheva-test", "membership", str(self.omar_at_b.pk)), seen)
        self.assertIn(f"{len(rows)} entries", err.getvalue())

    def test_it_lists_nothing_for_a_user_who_saw_nothing(self) -> None:
        out, err = io.StringIO(), io.StringIO()
        call_command("access_report", user=self.yael.email, days=30, stdout=out, stderr=err)
        self.assertEqual(out.getvalue(), "")
        self.assertIn("0 entries", err.getvalue())

    def test_managers_download_the_log_as_csv_where_no_name_runs_as_a_formula(self) -> None:
        type(self.dana).objects.filter(pk=self.dana.pk).update(full_name='=HYPERLINK("http://x.example","דנה")')
        login(self.client, self.dana)
        self.client.get(reverse("accounts:home"))
        self.client.get(reverse("cases:barriers"))  # a volunteer is refused: a denial in the log, under her name
        login(self.client, self.michal)
        response = self.client.get(reverse("accounts:access-log-csv"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(formula_cells(response.content, "csv"), [])
        self.assertIn("HYPERLINK", response.content.decode("utf-8-sig"))
        with tenant_context(self.a):
            self.assertTrue(AccessLog.objects.filter(user=self.michal, action=AccessAction.EXPORT).exists())
        login(self.client, self.yael)
        self.assertEqual(self.client.get(reverse("accounts:access-log-csv")).status_code, 403)
