"""The public page: the partner services by need, in the resident's language, with each city's own offices."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from mizui.accounts.models import Authority
from mizui.directory import demo
from mizui.directory.models import Organization, Service
from mizui.directory.tests.factories import make_office
from mizui.test import make_authority


class PublicDirectoryTests(TestCase):
    ashdod: Authority
    beersheva: Authority

    @classmethod
    def setUpTestData(cls) -> None:
        cls.ashdod = make_authority("ashdod-demo", "אשדוד", 70, name_ru="Ашдод")
        cls.beersheva = make_authority("beersheva-demo", "באר שבע", 9000)
        demo.load([cls.ashdod, cls.beersheva])

    def _need(self, html: str, slug: str) -> str:
        """The section of one need on the page."""
        match = re.search(rf'<section id="{slug}".*?</section>', html, re.S)
        self.assertIsNotNone(match, slug)
        return match.group(0) if match else ""

    def test_it_lists_services_under_their_need_in_russian(self) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        page = self.client.get(reverse("directory:public"))
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn('<html lang="ru" dir="ltr">', html)
        housing = self._need(html, "human_services-housing")
        self.assertIn("Жильё", housing)
        # Amigur's service under its Russian name (stored with the directory), its branches' texts too.
        self.assertIn("Государственное жильё и жильё с обслуживанием («Амигур»)", housing)
        money = self._need(html, "human_services-money")
        self.assertIn("Финансовая помощь", money)
        self.assertRegex(money, r'<h3 id="[^"]+">Пособие по обеспечению прожиточного минимума</h3>')
        self.assertIn("Битуах леуми – отделение в Ашдоде", money)
        self.assertNotIn("גמלת הבטחת הכנסה", money)

    def test_a_name_with_no_translation_is_shown_in_hebrew_marked_and_titled_by_its_right(self) -> None:
        amigur = Service.objects.get(key="amigur-public-housing")
        amigur.translations = {}
        amigur.save(update_fields=["translations"])
        income = Service.objects.get(key="nii-income-support")
        income.translations = {"ar": income.translations["ar"]}
        income.save(update_fields=["translations"])
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        html = self.client.get(reverse("directory:public")).content.decode()
        self.assertIn(f'<bdi lang="he" dir="rtl">{amigur.name_he}</bdi>', self._need(html, "human_services-housing"))
        money = self._need(html, "human_services-money")
        # A service that grants one right is titled by it, as the screener names it, its Hebrew name below.
        self.assertRegex(money, r'<h3 id="[^"]+">Пособие по обеспечению прожиточного минимума</h3>')
        self.assertIn('<bdi lang="he" dir="rtl">גמלת הבטחת הכנסה</bdi>', money)

    def test_it_shows_how_to_reach_a_partner(self) -> None:
        page = self.client.get(reverse("directory:public"))
        self.assertContains(page, '<html lang="he" dir="rtl">')
        self.assertContains(page, 'href="tel:*3028"')
        self.assertContains(page, 'href="mailto:nii@example.org"')
        self.assertContains(page, "ביטוח לאומי – סניף באר שבע")  # every national branch, with no city chosen
        self.assertContains(page, "קבלת קהל בסניף בתיאום תור מראש")  # its hours

    def test_a_city_shows_its_own_offices_and_not_anothers(self) -> None:
        arnona = Organization.objects.get(key="municipal-arnona")
        make_office(self.ashdod, name="מחלקת הגבייה של אשדוד לבדיקה", organization=arnona)
        make_office(self.beersheva, name="מחלקת הגבייה של באר שבע לבדיקה", organization=arnona)
        page = self.client.get(reverse("directory:public"), {"city": "ashdod-demo"})
        self.assertContains(page, "מחלקת הגבייה של אשדוד לבדיקה")
        self.assertContains(page, "ביטוח לאומי – סניף אשדוד")
        self.assertNotContains(page, "מחלקת הגבייה של באר שבע לבדיקה")
        self.assertNotContains(page, "ביטוח לאומי – סניף באר שבע")
        self.assertNotContains(self.client.get(reverse("directory:public")), "מחלקת הגבייה של אשדוד לבדיקה")

    def test_an_unknown_city_is_an_error_at_its_field(self) -> None:
        page = self.client.get(reverse("directory:public"), {"city": "atlantis"})
        self.assertContains(page, "data-error-summary")
        self.assertContains(page, 'id="id_city_error"')

    def test_a_defunct_service_is_not_shown(self) -> None:
        Service.objects.filter(key="amigur-public-housing").update(status="defunct")
        page = self.client.get(reverse("directory:public"))
        self.assertNotContains(page, Service.objects.get(key="amigur-public-housing").name_he)

    def test_the_screeners_results_link_to_it_for_the_residents_city(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "ru", "authority": "ashdod-demo"})
        household = {"birth_date": "1954-03-01", "has_partner": "no", "children_count": "0"}
        self.client.post(reverse("screening:step", args=["household"]), household)
        results = self.client.get(reverse("screening:results"))
        link = f"{reverse('directory:public')}?city=ashdod-demo"
        self.assertContains(results, f'href="{link}"')
        page = self.client.get(link)
        self.assertContains(page, "Ашдод")

    def test_it_takes_a_fixed_number_of_queries(self) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def count() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(reverse("directory:public"), {"city": "ashdod-demo"}).status_code, 200)
            return len([q for q in captured.captured_queries if '"directory_' in q["sql"]])

        before = count()
        nii = Organization.objects.get(key="nii")
        for i in range(5):
            Service.objects.create(
                key=f"extra-{i}", organization=nii, name_he=f"שירות {i}", programs=["income_support"]
            )
        self.assertEqual(count(), before)
        self.assertLessEqual(before, 4)
