"""The staff directory pages: any member, Hebrew RTL, search, a bounded number of queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mizui.accounts.tenancy import tenant_context
from mizui.directory import demo
from mizui.directory.models import AuthorityLocation, Organization, Service
from mizui.test import MizuiTestCase, login


class DirectoryPageTests(MizuiTestCase):
    arnona: Service

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        demo.load([cls.a, cls.b])
        with tenant_context(cls.a):
            AuthorityLocation.objects.create(
                authority=cls.a,
                key="a-arnona",
                organization=Organization.objects.get(key="municipal-arnona"),
                name="מחלקת הארנונה של רשות א",
                city="אשדוד",
                phone="08-0000000",
            )
        cls.arnona = Service.objects.get(key="arnona-discounts")

    def _link(self, key: str) -> str:
        return f'href="{reverse("directory:service", kwargs={"pk": Service.objects.get(key=key).pk})}"'

    def test_it_lists_and_searches_services_for_any_member(self) -> None:
        login(self.client, self.yael)  # a volunteer
        page = self.client.get(reverse("directory:index"))
        self.assertContains(page, '<html lang="he" dir="rtl">')
        self.assertContains(page, self._link("nii-income-support"))
        found = self.client.get(reverse("directory:index"), {"q": "עמיגור"})
        self.assertContains(found, self._link("amigur-public-housing"))
        self.assertNotContains(found, self._link("nii-income-support"))

    def test_it_filters_by_right_and_by_taxonomy_term(self) -> None:
        login(self.client, self.dana)
        by_right = self.client.get(reverse("directory:index"), {"program": "income_support"})
        self.assertContains(by_right, self._link("nii-income-support"))
        self.assertNotContains(by_right, self._link("nii-general-disability"))
        by_term = self.client.get(reverse("directory:index"), {"term": "human_services:housing"})
        self.assertContains(by_term, self._link("amigur-public-housing"))  # a narrower term counts
        self.assertNotContains(by_term, self._link("nii-unemployment"))

    def test_it_shows_a_service_with_this_authoritys_own_branch_only(self) -> None:
        url = reverse("directory:service", kwargs={"pk": self.arnona.pk})
        login(self.client, self.dana)
        page = self.client.get(url)
        self.assertContains(page, "מחלקת הארנונה של רשות א")
        self.assertContains(page, "הנחה בארנונה לפי מבחן הכנסה")
        login(self.client, self.omar)
        self.assertNotContains(self.client.get(url), "מחלקת הארנונה של רשות א")

    def test_it_answers_404_for_a_missing_service(self) -> None:
        login(self.client, self.dana)
        self.assertEqual(self.client.get(reverse("directory:service", kwargs={"pk": 999999})).status_code, 404)

    def test_it_needs_a_login(self) -> None:
        for url in (reverse("directory:index"), reverse("directory:service", kwargs={"pk": self.arnona.pk})):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("accounts:login")))

    def test_it_keeps_pages_to_a_fixed_number_of_queries(self) -> None:
        login(self.client, self.michal)
        urls = [reverse("directory:index"), reverse("directory:service", kwargs={"pk": self.arnona.pk})]

        def queries() -> list[int]:
            counts = []
            for url in urls:
                with CaptureQueriesContext(connection) as captured:
                    self.assertEqual(self.client.get(url).status_code, 200)
                counts.append(len(captured))
            return counts

        before = queries()
        organization = self.arnona.organization
        for i in range(5):
            Service.objects.create(
                key=f"extra-{i}", organization=organization, name_he=f"שירות {i}", programs=["arnona_blind"]
            )
        self.assertEqual(queries(), before)
        self.assertLessEqual(max(before), 15)
