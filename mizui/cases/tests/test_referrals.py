"""Referrals: no consent no referral; the partner's signed link (opened, answered, tampered, expired, closed),
sent by e-mail or SMS; the partner's decision document and the downloads of what the center shared."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any
from unittest import mock

import time_machine
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mizui.accounts.models import AccessAction, AccessLog, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import (
    Basis,
    ConsentMethod,
    ConsentPurpose,
    Decision,
    Document,
    Entitlement,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    Stage,
    Task,
    TaskKind,
)
from mizui.cases.services import Step, advance, assign, give_consent
from mizui.cases.services import referrals as service
from mizui.cases.services.documents import DocumentRejected, evidence_document
from mizui.cases.tests.factories import EXE, PDF, PNG, make_document
from mizui.directory.models import Contact, Organization, Service
from mizui.lib.filecrypt import is_encrypted, open_decrypted
from mizui.lib.messaging import LocMemSMSBackend
from mizui.test import MizuiTestCase, login, make_case, make_user

PARTNER = "המוסד לביטוח לאומי"
NOW = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)


# Messages go out as background tasks (services/outbox.py); here each runs at once, inside the request.
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE)
class ReferralSetup(MizuiTestCase):
    """A lawyer's case with a submitted right, and a partner service to refer it to."""

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


class ReferralTests(ReferralSetup):
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


class EscalationTests(ReferralSetup):
    """SLA per partner: a referral left unanswered past it gives the case owner one follow-up task."""

    def _escalate(self, days: float) -> int:
        with time_machine.travel(NOW + dt.timedelta(days=days), tick=False):
            return service.escalate_overdue_referrals.call(self.a.pk)

    def _tasks(self) -> list[tuple[int, str]]:
        with tenant_context(self.a):
            return list(Task.objects.filter(kind=TaskKind.FOLLOW_UP).values_list("owner_id", "title"))

    def test_it_escalates_once_to_the_lawyer_after_the_default_sla(self) -> None:
        self._consent()
        self._send()
        self.assertEqual(self._escalate(13.9), 0)
        self.assertEqual(self._escalate(14.1), 1)
        self.assertEqual(self._escalate(20), 0)  # idempotent
        [(owner, title)] = self._tasks()
        self.assertEqual(owner, self.dana.pk)
        self.assertIn(PARTNER, title)
        self.assertIsNotNone(self._referral().escalated_at)

    def test_it_uses_the_partners_own_sla(self) -> None:
        Organization.objects.filter(pk=self.service.organization_id).update(sla_days=3)
        self._consent()
        self._send()
        self.assertEqual(self._escalate(2.9), 0)
        self.assertEqual(self._escalate(3.1), 1)

    def test_it_does_not_escalate_an_answered_or_closed_referral(self) -> None:
        self._consent()
        path = self._send()
        self.client.post(path, {"status": "received"})
        self.assertEqual(self._escalate(30), 0)
        self.assertEqual(self._tasks(), [])

    def test_it_falls_back_to_the_coordinator_without_a_lawyer(self) -> None:
        coordinator = make_user("coord@a.test", "רון מזרחי")
        self._consent()
        self._send()
        with tenant_context(self.a):
            assign(self.michal, self.case, lawyer=None, coordinator=coordinator, volunteer=None)
        self.assertEqual(self._escalate(15), 1)
        self.assertEqual([owner for owner, _title in self._tasks()], [coordinator.pk])

    def test_the_command_escalates_every_authority_and_can_enqueue(self) -> None:
        self._consent()
        self._send()
        out = StringIO()
        with time_machine.travel(NOW + dt.timedelta(days=15), tick=False):
            call_command("escalate_referrals", stdout=out)
            call_command("escalate_referrals", stdout=out)
        self.assertIn(f"{self.a.slug}: 1 overdue referrals escalated", out.getvalue())
        self.assertEqual(len(self._tasks()), 1)
        with self.settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            call_command("escalate_referrals", "--authority", self.b.slug, "--enqueue", stdout=out)
        self.assertEqual(
            list(DBTaskResult.objects.values_list("args_kwargs", flat=True)), [{"args": [self.b.pk], "kwargs": {}}]
        )


