"""Consent picked from the directory, help-form consents on the file, the referral form's channels and fallback
(the printed letter with a QR code, the copied link), and the partner's page: identifiers by consent, the
caseworker's contact, no preselected status, fields with their status, and the referral again after saving."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import (
    Consent,
    ConsentMethod,
    ConsentPurpose,
    OutgoingMessage,
    Referral,
    ReferralStatus,
    SharedIdentifier,
)
from mizui.cases.services import give_consent, open_case, request_help
from mizui.directory.models import Organization, Service
from mizui.test import MizuiTestCase, login, make_case

NOW = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE)
class ConsentAndReferralTests(MizuiTestCase):
    moch: ClassVar[Organization]
    rent: ClassVar[Service]
    amidar: ClassVar[Service]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.moch = Organization.objects.create(
            key="moch-test", name_he="משרד הבינוי והשיכון", email="rent@moch.example.org", channels=["email", "letter"]
        )
        cls.rent = Service.objects.create(
            key="moch-rent-test",
            organization=cls.moch,
            name_he="סיוע בשכר דירה",
            taxonomy_terms=["human_services:housing", "human_services:money:financial_assistance"],
        )
        amidar = Organization.objects.create(
            key="amidar-test", name_he="עמידר", email="a@amidar.example.org", mobile="0525550101", channels=["sms"]
        )
        cls.amidar = Service.objects.create(
            key="amidar-housing-test",
            organization=amidar,
            name_he="דיור ציבורי",
            taxonomy_terms=["human_services:housing:public_housing"],
        )

    def setUp(self) -> None:
        self.enterContext(time_machine.travel(NOW, tick=False))
        self.case = make_case(self.a, lawyer=self.dana, id_number="039337423", birth_date=dt.date(1957, 3, 27))
        login(self.client, self.dana)

    def _consent(self, **fields: Any) -> Consent:
        with tenant_context(self.a):
            return give_consent(
                self.dana,
                resident=self.case.resident,
                purpose=ConsentPurpose.SHARE_PARTNER,
                method=ConsentMethod.SIGNATURE,
                **fields,
            )

    def _send(self, service: Service, channel: str, **extra: str) -> Any:
        return self.client.post(
            reverse("cases:referral-send", kwargs={"pk": self.case.pk}),
            {"service": service.pk, "reason": "בקשה לסיוע", "channel": channel, **extra},
            follow=True,
        )

    def _referrals(self) -> list[Referral]:
        with tenant_context(self.a):
            return list(Referral.objects.filter(case=self.case).order_by("pk"))

    def test_a_consent_picked_from_the_directory_unlocks_the_ministry_by_its_full_name(self) -> None:
        self._consent(partner="משרד השיכון")  # the old free text: matches no organization's name
        refused = self._send(self.rent, "email")
        self.assertContains(refused, "אין הסכמה בתוקף")
        self.assertEqual(self._referrals(), [])
        self._consent(organization=self.moch, expires_on=dt.date(2026, 12, 31), reason="סיוע בשכר דירה")
        self.assertContains(self._send(self.rent, "email"), "ההפניה נשלחה לגוף השותף")
        self.assertEqual([m.to for m in mail.outbox], [["rent@moch.example.org"]])

    def test_a_consent_for_a_type_of_agency_covers_every_partner_of_that_type(self) -> None:
        self._consent(agency_type="human_services:housing")
        self._send(self.amidar, "sms")
        [referral] = self._referrals()
        self.assertEqual((referral.service_id, referral.channel), (self.amidar.pk, "sms"))
        other = Service.objects.create(
            key="welfare-test", organization=self.moch, name_he="רווחה", taxonomy_terms=["human_services:care"]
        )
        self.assertContains(self._send(other, "email"), "אין הסכמה בתוקף")

    def test_the_send_form_shows_each_partners_channels_and_refuses_without_ping_pong(self) -> None:
        self._consent(organization=self.moch)
        page = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk})).content.decode()
        self.assertIn("משרד הבינוי והשיכון · סיוע בשכר דירה (מקבל: דוא״ל)", page)
        self.assertIn("עמידר · דיור ציבורי (מקבל: SMS)", page)
        self.assertIn('name="channel" value="letter"', page)
        # The ministry takes no SMS: the error names e-mail, which works, and the letter; never "try SMS" back.
        error = self._error(self._send(self.rent, "sms"))
        self.assertIn("אינו מקבל הפניות בערוץ SMS", error)
        self.assertIn("אפשר לשלוח במקום ב: דוא״ל", error)
        Organization.objects.filter(pk=self.moch.pk).update(email="")
        error = self._error(self._send(self.rent, "email"))
        self.assertIn("אין כתובת דוא״ל בספרייה", error)
        self.assertNotIn("SMS", error)
        self.assertIn("מכתב מודפס או קישור", error)
        self.assertEqual(self._referrals(), [])

    def test_an_invalid_send_form_comes_back_with_its_summary_and_what_was_written(self) -> None:
        self._consent(organization=self.moch)
        response = self._send(self.rent, "email", contact_phone="not a phone")
        page = response.content.decode()
        self.assertIn("data-error-summary", page)
        self.assertIn("נא לכתוב מספר טלפון ישראלי", page)
        self.assertIn('id="referral-contact_phone_error"', page)  # the message at its field too
        self.assertIn("בקשה לסיוע</textarea>", page)  # the reason kept, across the redirect
        self.assertIn("<details open>", page)
        self.assertEqual(self._referrals(), [])
        again = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk})).content.decode()
        self.assertNotIn("data-error-summary", again)  # said once

    def _error(self, response: Any) -> str:
        match = re.search(r"<p [^>]*data-referral-error>([^<]*)</p>", response.content.decode())
        assert match is not None, "the send form shows no error"
        return match.group(1)

    def test_the_fallback_keeps_the_link_to_copy_and_prints_a_letter_with_a_qr_code(self) -> None:
        self._consent(organization=self.moch, identifiers=[SharedIdentifier.ID_NUMBER])
        Organization.objects.filter(pk=self.moch.pk).update(email="")
        response = self._send(self.rent, "letter", contact_phone="08-6543210")
        self.assertContains(response, "אפשר להעתיק את הקישור או להדפיס את מכתב ההפניה")
        [referral] = self._referrals()
        with tenant_context(self.a):
            self.assertFalse(OutgoingMessage.objects.exists())  # nothing sent
        self.assertEqual(mail.outbox, [])
        self.assertIn("/partner/r/", referral.link)
        self.assertContains(response, f'value="{referral.link}"', html=False)
        letter = self.client.get(reverse("cases:referral-letter", kwargs={"pk": referral.pk}) + "?lang=ar")
        body = letter.content.decode()
        self.assertIn('<html lang="ar" dir="rtl">', body)
        self.assertIn("<svg", body)
        self.assertIn("039337423", body)  # the consent allows the ID number
        self.assertNotIn("27.03.1957", body)  # ... not the birth date
        self.assertIn("086543210", body)
        self.assertTrue(
            AccessLog.objects.filter(
                action=AccessAction.VIEW, object_type="resident", object_id=str(self.case.resident_id)
            ).exists()
        )
        self.client.logout()
        self.assertEqual(self.client.get(referral.link.split("testserver")[-1]).status_code, 200)

    def test_the_partner_sees_what_the_consent_allows_and_the_caseworker(self) -> None:
        self._consent(organization=self.moch, identifiers=["id_number", "birth_date"])
        self._send(self.rent, "email", contact_phone="050-5550123")
        path = re.search(r"(/partner/r/\S+/)", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]
        self.client.logout()
        page = self.client.get(path).content.decode()
        self.assertIn("מרים בן חיים", page)
        self.assertIn("039337423", page)
        self.assertIn("27.03.1957", page)
        self.assertIn("דנה", page)
        self.assertIn("0505550123", page)
        self.assertNotIn("checked", page)  # no status chosen beforehand
        self.assertIn('data-reveal-when="status" data-reveal-value="approved"', page)
        self.assertIn('data-reveal-when="status" data-reveal-value="denied"', page)

        empty = self.client.post(path, {})
        self.assertContains(empty, "נא לבחור את מצב ההפניה")
        self.assertContains(empty, "data-error-summary")
        self.assertEqual(self._referrals()[0].status, ReferralStatus.SENT)

        saved = self.client.post(path, {"status": "in_progress", "monthly_amount": "900", "denial_reason": "income"})
        self.assertContains(saved, "data-answer-saved")
        self.assertContains(saved, "039337423")  # the referral again, as it is now
        self.assertContains(saved, 'name="status"')  # still open: the form again
        self.assertEqual(self._referrals()[0].status, ReferralStatus.IN_PROGRESS)

        approved = self.client.post(path, {"status": "approved", "monthly_amount": "1250"})
        self.assertContains(approved, "data-answer-saved")
        self.assertContains(approved, "data-referral-closed")

    def test_the_partner_sees_only_the_first_name_without_identifiers_in_the_consent(self) -> None:
        self._consent(organization=self.moch)
        self._send(self.rent, "email")
        path = re.search(r"(/partner/r/\S+/)", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]
        self.client.logout()
        page = self.client.get(path).content.decode()
        self.assertNotIn("039337423", page)
        self.assertNotIn("בן חיים", page)
        self.assertIn("מרים", page)


class HelpFormConsentTests(MizuiTestCase):
    def test_the_help_forms_consents_land_on_the_residents_file(self) -> None:
        inquiry = request_help(authority=self.a, full_name="סלמה חורי", phone="0525550199", language="ar")
        case = make_case(self.a, full_name="סלמה חורי")
        with tenant_context(self.a):
            inquiry.refresh_from_db()
            other = open_case(self.dana, resident=case.resident, topic="מיצוי", inquiry=inquiry)
            consents = list(Consent.objects.filter(resident=other.resident).values_list("purpose", "method"))
        self.assertEqual(consents, [(ConsentPurpose.CONTACT, ConsentMethod.FORM)])
