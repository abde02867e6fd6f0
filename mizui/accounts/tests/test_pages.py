"""The staff pages render for the roles that use them, right to left in Hebrew and Arabic."""

from __future__ import annotations

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mizui.accounts.models import Authority, Membership, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.test import MizuiTestCase, login, make_membership, make_user

STAFF_PAGES = ["accounts:home", "accounts:team", "accounts:access-log"]


class PageTests(MizuiTestCase):
    def test_it_renders_every_staff_page_in_hebrew_rtl_without_caching(self) -> None:
        login(self.client, self.michal)
        for name in STAFF_PAGES:
            with self.subTest(page=name):
                response = self.client.get(reverse(name))
                self.assertContains(response, '<html lang="he" dir="rtl">')
                self.assertEqual(response["Cache-Control"], "no-store, private")
                self.assertIn("frame-ancestors 'none'", response["Content-Security-Policy"])

    def test_it_renders_the_member_page(self) -> None:
        login(self.client, self.michal)
        response = self.client.get(reverse("accounts:member", kwargs={"pk": self.dana_at_a.pk}))
        self.assertContains(response, self.dana.email)

    def test_it_keeps_list_pages_to_a_fixed_number_of_queries(self) -> None:
        login(self.client, self.michal)

        def queries(name: str) -> int:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(reverse(name)).status_code, 200)
            return len(captured)

        before = {name: queries(name) for name in STAFF_PAGES}
        for i in range(6):  # more members and more log entries must not mean more queries
            make_membership(make_user(f"extra{i}@a.test", f"עובד {i}"), self.a, Role.VOLUNTEER)
            self.client.get(reverse("accounts:member", kwargs={"pk": self.dana_at_a.pk}))
        self.assertEqual({name: queries(name) for name in STAFF_PAGES}, before)

    def test_it_switches_language_and_direction(self) -> None:
        login(self.client, self.dana)
        expected = {
            "ar": 'lang="ar" dir="rtl"',
            "ru": 'lang="ru" dir="ltr"',
            "en": 'lang="en" dir="ltr"',
            "he": 'lang="he" dir="rtl"',
        }
        for code, html in expected.items():
            with self.subTest(language=code):
                self.client.post(reverse("set_language"), {"language": code, "next": "/staff/"})
                self.assertContains(self.client.get(reverse("accounts:home")), html)

    def test_it_lets_a_member_of_two_authorities_switch_between_them(self) -> None:
        login(self.client, self.rina)
        page = self.client.get(reverse("accounts:home"))
        self.assertContains(page, 'name="authority"')
        self.client.post(reverse("accounts:switch-authority"), {"authority": self.b.slug})
        self.assertContains(self.client.get(reverse("accounts:team")), self.omar.email)
        self.client.post(reverse("accounts:switch-authority"), {"authority": self.a.slug})
        team = self.client.get(reverse("accounts:team"))
        self.assertContains(team, self.dana.email)
        self.assertNotContains(team, self.omar.email)

    def test_it_refuses_to_switch_to_an_authority_without_membership(self) -> None:
        login(self.client, self.dana)
        response = self.client.post(reverse("accounts:switch-authority"), {"authority": self.b.slug}, follow=True)
        self.assertContains(response, "אין לך הרשאה ברשות הזו")
        self.assertNotContains(self.client.get(reverse("accounts:home")), "באר שבע")

    def test_it_tells_a_user_without_authority_what_to_do(self) -> None:
        loner = User.objects.create_user("loner@x.test", "x-password-123", full_name="בודד")
        login(self.client, loner)
        self.assertContains(self.client.get(reverse("accounts:home")), "לא משויך לאף רשות", status_code=403)


class DemoTests(TestCase):
    def test_it_refuses_to_load_the_demo_outside_demo_mode(self) -> None:
        with self.assertRaisesMessage(CommandError, "MIZUI_DEMO=1"):
            call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertFalse(User.objects.exists())

    @override_settings(MIZUI_DEMO=True)
    def test_it_loads_the_demo_twice_without_duplicates(self) -> None:
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        counts = (Authority.objects.count(), User.objects.count())
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual((Authority.objects.count(), User.objects.count()), counts)
        ashdod = Authority.objects.get(slug="ashdod-demo")
        with tenant_context(ashdod):
            roles = set(Membership.objects.filter(authority=ashdod).values_list("role", flat=True))
        self.assertEqual(
            roles, {"manager", "lawyer", "coordinator", "volunteer", "trustee", "analyst", "national", "admin"}
        )