class PartnerDashboardTests(ReferralSetup):
    def _row(
        self,
        *,
        days_ago: float,
        status: str = "sent",
        answered_after: float | None = None,
        authority: Authority | None = None,
        to: Service | None = None,
    ) -> None:
        """A referral row sent `days_ago`, first answered `answered_after` days after sending (or not)."""
        authority = authority or self.a
        case = self.case if authority == self.a else make_case(authority, lawyer=self.omar)
        sent_at = NOW - dt.timedelta(days=days_ago)
        with tenant_context(authority):
            Referral.objects.create(
                authority=authority,
                case=case,
                service=to or self.service,
                reason="x",
                status=status,
                sent_by=self.dana,
                sent_at=sent_at,
                first_answer_at=None if answered_after is None else sent_at + dt.timedelta(days=answered_after),
                token_hash="0" * 64,
                expires_at=sent_at + dt.timedelta(days=14),
            )

    def test_it_counts_open_overdue_median_and_closure_per_partner_for_this_authority_only(self) -> None:
        self._row(days_ago=30, status="approved", answered_after=2)
        self._row(days_ago=20)  # overdue: no answer in 14 days
        self._row(days_ago=10, status="received", answered_after=4)
        self._row(days_ago=5)  # open, within the SLA
        self._row(days_ago=40, authority=self.b)  # another authority's
        amigur = Organization.objects.create(key="amigur-test", name_he="עמיגור", sla_days=3)
        housing = Service.objects.create(key="amigur-housing-test", organization=amigur, name_he="דיור ציבורי")
        self._row(days_ago=4, to=housing)
        with tenant_context(self.a):
            [nii, other] = service.partner_dashboard(self.a, NOW)
        self.assertEqual(
            (nii.organization, nii.sent, nii.open, nii.overdue, nii.median_days, nii.closure_rate),
            (PARTNER, 4, 3, 1, 3.0, 25),
        )
        self.assertEqual((other.organization, other.sent, other.overdue, other.median_days), ("עמיגור", 1, 1, None))
        with tenant_context(self.b):
            self.assertEqual(service.partner_dashboard(self.b, NOW)[0].sent, 1)

    def test_it_shows_the_page_in_a_fixed_number_of_queries(self) -> None:
        login(self.client, self.dana)
        url = reverse("cases:partners")
        self._row(days_ago=20)
        with CaptureQueriesContext(connection) as small:
            page = self.client.get(url)
        self.assertContains(page, PARTNER)
        self.assertContains(page, "data-overdue><strong>1</strong>", html=False)
        for n in range(8):
            org = Organization.objects.create(key=f"org-{n}", name_he=f"גוף {n}")
            other = Service.objects.create(key=f"svc-{n}", organization=org, name_he=f"שירות {n}")
            self._row(days_ago=n, to=other, status="approved", answered_after=n / 2)
        with CaptureQueriesContext(connection) as large:
            page = self.client.get(url)
        self.assertContains(page, "גוף 7")
        self.assertEqual(len(large), len(small))

    def test_it_is_for_staff_roles_only_and_in_the_navigation(self) -> None:
        login(self.client, self.yael)  # a volunteer
        self.assertEqual(self.client.get(reverse("cases:partners")).status_code, 403)
        login(self.client, self.dana)
        page = self.client.get(reverse("accounts:home"), follow=True)
        self.assertContains(page, f'href="{reverse("cases:partners")}"')
        empty = self.client.get(reverse("cases:partners"))
        self.assertContains(empty, "המרכז עדיין לא שלח הפניות.")


def _file(name: str, content: bytes) -> BytesIO:
    """A file as the partner's browser posts it."""
    file = BytesIO(content)
    file.name = name
    return file


