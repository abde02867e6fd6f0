"""Reminders: due tasks, appeal windows, missing documents and renewals, each sent once, safely, in the right language."""

from __future__ import annotations

import datetime as dt
import tempfile
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import eligibility
from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import ConsentMethod, ConsentPurpose, Entitlement, Reminder, Sensitivity, Stage, Task, TaskKind
from mizui.cases.reminders import send_due, send_due_reminders
from mizui.cases.services import Step, add_task, advance, give_consent
from mizui.cases.tests.factories import make_document
from mizui.lib.messaging import LocMemSMSBackend
from mizui.test import MizuiTestCase, make_case

TODAY = dt.date(2026, 11, 23)
PHONE = "0521234567"


# The outbox's task sends each reminder at once here, as `manage.py worker` does in production.
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@override_settings(
    SMS_BACKEND="mizui.lib.messaging.LocMemSMSBackend", SITE_ROOT="https://mizui.example", TASKS=IMMEDIATE
)
class ReminderTests(MizuiTestCase):
    def setUp(self) -> None:
        LocMemSMSBackend.outbox.clear()
        self.media = self.enterContext(tempfile.TemporaryDirectory(prefix="mizui-media-"))
        self.enterContext(self.settings(MEDIA_ROOT=self.media))

    def _run(self, today: dt.date = TODAY) -> int:
        with tenant_context(self.a):
            return len(send_due(self.a, today))

    def _waiting_for_documents(self, *, consent: bool = True, **resident) -> Entitlement:
        """A right in the documents stage for 14 days, of a resident who gave contact consent (or not)."""
        case = make_case(self.a, lawyer=self.dana, phone=PHONE, **resident)
        with tenant_context(self.a):
            row = Entitlement.objects.get(case=case)
            advance(self.dana, row, Step(stage=Stage.DOCUMENTS, on=TODAY - dt.timedelta(days=14)))
            if consent:
                give_consent(None, resident=case.resident, purpose=ConsentPurpose.CONTACT, method=ConsentMethod.VERBAL)
        return row

    def _task(self, due_on: dt.date, *, kind: TaskKind = TaskKind.GENERAL, authority=None, owner=None) -> Task:
        authority = authority or self.a
        owner = owner or self.dana
        case = make_case(authority, lawyer=owner)
        with tenant_context(authority):
            return add_task(owner, case, title="להתקשר לביטוח לאומי", due_on=due_on, owner=owner, kind=kind)

    def test_it_reminds_the_owner_of_a_due_task_once(self) -> None:
        overdue = self._task(TODAY - dt.timedelta(days=2))
        self._task(TODAY + dt.timedelta(days=1))  # not due yet
        self.assertEqual((self._run(), self._run()), (1, 0))
        [message] = mail.outbox
        self.assertEqual(message.to, [self.dana.email])
        self.assertIn(f"https://mizui.example/staff/cases/{overdue.case_id}/", message.body)
        self.assertNotIn("להתקשר", message.body)  # task titles may hold personal details: not in email
        with tenant_context(self.a):
            overdue.refresh_from_db()
            self.assertEqual(overdue.reminded_on, TODAY)
            self.assertEqual(Reminder.objects.get().key, f"task:{overdue.pk}:due")

    def test_it_warns_14_and_3_days_before_an_appeal_deadline(self) -> None:
        deadline = TODAY + dt.timedelta(days=14)
        self._task(deadline, kind=TaskKind.APPEAL_DEADLINE)
        sent = [self._run(deadline - dt.timedelta(days=n)) for n in (20, 14, 13, 3, 2, 0)]
        self.assertEqual(sent, [0, 1, 0, 1, 0, 1])  # 14 days, 3 days, and on the day itself
        self.assertIn("14", mail.outbox[0].body)
        self.assertIn("3", mail.outbox[1].body)

    def test_it_texts_a_resident_the_missing_documents_in_their_language(self) -> None:
        self._compile_translations()
        row = self._waiting_for_documents(preferred_language="ar")
        make_document(self, self.a, self.dana, case=row.case, entitlement=row, label="תעודת זהות וספח")
        self.assertEqual((self._run(), self._run()), (1, 0))
        [sms] = LocMemSMSBackend.outbox
        self.assertEqual((sms.to, sms.language), (PHONE, "ar"))
        self.assertTrue(sms.body.startswith("مركز تحصيل الحقوق"), sms.body)
        self.assertIn("مخصصات ضمان الدخل", sms.body)  # the right, named in Arabic
        # Missing documents as the Arabic catalogue names them; not the one already uploaded.
        he = next(p["documents"] for p in eligibility.programs("he") if p["id"] == "income_support")
        ar = next(p["documents"] for p in eligibility.programs("ar") if p["id"] == "income_support")
        self.assertIn(ar[he.index("דפי חשבון בנק")], sms.body)
        self.assertNotIn(ar[he.index("תעודת זהות וספח")], sms.body)
        self.assertNotIn("דפי חשבון בנק", sms.body)  # nothing left in Hebrew
        self.assertEqual(mail.outbox, [])
        with tenant_context(self.a):
            exported = AccessLog.objects.get(action=AccessAction.EXPORT)
            self.assertEqual((exported.object_type, exported.object_id), ("resident", str(row.case.resident_id)))

    def test_it_follows_the_preferred_language_of_each_resident(self) -> None:
        self._compile_translations()
        for language in ("ru", "en", "he"):
            self._waiting_for_documents(preferred_language=language, full_name=f"תושב {language}")
        self._run()
        starts = {sms.language: sms.body.split(":")[0] for sms in LocMemSMSBackend.outbox}
        self.assertEqual(starts, {"ru": "Центр реализации прав", "en": "Rights center", "he": "מרכז מיצוי הזכויות"})

    def test_it_never_texts_a_resident_flagged_for_domestic_violence(self) -> None:
        row = self._waiting_for_documents(sensitivity=Sensitivity.DOMESTIC_VIOLENCE, full_name="שרה לוי")
        self._run()
        self.assertEqual(LocMemSMSBackend.outbox, [])
        [message] = mail.outbox  # the case's lawyer follows up instead, safely
        self.assertEqual(message.to, [self.dana.email])
        self.assertIn(str(row.case_id), message.subject)
        self.assertNotIn("שרה", message.body)

    def test_it_sends_nothing_to_a_resident_without_contact_consent(self) -> None:
        self._waiting_for_documents(consent=False)
        self._waiting_for_documents(no_sms=True, full_name="בלי SMS")
        expired = self._waiting_for_documents(consent=False, full_name="הסכמה שפגה")
        with tenant_context(self.a):
            give_consent(
                None,
                resident=expired.case.resident,
                purpose=ConsentPurpose.CONTACT,
                method=ConsentMethod.FORM,
                expires_on=TODAY - dt.timedelta(days=1),
            )
        self._run()
        self.assertEqual(LocMemSMSBackend.outbox, [])
        self.assertEqual(len(mail.outbox), 3)  # staff are told instead

    def test_it_reminds_staff_of_renewals_due_within_30_days(self) -> None:
        soon, later = self._task(TODAY).case, self._task(TODAY).case
        with tenant_context(self.a):
            for case, days in ((soon, 20), (later, 45)):
                Entitlement.objects.filter(case=case).update(
                    stage=Stage.PAID, renewal_due_on=TODAY + dt.timedelta(days=days)
                )
        mail.outbox.clear()
        with tenant_context(self.a):
            keys = [item.key for item in send_due(self.a, TODAY) if ":renewal:" in item.key]
        self.assertEqual(len(keys), 1)
        self.assertTrue(any("חידוש" in m.subject for m in mail.outbox))

    def test_it_runs_as_a_background_task_for_one_authority(self) -> None:
        self._task(timezone.localdate())
        self._task(timezone.localdate(), authority=self.b, owner=self.omar)
        self.assertEqual(send_due_reminders.call(self.a.pk), 1)
        self.assertEqual([m.to for m in mail.outbox], [[self.dana.email]])

    def test_it_sends_every_authoritys_reminders_from_the_command(self) -> None:
        self._task(timezone.localdate())
        self._task(timezone.localdate(), authority=self.b, owner=self.omar)
        out = StringIO()
        call_command("send_reminders", stdout=out)
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), [self.dana.email, self.omar.email])
        with self.settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            call_command("send_reminders", "--authority", self.a.slug, "--enqueue", stdout=out)
        self.assertEqual(
            list(DBTaskResult.objects.values_list("args_kwargs", flat=True)), [{"args": [self.a.pk], "kwargs": {}}]
        )

    def _compile_translations(self) -> None:
        """The .po catalogues, compiled for this test only (the suite may run before compile_translations)."""
        target = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="mizui-locale-")))
        for po in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"):
            mo = target / po.relative_to(po.parents[2]).with_suffix(".mo")
            mo.parent.mkdir(parents=True)
            polib.pofile(str(po)).save_as_mofile(str(mo))
        self.enterContext(self.settings(LOCALE_PATHS=[target]))


@pytest.mark.postgres
@override_settings(TASKS=IMMEDIATE)
class ReminderTenancyTests(MizuiTestCase):
    def setUp(self) -> None:
        if connection.vendor != "postgresql":
            pytest.skip("row-level security exists only on PostgreSQL; this run is on SQLite")

    def test_it_sets_the_tenant_for_the_background_task(self) -> None:
        case = make_case(self.a, lawyer=self.dana)
        with tenant_context(self.a):
            add_task(self.dana, case, title="לבדוק", due_on=timezone.localdate(), owner=self.dana)
        with tenant_context(None):
            self.assertEqual(Task.objects.count(), 0)  # without a tenant, row-level security shows nothing
        self.assertEqual(send_due_reminders.call(self.a.pk), 1)
        self.assertEqual([m.to for m in mail.outbox], [[self.dana.email]])
        with tenant_context(self.a):
            self.assertEqual(Reminder.objects.count(), 1)
