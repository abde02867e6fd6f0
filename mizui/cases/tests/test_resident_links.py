"""The resident's own link (issue 22): their rights and amounts in their language, never another case's; refused
when expired, tampered with or revoked; uploads checked like staff uploads; no SMS for a sensitive resident; each
view in the access log."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import time_machine
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import (
    Decision,
    Document,
    Entitlement,
    OutgoingMessage,
    ResidentLink,
    ResidentLinkChannel,
    Sensitivity,
    Stage,
)
from mizui.cases.services import Step, add_task, advance
from mizui.cases.services import resident_links as service
from mizui.cases.tests.factories import EXE, PDF
from mizui.cases.views.resident_links import RATE
from mizui.lib.messaging import LocMemSMSBackend
from mizui.test import MizuiTestCase, login, make_case

NOW = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ID_CARD = "תעודת זהות וספח"  # the first document of income support's checklist, as stored


@override_settings(TASKS=IMMEDIATE, SMS_BACKEND="mizui.lib.messaging.LocMemSMSBackend")
class ResidentLinkTests(MizuiTestCase):
    def setUp(self) -> None:
        self.enterContext(time_machine.travel(NOW, tick=False))
        self.media = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="mizui-media-")))
        self.enterContext(self.settings(MEDIA_ROOT=str(self.media)))
        LocMemSMSBackend.outbox.clear()
        self.case = make_case(
            self.a, lawyer=self.dana, full_name="סמירה חורי", phone="052-1234567", preferred_language="ar"
        )
        with tenant_context(self.a):
            self.waiting = self.case.entitlements.get()
            advance(self.dana, self.waiting, Step(stage=Stage.DOCUMENTS, on=dt.date(2026, 2, 1)))
            self.approved = Entitlement.objects.create(
                authority=self.a,
                household=self.case.household,
                case=self.case,
                program="rent_assistance",
                agency="housing",
                stage=Stage.DECIDED,
                decision=Decision.APPROVED,
                monthly_amount=Decimal(1234),
                identified_on=dt.date(2026, 1, 1),
                decided_on=dt.date(2026, 2, 20),
            )
            add_task(self.dana, self.case, title="פגישה במרכז", due_on=dt.date(2026, 3, 10), owner=self.dana)

    def _issue(self, channel: str = "sms", language: str = "ar", case_pk: int | None = None) -> str:
        login(self.client, self.dana)
        response = self.client.post(
            reverse("cases:resident-link-issue", kwargs={"pk": case_pk or self.case.pk}),
            {"channel": channel, "page_language": language},
        )
        self.client.logout()
        if channel == "sms":
            self.assertEqual(response.status_code, 302)
            self.assertEqual(len(LocMemSMSBackend.outbox), 1)
            text = LocMemSMSBackend.outbox[-1].body
        else:
            self.assertEqual(response.status_code, 200)
            text = response.content.decode()
        match = re.search(r"https?://[^/\s\"]+(/my/[^\s\"]+/)", text)
        assert match is not None
        return match.group(1)

    def test_the_resident_sees_their_rights_and_amounts_in_arabic(self) -> None:
        path = self._issue()
        self.assertEqual(LocMemSMSBackend.outbox[0].to, "0521234567")
        self.assertEqual(LocMemSMSBackend.outbox[0].language, "ar")
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "no-store")
        html = response.content.decode()
        self.assertIn('lang="ar"', html)
        self.assertIn('dir="rtl"', html)
        self.assertIn("1,234", html)  # approved, a month
        self.assertIn("2,000", html)  # expected, a month
        self.assertIn("بطاقة الهوية مع الملحق", html)  # the missing ID card, in Arabic
        self.assertNotIn(ID_CARD, html)
        self.assertIn('data-next-appointment><time datetime="2026-03-10"', html)

    def test_another_cases_rights_are_never_shown(self) -> None:
        other = make_case(self.a, full_name="יוסי כהן", phone="0547654321")
        with tenant_context(self.a):
            Entitlement.objects.filter(case=other).update(monthly_amount=Decimal(9876))
        path = self._issue()
        html = self.client.get(path).content.decode()
        self.assertNotIn("9,876", html)
        self.assertNotIn("יוסי", html)
        # A link of the other case shows the other case only.
        LocMemSMSBackend.outbox.clear()
        other_path = self._issue(case_pk=other.pk)
        other_html = self.client.get(other_path).content.decode()
        self.assertIn("9,876", other_html)
        self.assertNotIn("1,234", other_html)

    def test_an_expired_tampered_or_revoked_link_is_refused_in_the_residents_language(self) -> None:
        path = self._issue()
        with time_machine.travel(NOW + dt.timedelta(days=31), tick=False):
            expired = self.client.get(path)
        self.assertEqual(expired.status_code, 410)
        self.assertIn('lang="ar"', expired.content.decode())
        self.assertNotIn("1,234", expired.content.decode())

        tampered = self.client.get(path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:])
        self.assertEqual(tampered.status_code, 403)
        self.assertIn('lang="ar"', tampered.content.decode())

        with tenant_context(self.a):
            link = ResidentLink.objects.get(case=self.case)
        login(self.client, self.dana)
        self.client.post(reverse("cases:resident-link-revoke", kwargs={"pk": link.pk}))
        self.client.logout()
        revoked = self.client.get(path)
        self.assertEqual(revoked.status_code, 410)
        self.assertIn('lang="ar"', revoked.content.decode())
        self.assertNotIn("1,234", revoked.content.decode())

    def test_a_bad_file_is_refused_at_the_field_and_nothing_is_stored(self) -> None:
        path = self._issue()
        choice = f"{self.waiting.pk}:0"
        response = self.client.post(
            path, {"document": choice, "file": SimpleUploadedFile("id.pdf", EXE, content_type="application/pdf")}
        )
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('id="id_file_error"', html)
        with tenant_context(self.a):
            self.assertFalse(Document.objects.filter(case=self.case).exists())
        self.assertEqual(list(self.media.rglob("*.*")), [])

    def test_a_good_upload_appears_on_the_staff_case_page(self) -> None:
        path = self._issue()
        choice = f"{self.waiting.pk}:0"
        response = self.client.post(
            path, {"document": choice, "file": SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf")}
        )
        self.assertContains(response, "data-upload-saved")
        with tenant_context(self.a):
            document = Document.objects.get(case=self.case)
            self.assertEqual((document.label, document.entitlement_id), (ID_CARD, self.waiting.pk))
            self.assertTrue(
                AccessLog.objects.filter(
                    user=None, action=AccessAction.CREATE, object_type="document", object_id=str(document.pk)
                ).exists()
            )
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk}))
        self.assertContains(page, reverse("cases:document-download", kwargs={"pk": document.pk}))
        # The caseworker's queue shows a task to look at it; the resident's next appointment is still the meeting.
        queue = self.client.get(reverse("cases:queue", kwargs={"name": "mine"}))
        self.assertContains(queue, f"{ID_CARD}")
        self.assertContains(self.client.get(path), 'data-next-appointment><time datetime="2026-03-10"')

    def test_a_sensitive_resident_gets_no_sms_link(self) -> None:
        flagged = make_case(self.a, full_name="רות לוי", phone="0521112233", sensitivity=Sensitivity.DOMESTIC_VIOLENCE)
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:case", kwargs={"pk": flagged.pk}))
        self.assertContains(page, "data-resident-link-no-sms")
        self.assertContains(page, "אלימות במשפחה")
        response = self.client.post(
            reverse("cases:resident-link-issue", kwargs={"pk": flagged.pk}),
            {"channel": "sms", "page_language": "he"},
            follow=True,
        )
        said = [str(m) for m in response.context["messages"]]
        self.assertEqual(len(said), 1)
        self.assertIn("ערוץ בטוח", said[0])  # why, not "choose a valid option"
        self.assertEqual(LocMemSMSBackend.outbox, [])
        with tenant_context(self.a):
            self.assertFalse(ResidentLink.objects.filter(case=flagged).exists())
            self.assertFalse(OutgoingMessage.objects.exists())
        # The safe channel: a QR code shown in the office.
        shown = self.client.post(
            reverse("cases:resident-link-issue", kwargs={"pk": flagged.pk}), {"channel": "print", "page_language": "he"}
        )
        self.assertContains(shown, "<svg")
        self.assertEqual(LocMemSMSBackend.outbox, [])
        with self.assertRaises(service.ResidentLinkError), tenant_context(self.a):
            service.issue_link(
                self.dana,
                flagged,
                channel=ResidentLinkChannel.SMS,
                language="he",
                absolute_url=lambda p: f"http://testserver{p}",
            )

    def test_each_view_is_in_the_access_log(self) -> None:
        path = self._issue()
        self.client.get(path)
        self.client.get(path)
        with tenant_context(self.a):
            link = ResidentLink.objects.get(case=self.case)
            views = AccessLog.objects.filter(
                user=None, action=AccessAction.VIEW, object_type="resident_link", object_id=str(link.pk)
            )
            self.assertEqual(views.count(), 2)
            self.assertEqual({v.authority_id for v in views}, {self.a.pk})

    def test_a_link_of_another_kind_opens_no_resident_page(self) -> None:
        self._issue()
        with tenant_context(self.a):
            link = ResidentLink.objects.get(case=self.case)
        # The same claim signed for a partner referral: single-purpose salts refuse it.
        forged = signing.TimestampSigner(salt="mizui.cases.referral-link").sign_object(
            {"a": self.a.pk, "l": link.pk, "n": "x", "g": "ar"}, compress=True
        )
        response = self.client.get(service.link_path(forged))
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("1,234", response.content.decode())

    def test_the_page_is_rate_limited(self) -> None:
        path = self._issue()
        statuses = [self.client.get(path).status_code for _ in range(RATE["limit"] + 1)]
        self.assertEqual(statuses[0], 200)
        self.assertEqual(statuses[-1], 429)