class PartnerDocumentTests(ReferralSetup):
    """Through the link the partner downloads what the center shared, and uploads its decision document."""

    def setUp(self) -> None:
        super().setUp()
        self.media = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="mizui-media-")))
        self.enterContext(self.settings(MEDIA_ROOT=str(self.media)))
        self._consent()
        with tenant_context(self.a):
            self.shared = make_document(self, self.a, self.dana, case=self.case, label="תלוש שכר", content=PNG)
            self.private = make_document(self, self.a, self.dana, case=self.case, label="דוח רפואי")
        login(self.client, self.dana)
        self.client.post(
            reverse("cases:referral-send", kwargs={"pk": self.case.pk}),
            {
                "service": self.service.pk,
                "entitlement": self.entitlement.pk,
                "reason": "בקשה לבדיקה",
                "documents": [self.shared.pk],
            },
        )
        self.client.logout()
        self.path = re.search(r"(/partner/r/\S+/)", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]

    def _download(self, pk: int, path: str = "") -> str:
        return f"{path or self.path}documents/{pk}/"

    def _files(self) -> list[bytes]:
        """The stored files' contents, each checked to be encrypted on disk."""
        stored = [p.read_bytes() for p in self.media.rglob("*") if p.is_file()]
        self.assertTrue(all(is_encrypted(data) for data in stored))
        return sorted(open_decrypted(BytesIO(data)).read() for data in stored)

    def _log(self, action: str, object_type: str) -> list[tuple[int | None, str]]:
        with tenant_context(self.a):
            rows = AccessLog.objects.filter(action=action, object_type=object_type).order_by("pk")
            return list(rows.values_list("user_id", "object_id"))

    def test_the_partner_downloads_a_shared_document_and_the_download_is_logged(self) -> None:
        page = self.client.get(self.path)
        self.assertContains(page, f'href="{self._download(self.shared.pk)}"')
        self.assertNotContains(page, "דוח רפואי")  # not shared with this partner
        response = self.client.get(self._download(self.shared.pk))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PNG)  # type: ignore[attr-defined]
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertRegex(response["Content-Disposition"], r'^attachment; filename="mizui-case\d+-document\d+\.png"$')
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("no-store", response["Cache-Control"])
        referral = self._referral()
        # The partner link is the actor: no user, the referral opened, and the document exported in that request.
        self.assertEqual(self._log(AccessAction.EXPORT, "document"), [(None, str(self.shared.pk))])
        self.assertEqual(self._log(AccessAction.VIEW, "referral"), [(None, str(referral.pk))] * 2)
        with tenant_context(self.a):
            export = AccessLog.objects.get(action=AccessAction.EXPORT)
            opened = AccessLog.objects.filter(action=AccessAction.VIEW).latest("pk")
        self.assertEqual((export.authority_id, export.request_id), (self.a.pk, opened.request_id))

    def test_any_other_document_id_is_not_found_through_the_link(self) -> None:
        others = {
            "a document of the same case not shared": self.private.pk,
            "another authority's document": make_document(self, self.b, self.omar).pk,
            "no such document": self.private.pk + 1000,
        }
        for name, pk in others.items():
            with self.subTest(name):
                self.assertEqual(self.client.get(self._download(pk)).status_code, 404)
        self.assertEqual(self._log(AccessAction.EXPORT, "document"), [])
        self.assertEqual(
            [pk for _user, pk in self._log(AccessAction.DENIED, "document")],
            [str(self.private.pk)] + [str(pk) for pk in list(others.values())[1:]],
        )

    def test_an_expired_tampered_or_closed_link_downloads_nothing(self) -> None:
        tampered = self.path.replace("/partner/r/", "/partner/r/x")
        with self.assertLogs("mizui.cases.views.referrals", "WARNING"):
            response = self.client.get(self._download(self.shared.pk, tampered))
        self.assertContains(response, "הקישור אינו תקין", status_code=403)
        with time_machine.travel(NOW + dt.timedelta(days=15), tick=False):
            response = self.client.get(self._download(self.shared.pk))
        self.assertContains(response, "תוקף הקישור פג", status_code=410)
        self.client.post(self.path, {"status": "denied", "denial_reason": "income"})
        response = self.client.get(self._download(self.shared.pk))
        self.assertContains(response, "ההפניה נסגרה", status_code=410)
        self.assertEqual(self._log(AccessAction.EXPORT, "document"), [])

    def test_a_partner_link_answers_and_uploads_only_up_to_its_quota(self) -> None:
        with self.settings(REFERRAL_LINK_ANSWERS=3, REFERRAL_LINK_UPLOADS=2):
            for _ in range(2):
                response = self.client.post(self.path, {"status": "in_progress", "document": _file("letter.pdf", PDF)})
                self.assertContains(response, "העדכון נשמר")
            refused = self.client.post(self.path, {"status": "in_progress", "document": _file("letter.pdf", PDF)})
            self.assertContains(refused, "המספר המרבי של מסמכים")
            self.assertContains(self.client.post(self.path, {"status": "in_progress"}), "העדכון נשמר")
            refused = self.client.post(self.path, {"status": "in_progress"})
            self.assertContains(refused, "מספר העדכונים המרבי")
        with tenant_context(self.a):
            partner = ReferralStatusChange.objects.filter(referral=self._referral(), by__isnull=True)
            self.assertEqual((partner.count(), partner.filter(document__isnull=False).count()), (3, 2))
            self.assertEqual(Document.objects.exclude(pk__in=[self.shared.pk, self.private.pk]).count(), 2)

    def test_the_partners_approval_letter_lands_on_the_case_and_confirms_the_money(self) -> None:
        response = self.client.post(
            self.path,
            {"status": "approved", "monthly_amount": "2150", "document": _file("approval.pdf", PDF)},
        )
        self.assertContains(response, "העדכון נשמר")
        referral = self._referral()
        with tenant_context(self.a):
            letter = Document.objects.exclude(pk__in=[self.shared.pk, self.private.pk]).get()
            change = ReferralStatusChange.objects.get(referral=referral, status="approved")
            self.entitlement.refresh_from_db()
            evidence = evidence_document(self.entitlement)
        self.assertEqual((letter.case_id, letter.entitlement_id), (self.case.pk, self.entitlement.pk))
        self.assertTrue(letter.is_decision_letter)
        self.assertEqual(letter.label, f"מכתב החלטה מאת {PARTNER}")
        self.assertEqual(letter.original_name, "approval.pdf")
        self.assertEqual((change.document_id, change.by_id), (letter.pk, None))
        # The letter, not just the referral, is the evidence of the confirmed money.
        self.assertEqual(
            (self.entitlement.decision, self.entitlement.basis, self.entitlement.monthly_amount),
            (Decision.APPROVED, Basis.CONFIRMED, Decimal(2150)),
        )
        self.assertEqual(evidence, letter)
        self.assertEqual(self._log(AccessAction.CREATE, "document")[-1], (None, str(letter.pk)))
        self.assertIn(PDF, self._files())
        # Staff see it in the case's documents and on the referral's history.
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk}))
        self.assertContains(page, f'<li data-document="{letter.pk}">', html=False)
        self.assertContains(page, f'data-partner-document="{letter.pk}"', html=False)
        self.assertContains(page, f"מכתב החלטה מאת {PARTNER}")

    def test_a_document_with_an_intermediate_answer_is_a_plain_case_document(self) -> None:
        self.client.post(self.path, {"status": "in_progress", "document": _file("request.png", PNG)})
        with tenant_context(self.a):
            document = Document.objects.exclude(pk__in=[self.shared.pk, self.private.pk]).get()
            self.entitlement.refresh_from_db()
        self.assertEqual((document.label, document.is_decision_letter), (f"מסמך מאת {PARTNER}", False))
        self.assertEqual(self.entitlement.stage, Stage.SUBMITTED)
        page = self.client.get(self.path)  # still open: the history shows the document came with the answer
        self.assertContains(page, "צורף מסמך")

    def test_a_refused_upload_says_why_and_changes_nothing(self) -> None:
        before = self._files()
        cases = {
            "a program called .pdf": (_file("approval.pdf", EXE), "תוכן הקובץ אינו PDF, JPEG, PNG או HEIC"),
            "an empty file": (_file("approval.pdf", b""), "הקובץ ריק"),
            "an oversized file": (_file("approval.pdf", PDF + b"0" * 2048), "הקובץ גדול מדי"),
            "a type it does not keep": (_file("approval.docx", PDF), "אפשר להעלות רק קובצי PDF"),
        }
        for name, (upload, message) in cases.items():
            with self.subTest(name), self.settings(DOCUMENT_MAX_BYTES=1024):
                response = self.client.post(
                    self.path, {"status": "approved", "monthly_amount": "2150", "document": upload}
                )
                self.assertContains(response, message)
                self.assertContains(response, 'name="document"')  # the form is still there to try again
                referral = self._referral()
                self.assertEqual((referral.status, referral.first_answer_at), (ReferralStatus.SENT, None))
                with tenant_context(self.a):
                    self.assertEqual(Document.objects.count(), 2)
                    self.assertEqual(ReferralStatusChange.objects.count(), 1)
                    self.assertEqual(Entitlement.objects.get(pk=self.entitlement.pk).stage, Stage.SUBMITTED)
                self.assertEqual(self._files(), before)

    def test_the_service_refuses_a_traversal_name_before_writing(self) -> None:
        class RawName(SimpleUploadedFile):
            """A name that skipped the browser's and Django's clean-up (a future API client)."""

            def __init__(self) -> None:
                super().__init__("placeholder.pdf", PDF)
                self._name = "../../letter.pdf"

        referral = self._referral()
        with tenant_context(self.a), self.assertRaisesMessage(DocumentRejected, "שם הקובץ לא תקין"):
            service.answer_referral(None, referral, service.Answer(ReferralStatus.APPROVED), upload=RawName())
        self.assertEqual(self._referral().status, ReferralStatus.SENT)

    def test_the_document_and_the_status_change_stand_or_fall_together(self) -> None:
        before = self._files()
        failing = mock.patch.object(service, "_update_ledger", side_effect=service.ReferralError("הספר נכשל"))
        with failing:
            response = self.client.post(
                self.path, {"status": "approved", "monthly_amount": "2150", "document": _file("approval.pdf", PDF)}
            )
        self.assertContains(response, "הספר נכשל")
        self.assertContains(response, "נשלחה")  # the page shows the referral as it still is
        self.assertEqual(self._referral().status, ReferralStatus.SENT)
        with tenant_context(self.a):
            self.assertEqual(Document.objects.count(), 2)
            self.assertEqual(ReferralStatusChange.objects.count(), 1)
        self.assertEqual(self._files(), before)

    def test_an_expired_or_tampered_link_takes_no_upload(self) -> None:
        data = {"status": "approved", "monthly_amount": "2150"}
        tampered = self.path.replace("/partner/r/", "/partner/r/x")
        with self.assertLogs("mizui.cases.views.referrals", "WARNING"):
            response = self.client.post(tampered, {**data, "document": _file("approval.pdf", PDF)})
        self.assertEqual(response.status_code, 403)
        with time_machine.travel(NOW + dt.timedelta(days=15), tick=False):
            response = self.client.post(self.path, {**data, "document": _file("approval.pdf", PDF)})
        self.assertEqual(response.status_code, 410)
        with tenant_context(self.a):
            self.assertEqual(Document.objects.count(), 2)
        self.assertEqual(self._referral().status, ReferralStatus.SENT)


