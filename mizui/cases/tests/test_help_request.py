""" "Ask the center for help" turns a resident's request into an inquiry of the right authority."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Inquiry
from mizui.lib.crypto import blind_index
from mizui.screening.models import Screening
from mizui.test import MizuiTestCase, login

FORM = {
    "authority": "beersheva-test",
    "full_name": "  מרים   בן חיים ",
    "phone": "052-123 4567",
    "preferred_language": "ru",
    "note": "קשה לי עם הטפסים",
    "consent_contact": "on",
}


class HelpRequestTests(MizuiTestCase):
    def setUp(self) -> None:
        cache.clear()

    def _answer_screener(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "beersheva-test"})
        self.client.post(
            reverse("screening:step", args=["household"]),
            {"birth_date": "1950-01-01", "has_partner": "no", "children_count": "0"},
        )

    def test_it_creates_an_inquiry_in_the_chosen_authority_with_the_screening(self) -> None:
        self._answer_screener()
        response = self.client.post(reverse("cases:help"), {**FORM, "consent_keep_answers": "on"})
        self.assertRedirects(response, reverse("cases:help-thanks"))
        self.assertContains(self.client.get(reverse("cases:help-thanks")), "באר שבע")
        with tenant_context(self.b):
            inquiry = Inquiry.objects.for_authority(self.b).get()
            self.assertEqual(
                (inquiry.full_name, inquiry.phone, inquiry.preferred_language), ("מרים בן חיים", "0521234567", "ru")
            )
            self.assertEqual(inquiry.phone_index, blind_index("0521234567", "phone"))
            assert inquiry.screening is not None
            self.assertEqual(inquiry.screening.household["members"][0]["birth_date"], "1950-01-01")
            self.assertTrue(inquiry.screening.result["programs"])
        with tenant_context(self.a):
            self.assertEqual(Inquiry.objects.for_authority(self.a).count(), 0)

    def test_staff_read_a_russian_speakers_screening_in_their_own_language(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "ru", "authority": "beersheva-test"})
        self.client.post(
            reverse("screening:step", args=["household"]),
            {"birth_date": "1950-01-01", "sex": "female", "has_partner": "no", "children_count": "0"},
        )
        self.client.post(reverse("cases:help"), {**FORM, "consent_keep_answers": "on"})
        with tenant_context(self.b):
            inquiry = Inquiry.objects.for_authority(self.b).get()
        staff = Client(HTTP_ACCEPT_LANGUAGE="he")
        login(staff, self.omar, authority=self.b)
        page = staff.get(reverse("cases:inquiry", kwargs={"pk": inquiry.pk}))
        found = page.content.decode().split("</h2>", 2)[1] if "</h2>" in page.content.decode() else ""
        self.assertIn("קצבת אזרח ותיק", found)  # the right's Hebrew name, though the resident answered in Russian
        self.assertIn("כנראה זכאי/ת", found)
        self.assertNotIn("eligible", found)
        self.assertNotIn("Пенсия", found)
        self.assertContains(page, '<dd><span lang="ru" dir="ltr">Русский</span></dd>', html=False)

    def test_it_keeps_no_answers_without_consent(self) -> None:
        self._answer_screener()
        self.client.post(reverse("cases:help"), FORM)
        with tenant_context(self.b):
            self.assertIsNone(Inquiry.objects.for_authority(self.b).get().screening)
            self.assertEqual(Screening.objects.for_authority(self.b).count(), 0)

    def test_it_stores_name_and_phone_encrypted(self) -> None:
        self.client.post(reverse("cases:help"), FORM)
        with tenant_context(self.b), connection.cursor() as cursor:
            cursor.execute("SELECT full_name, phone, note FROM cases_inquiry")
            raw = " ".join(cursor.fetchone())
        for secret in ("מרים", "0521234567", "הטפסים"):
            self.assertNotIn(secret, raw)

    def test_it_refuses_without_consent_to_be_contacted_and_saves_nothing(self) -> None:
        page = self.client.post(reverse("cases:help"), {**FORM, "consent_contact": ""})
        self.assertContains(page, "בלי הסכמה ליצירת קשר לא נוכל לחזור אליכם")
        with tenant_context(self.b):
            self.assertEqual(Inquiry.objects.for_authority(self.b).count(), 0)

    def test_it_explains_a_phone_number_it_cannot_use(self) -> None:
        page = self.client.post(reverse("cases:help"), {**FORM, "phone": "12345"})
        self.assertContains(page, "מספר הטלפון לא נראה ישראלי")
        self.assertContains(page, 'aria-invalid="true"')
        with tenant_context(self.b):
            self.assertEqual(Inquiry.objects.for_authority(self.b).count(), 0)

    def test_it_keeps_personal_data_out_of_urls(self) -> None:
        response = self.client.post(reverse("cases:help"), FORM)
        self.assertNotIn("052", response["Location"])
        self.assertIn('method="post"', self.client.get(reverse("cases:help")).content.decode())

    def test_it_counts_submissions_not_views_and_gives_the_centers_phone_when_it_refuses(self) -> None:
        from mizui.accounts.models import Authority

        Authority.objects.filter(pk=self.b.pk).update(center_phone="08-555-0101", center_hours="א׳–ה׳ 8:30–16:00")
        for _ in range(25):  # reading the form (and coming back to it) is never refused
            self.assertEqual(self.client.get(reverse("cases:help")).status_code, 200)
        for _ in range(10):
            self.client.post(reverse("cases:help"), {**FORM, "phone": "12"})  # refused by the form: still counted
        refused = self.client.post(reverse("cases:help"), FORM)
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "08-555-0101", status_code=429)
        self.assertContains(refused, "א׳–ה׳ 8:30–16:00", status_code=429)  # and when someone answers
        self.assertEqual(self.client.get(reverse("cases:help")).status_code, 200)
        with tenant_context(self.b):
            self.assertEqual(Inquiry.objects.count(), 0)
