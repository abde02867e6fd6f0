"""Staff pages in the staff member's language: the one they chose (kept on their account, for every browser they
sign in from), else their browser's; the authority and language names in it, marked where they are in another."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from mizui.test import MizuiTestCase, login, make_inquiry


class StaffLanguageTests(MizuiTestCase):
    def test_staff_pages_follow_the_browsers_language_until_the_staff_member_chooses(self) -> None:
        browser = Client(HTTP_ACCEPT_LANGUAGE="ru")
        login(browser, self.michal, authority=self.a)
        page = browser.get(reverse("accounts:home"))
        self.assertEqual(page["Content-Language"], "ru")
        self.assertContains(page, '<html lang="ru" dir="ltr">', html=False)

    def test_the_language_a_staff_member_chooses_follows_them_to_another_browser(self) -> None:
        first = Client(HTTP_ACCEPT_LANGUAGE="he")
        login(first, self.michal, authority=self.a)
        first.post(reverse("set_language"), {"language": "ar", "next": reverse("accounts:home")})
        self.michal.refresh_from_db()
        self.assertEqual(self.michal.preferred_language, "ar")
        # Another browser that asks for Hebrew, with no language chosen on it: the staff member's own.
        other = Client(HTTP_ACCEPT_LANGUAGE="he")
        login(other, self.michal, authority=self.a)
        page = other.get(reverse("accounts:home"))
        self.assertEqual(page["Content-Language"], "ar")
        self.assertContains(page, '<html lang="ar" dir="rtl">', html=False)

    def test_signing_in_sets_the_chosen_language_on_the_browser(self) -> None:
        self.michal.preferred_language = "ru"
        self.michal.save(update_fields=["preferred_language"])
        browser = Client(HTTP_ACCEPT_LANGUAGE="he")
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"  # chosen on this browser some time before
        answer = browser.post(
            reverse("accounts:login"), {"username": self.michal.email, "password": "correct-horse-battery-staple"}
        )
        self.assertEqual(answer.cookies[settings.LANGUAGE_COOKIE_NAME].value, "ru")
        self.assertEqual(browser.get(answer["Location"])["Content-Language"], "ru")

    def test_a_visitor_who_is_not_signed_in_keeps_nothing_but_the_cookie(self) -> None:
        answer = self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertEqual(answer.cookies[settings.LANGUAGE_COOKIE_NAME].value, "en")
        self.michal.refresh_from_db()
        self.assertEqual(self.michal.preferred_language, "")

    def test_the_header_names_the_authority_in_the_page_language_or_marks_its_hebrew_name(self) -> None:
        self.a.name_ru = "Ашдод"
        self.a.save(update_fields=["name_ru"])
        browser = Client(HTTP_ACCEPT_LANGUAGE="ru")
        login(browser, self.michal, authority=self.a)
        page = browser.get(reverse("accounts:home")).content.decode()
        self.assertIn('<span class="authority-name">Ашдод</span>', page)
        self.assertNotIn("אשדוד", page)
        browser = Client(HTTP_ACCEPT_LANGUAGE="ar")  # no Arabic name stored: the Hebrew one, marked
        login(browser, self.michal, authority=self.a)
        page = browser.get(reverse("accounts:home")).content.decode()
        self.assertIn('<span class="authority-name"><bdi lang="he" dir="rtl">אשדוד</bdi></span>', page)

    def test_a_residents_language_is_named_in_itself_and_marked_as_such(self) -> None:
        make_inquiry(self.a, language="he")
        browser = Client(HTTP_ACCEPT_LANGUAGE="en")
        login(browser, self.michal, authority=self.a)
        page = browser.get(reverse("cases:inquiries"))
        self.assertContains(page, '<span lang="he" dir="rtl">עברית</span>', html=False)
        self.assertContains(page, "Inquiries")  # the page itself in English

    def test_a_partner_is_named_in_the_staff_members_language_or_marked_hebrew(self) -> None:
        from django.utils import translation

        from mizui.accounts.templatetags.mizui_forms import named
        from mizui.directory.models import Organization

        org = Organization(key="nii-x", name_he="המוסד לביטוח לאומי", translations={"ru": {"name": "Битуах леуми"}})
        with translation.override("ru"):
            self.assertEqual(named(org), "Битуах леуми")
        with translation.override("ar"):  # no Arabic name stored
            self.assertEqual(named(org), '<bdi lang="he" dir="rtl">המוסד לביטוח לאומי</bdi>')
        with translation.override("he"):
            self.assertEqual(named(org), "המוסד לביטוח לאומי")

    def test_a_case_page_names_its_rights_and_partners_in_the_staff_members_language(self) -> None:
        import eligibility
        from mizui.directory.models import Organization
        from mizui.test import make_case

        Organization.objects.create(key="shil-x", name_he="שי״ל", translations={"ru": {"name": "ШИЛ"}})
        case = make_case(self.a)  # one identified right: income support
        browser = Client(HTTP_ACCEPT_LANGUAGE="ru")
        login(browser, self.michal, authority=self.a)
        page = browser.get(reverse("cases:case", kwargs={"pk": case.pk})).content.decode()
        label = next(p["label"] for p in eligibility.programs("ru") if p["id"] == "income_support")
        referral_right = page.split('id="referral-entitlement"')[1].split("</select>")[0]
        self.assertIn(label, referral_right)
        self.assertIn(">ШИЛ</option>", page)  # a directory organization a barrier may name
        self.assertNotIn(">שי״ל</option>", page)
        # The resident link's page language: each language named in itself, marked as such.
        self.assertRegex(page, r'<option value="he"[^>]* lang="he" dir="rtl"[^>]*>עברית</option>')