@override_settings(SMS_BACKEND="mizui.lib.messaging.LocMemSMSBackend")
class SMSLinkTests(ReferralSetup):
    def setUp(self) -> None:
        super().setUp()
        LocMemSMSBackend.outbox.clear()
        self.addCleanup(LocMemSMSBackend.outbox.clear)
        self._consent()

    def _post(self, channel: str) -> Any:
        login(self.client, self.dana)
        return self.client.post(
            reverse("cases:referral-send", kwargs={"pk": self.case.pk}),
            {"service": self.service.pk, "entitlement": self.entitlement.pk, "reason": "בקשה", "channel": channel},
            follow=True,
        )

    def test_it_texts_the_link_to_the_contacts_mobile_without_naming_the_resident(self) -> None:
        org = self.service.organization
        Contact.objects.create(key="nii-switchboard", organization=org, name="מוקד", phone="*6050")
        Contact.objects.create(
            key="nii-desk", organization=org, service=self.service, name="רכזת", phone="052-123 4567"
        )
        response = self._post("sms")
        self.assertContains(response, "ההפניה נשלחה לגוף השותף ב־SMS")
        self.assertEqual(mail.outbox, [])
        [sms] = LocMemSMSBackend.outbox
        self.assertEqual(sms.to, "0521234567")
        for personal in ("מרים", "בן חיים", "039337423", "בקשה"):
            self.assertNotIn(personal, sms.body)
        self.assertIn("הבטחת הכנסה", sms.body)
        self.assertLess(len(sms.body.split("http")[0]), 100)  # short, before the link
        match = re.search(r"https?://[^/\s]+(/partner/r/\S+/)", sms.body)
        assert match is not None
        self.assertEqual(self._referral().channel, "sms")
        self.client.logout()
        self.assertContains(self.client.get(match.group(1)), "בקשה")  # the texted link opens the referral

    def test_it_refuses_sms_without_a_mobile_in_the_directory_and_creates_nothing(self) -> None:
        Contact.objects.create(
            key="nii-landline", organization=self.service.organization, name="סניף", phone="08-1234567"
        )
        response = self._post("sms")
        # Said in the send form itself, opened, with the choices kept so the other channel is one click away.
        error = re.search(r"<p [^>]*data-referral-error>([^<]*)</p>", response.content.decode())
        assert error is not None, "the send form shows no error"
        self.assertIn("ההפניה לא נשלחה", error.group(1))
        self.assertIn("אין בספרייה טלפון נייד", error.group(1))
        self.assertContains(response, "<details open>", html=False)
        self.assertContains(response, 'name="channel" value="sms" id="referral-channel_1" checked', html=False)
        again = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk}))
        self.assertNotContains(again, "data-referral-error")  # said once
        with tenant_context(self.a):
            self.assertFalse(Referral.objects.exists())
        self.assertEqual((LocMemSMSBackend.outbox, mail.outbox), ([], []))

    def test_it_refuses_email_without_an_address_and_creates_nothing(self) -> None:
        Organization.objects.filter(pk=self.service.organization_id).update(email="")
        response = self._post("email")
        self.assertContains(response, "אין כתובת דוא״ל בספרייה")
        with tenant_context(self.a):
            self.assertFalse(Referral.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_the_send_form_offers_both_channels(self) -> None:
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk}))
        self.assertContains(page, 'name="channel" value="email"', html=False)
        self.assertContains(page, 'name="channel" value="sms"', html=False)
