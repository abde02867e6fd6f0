"""Referrals: no consent no referral; the partner's signed link (opened, answered, tampered, expired, closed)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import time_machine
from django.core import mail, signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import (
    Basis,
    ConsentMethod,
    ConsentPurpose,
    Decision,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    Stage,
)
from mizui.cases.services import Step, advance, give_consent
from mizui.cases.services import referrals as service
from mizui.cases.tests.factories import make_document
from mizui.directory.models import Organization, Service
from mizui.test import MizuiTestCase, login, make_case

PARTNER = "המוסד לביטוח לאומי"
NOW = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)


class ReferralTests(MizuiTestCase):
    service: Service

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        org = Organization.objects.create(key="nii-test", name_he=PARTNER, email="branch@nii.test")
        cls.service = Service.objects.create(
            key="nii-income-support-test", organization=org, name_he="הבטחת הכנסה", programs=["income_support"]
        )

    def setUp(self) -> None:
        self.enterContext(time_machine.travel(NOW, tick=False))
        self.case = make_case(self.a, lawyer=self.dana, id_number="039337423")
        with tenant_context(self.a):
            self.entitlement = self.case.entitlements.get()
            advance(self.dana, self.entitlement, Step(stage=Stage.SUBMITTED, on=dt.date(2026, 2, 1)))

    def _consent(self, *, expires_on: dt.date | None = None, partner: str = PARTNER) -> None:
        with tenant_context(self.a):
            give_consent(
                self.dana,
                resident=self.case.resident,
                purpose=ConsentPurpose.SHARE_PARTNER,
                method=ConsentMethod.SIGNATURE,
                partner=partner,
                expires_on=expires_on,
            )

    def _send(self) -> str:
        """Send a referral from the case page; returns the path of the link in the partner's e-mail."""
        login(self.client, self.dana)
        response = self.client.post(
            reverse("cases:referral-send", kwargs={"pk": self.case.pk}),
            {"service": self.service.pk, "entitlement": self.entitlement.pk, "reason": "בקשה לבדיקה מחדש"},
        )
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertEqual(len(mail.outbox), 1, "the partner was not e-mailed")
        self.assertEqual(mail.outbox[0].to, ["branch@nii.test"])
        match = re.search(r"https?://[^/\s]+(/partner/r/\S+/)", str(mail.outbox[0].body))
        assert match is not None
        return match.group(1)

    def _referral(self) -> Referral:
        with tenant_context(self.a):
            return Referral.objects.select_related("entitlement").get(case=self.case)

    def test_it_refuses_a_referral_without_consent_and_creates_nothing(self) -> None:
        self._consent(partner="עמיגור")  # consent to another partner does not count
        login(self.client, self.dana)
        response = self.client.post(
            reverse("cases:referral-send", kwargs={"pk": self.case.pk}),
            {"service": self.service.pk, "reason": "x"},
            follow=True,
        )
        self.assertContains(response, "אין הסכמה בתוקף")
        with tenant_context(self.a):
            self.assertFalse(Referral.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_it_refuses_a_referral_when_the_consent_expired(self) -> None:
        self._consent(expires_on=dt.date(2026, 2, 28))
        login(self.client, self.dana)
        response = self.client.post(
            reverse("cases:referral-send", kwargs={"pk": self.case.pk}),
            {"service": self.service.pk, "reason": "x"},
            follow=True,
        )
        self.assertContains(response, "אין הסכמה בתוקף")
        with tenant_context(self.a):
            self.assertFalse(Referral.objects.exists())

    def test_it_shows_the_partner_only_what_the_referral_needs_and_logs_the_open(self) -> None:
        self._consent()
        document = make_document(self, self.a, self.dana, case=self.case, label="תלוש שכר")
        login(self.client, self.dana)
        self.client.post(
            reverse("cases:referral-send", kwargs={"pk": self.case.pk}),
            {"service": self.service.pk, "reason": "בקשה לבדיקה", "documents": [document.pk]},
        )
        self.client.logout()
        path = re.search(r"(/partner/r/\S+/)", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]
        page = self.client.get(path)
        self.assertContains(page, "מרים")
        self.assertContains(page, "תלוש שכר")
        self.assertContains(page, "בקשה לבדיקה")
        self.assertNotContains(page, "בן חיים")  # first name only
        self.assertNotContains(page, "039337423")
        self.assertEqual(page["Cache-Control"], "no-store")
        referral = self._referral()
        with tenant_context(self.a):
            opened = AccessLog.objects.get(action=AccessAction.VIEW, object_type="referral")
        self.assertEqual((opened.user_id, opened.authority_id, opened.object_id), (None, self.a.pk, str(referral.pk)))

    def test_it_confirms_the_money_when_the_partner_approves(self) -> None:
        self._consent()
        path = self._send()
        response = self.client.post(path, {"status": "approved", "note": "אושר", "monthly_amount": "2150"})
        self.assertContains(response, "העדכון נשמר")
        referral = self._referral()
        with tenant_context(self.a):
            self.entitlement.refresh_from_db()
            history = list(ReferralStatusChange.objects.filter(referral=referral).order_by("at", "pk"))
        self.assertEqual(
            (self.entitlement.stage, self.entitlement.decision, self.entitlement.basis),
            (Stage.DECIDED, Decision.APPROVED, Basis.CONFIRMED),
        )
        self.assertEqual(self.entitlement.monthly_amount, Decimal(2150))
        self.assertEqual(self.entitlement.evidence, f"partner:{referral.pk}")
        self.assertEqual([(c.status, c.by_id) for c in history], [("sent", self.dana.pk), ("approved", None)])
        self.assertEqual((referral.status, referral.first_answer_at), (ReferralStatus.APPROVED, timezone.now()))
        # Closed now: the link says so and takes no more answers.
        again = self.client.get(path)
        self.assertContains(again, "ההפניה נסגרה", status_code=410)

    def test_it_records_a_denial_with_its_reason(self) -> None:
        self._consent()
        path = self._send()
        self.client.post(path, {"status": "denied", "denial_reason": "income"})
        with tenant_context(self.a):
            self.entitlement.refresh_from_db()
        self.assertEqual((self.entitlement.decision, self.entitlement.denial_reason), ("denied", "income"))

    def test_it_keeps_intermediate_statuses_off_the_ledger(self) -> None:
        self._consent()
        path = self._send()
        self.client.post(path, {"status": "document_missing", "note": "חסר אישור תושבות"})
        referral = self._referral()
        self.assertEqual((referral.status, referral.entitlement.stage), ("document_missing", Stage.SUBMITTED))  # type: ignore[union-attr]
        self.assertContains(self.client.get(path), "חסר אישור תושבות")

    def test_it_refuses_a_tampered_link(self) -> None:
        self._consent()
        path = self._send()
        with self.assertLogs("mizui.cases.views.referrals", "WARNING"):
            response = self.client.get(path.replace("/partner/r/", "/partner/r/x"))
        self.assertContains(response, "הקישור אינו תקין", status_code=403)
        self.assertNotContains(response, "מרים", status_code=403)

    def test_it_refuses_an_expired_link(self) -> None:
        self._consent()
        path = self._send()
        with time_machine.travel(NOW + dt.timedelta(days=15), tick=False):
            response = self.client.get(path)
            self.assertContains(response, "תוקף הקישור פג", status_code=410)
            self.assertEqual(response["Cache-Control"], "no-store")

    def test_it_takes_the_tenant_from_the_signature_not_from_the_referral_id(self) -> None:
        self._consent()
        path = self._send()
        token = path.removeprefix("/partner/r/").removesuffix("/")
        claim = service.read_token(token)
        # A link validly signed for authority B, naming A's referral (even with its real nonce).
        forged = signing.TimestampSigner(salt=service.SALT).sign_object(
            {"a": self.b.pk, "r": claim.referral_id, "n": claim.nonce}, compress=True
        )
        response = self.client.get(reverse("cases:partner-referral", kwargs={"token": forged}))
        self.assertContains(response, "הקישור אינו תקין", status_code=403)
        self.assertNotContains(response, "מרים", status_code=403)
        self.assertNotContains(response, "בקשה לבדיקה", status_code=403)
        with tenant_context(self.b):
            denial = AccessLog.objects.get(action=AccessAction.DENIED, object_type="referral")
        self.assertEqual((denial.authority_id, denial.object_id), (self.b.pk, str(claim.referral_id)))

    def test_it_shows_the_referrals_on_the_case_page(self) -> None:
        self._consent()
        self._send()
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk}))
        self.assertContains(page, 'id="referrals-title"')
        self.assertContains(page, "נשלחה")

    def test_it_finds_no_referral_without_a_tenant_on_postgresql(self) -> None:
        if connection.vendor != "postgresql":
            self.skipTest("row-level security exists only on PostgreSQL")
        self._consent()
        self._send()
        with tenant_context(None):
            self.assertFalse(Referral.objects.exists())
            self.assertFalse(ReferralStatusChange.objects.exists())
        with tenant_context(self.b):
            self.assertFalse(Referral.objects.exists())
        with tenant_context(self.a):
            self.assertTrue(Referral.objects.exists())
