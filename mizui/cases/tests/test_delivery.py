"""Real delivery: the InforU SMS backend against a local HTTP server the test starts (no network), the outbox's
retries with backoff, delivery receipts, the opt-out word, and email through the same queue."""

from __future__ import annotations

import datetime as dt
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import ClassVar
from xml.etree import ElementTree as ET

import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings
from django.urls import reverse
from django_tasks import task_backends

from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import ConsentMethod, ConsentPurpose, MessageStatus, OutgoingMessage, Referral
from mizui.cases.services import give_consent, outbox
from mizui.directory.models import Contact, Organization, Service
from mizui.lib import messaging
from mizui.test import MizuiTestCase, login, make_case

NOW = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)
SECRET = "callback-secret-for-tests"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
ACCEPTED = "<Result><Status>1</Status><Description>Message accepted successfully</Description><NumberOfRecipients>1</NumberOfRecipients></Result>"
REFUSED = "<Result><Status>-18</Status><Description>Not enough credits</Description><NumberOfRecipients>0</NumberOfRecipients></Result>"


class FakeInforu:
    """InforU's SendMessageXml.ashx on 127.0.0.1: keeps each posted InforuXML and answers with `answers` in turn
    (an int is an HTTP error status, a string the 200 body); the last answer repeats."""

    def __init__(self, answers: list[int | str]) -> None:
        self.answers = answers
        self.posts: list[ET.Element] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                fake.posts.append(ET.fromstring(form["InforuXML"][0]))  # noqa: S314 (our own test's XML)
                answer = fake.answers[min(len(fake.posts), len(fake.answers)) - 1]
                if isinstance(answer, int):
                    self.send_error(answer)
                    return
                body = answer.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/SendMessageXml.ashx"

    @contextmanager
    def running(self) -> Iterator[FakeInforu]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            with override_settings(
                SMS_BACKEND="mizui.lib.messaging.InforuSMSBackend",
                SMS_INFORU_URL=self.url,
                SMS_INFORU_USERNAME="center",
                SMS_INFORU_API_TOKEN="token-123",
                SMS_SENDER="Mizui",
                SMS_TIMEOUT_SECONDS=5,
            ):
                yield self
        finally:
            self.server.shutdown()
            self.server.server_close()


@override_settings(TASKS=IMMEDIATE, SMS_CALLBACK_SECRET=SECRET, MESSAGE_SEND_ATTEMPTS=3, MESSAGE_RETRY_SECONDS=30)
class SMSDeliveryTests(MizuiTestCase):
    service: ClassVar[Service]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        org = Organization.objects.create(key="nii-delivery", name_he="המוסד לביטוח לאומי", email="b@nii.test")
        cls.service = Service.objects.create(key="nii-delivery-service", organization=org, name_he="הבטחת הכנסה")
        Contact.objects.create(
            key="nii-delivery-desk", organization=org, service=cls.service, name="רכזת", phone="052-123 4567"
        )

    def setUp(self) -> None:
        self.enterContext(time_machine.travel(NOW, tick=False))
        self.case = make_case(self.a, lawyer=self.dana)
        with tenant_context(self.a):
            give_consent(
                self.dana,
                resident=self.case.resident,
                purpose=ConsentPurpose.SHARE_PARTNER,
                method=ConsentMethod.SIGNATURE,
                partner="המוסד לביטוח לאומי",
            )
        login(self.client, self.dana)

    def _send_by_sms(self) -> None:
        response = self.client.post(
            reverse("cases:referral-send", kwargs={"pk": self.case.pk}),
            {"service": self.service.pk, "reason": "בקשה", "channel": "sms"},
        )
        self.assertEqual(response.status_code, 302)

    def _message(self) -> OutgoingMessage:
        with tenant_context(self.a):
            return OutgoingMessage.objects.get(referral__case=self.case)

    def _case_page(self) -> str:
        return self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk})).content.decode()

    def test_it_sends_inforus_xml_and_a_receipt_marks_the_message_delivered(self) -> None:
        gateway = self.enterContext(FakeInforu([ACCEPTED]).running())
        self._send_by_sms()
        [post] = gateway.posts
        self.assertEqual(post.tag, "Inforu")
        self.assertEqual(post.findtext("User/Username"), "center")
        self.assertEqual(post.findtext("User/ApiToken"), "token-123")
        self.assertEqual(post.find("Content").get("Type"), "sms")  # type: ignore[union-attr]
        self.assertIn("/partner/r/", post.findtext("Content/Message") or "")
        self.assertEqual(post.findtext("Recipients/PhoneNumber"), "0521234567")
        self.assertEqual(post.findtext("Settings/Sender"), "Mizui")
        message = self._message()
        self.assertEqual(post.findtext("Settings/CustomerMessageId"), message.reference)
        callback = post.findtext("Settings/DeliveryNotificationUrl") or ""
        self.assertIn(f"key={SECRET}", callback)
        self.assertEqual((message.status, message.attempts), (MessageStatus.SENT, 1))
        self.assertIn('data-referral-delivery="sent"', self._case_page())

        receipt = {
            "CustomerMessageId": message.reference,
            "Status": "2",
            "StatusDescription": "Delivered",
            "PhoneNumber": "0521234567",
            "SegmentsNumber": "1",
            "NotificationDate": "01/03/2026 12:00:05",
        }
        path = urllib.parse.urlsplit(callback)
        self.client.logout()
        refused = self.client.post(f"{path.path}?key=wrong", receipt)
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(self._message().status, MessageStatus.SENT)
        self.assertEqual(self.client.post(f"{path.path}?{path.query}", receipt).status_code, 200)
        self.assertEqual(self._message().status, MessageStatus.DELIVERED)
        login(self.client, self.dana)
        self.assertIn('data-referral-delivery="delivered"', self._case_page())

    def test_a_failed_sms_is_retried_then_shown_failed_on_the_referral(self) -> None:
        with FakeInforu([503, REFUSED, 500]).running() as gateway:
            self._send_by_sms()
        self.assertEqual(len(gateway.posts), 3, "three attempts, as MESSAGE_SEND_ATTEMPTS says, then no more")
        message = self._message()
        self.assertEqual((message.status, message.attempts), (MessageStatus.FAILED, 3))
        self.assertIn("HTTP 500", message.last_error)
        page = self._case_page()
        self.assertIn('data-referral-delivery="failed"', page)
        self.assertIn("הקישור לא הגיע לגוף השותף", page)
        with tenant_context(self.a):
            self.assertEqual(Referral.objects.get(case=self.case).channel, "sms")  # the referral stays, visibly

    def test_a_receipt_of_non_delivery_marks_the_message_failed(self) -> None:
        self.enterContext(FakeInforu([ACCEPTED]).running())
        self._send_by_sms()
        message = self._message()
        self.client.post(
            f"{reverse('cases:sms-receipt')}?key={SECRET}",
            {"CustomerMessageId": message.reference, "Status": "-2", "StatusDescription": "Not delivered"},
        )
        message = self._message()
        self.assertEqual((message.status, message.last_error), (MessageStatus.FAILED, "Not delivered"))
        self.assertIn('data-referral-delivery="failed"', self._case_page())

    def test_an_opted_out_number_is_not_sent_to(self) -> None:
        incoming = "<IncomingData><PhoneNumber>0521234567</PhoneNumber><Message>הסר</Message><ShortCode>0529992090</ShortCode></IncomingData>"
        with FakeInforu([ACCEPTED]).running() as gateway:
            self.assertEqual(
                self.client.post(f"{reverse('cases:sms-incoming')}?key=nope", {"IncomingXML": incoming}).status_code,
                403,
            )
            self.assertFalse(outbox.is_opted_out("0521234567"))
            self.client.post(f"{reverse('cases:sms-incoming')}?key={SECRET}", {"IncomingXML": incoming})
            self.assertTrue(outbox.is_opted_out("052-1234567"))
            self._send_by_sms()
            with self.assertRaises(messaging.OptedOut):  # whoever sends: reminders and campaigns too
                messaging.send("sms", messaging.Message("0521234567", "שלום"))
        self.assertEqual(gateway.posts, [])
        self.assertEqual(self._message().status, MessageStatus.OPTED_OUT)
        self.assertIn('data-referral-delivery="opted_out"', self._case_page())

    def test_the_retry_waits_and_doubles_its_wait(self) -> None:
        with self.settings(TASKS=DUMMY), FakeInforu([500]).running():
            self._send_by_sms()
            backend = task_backends["default"]
            [first] = backend.results  # type: ignore[attr-defined]
            self.assertIsNone(first.task.run_after)  # queued, not sent by the page
            self.assertEqual(self._message().attempts, 0)
            first.task.call(*first.args)
            second = backend.results[-1]  # type: ignore[attr-defined]
            self.assertEqual(second.task.run_after, NOW + dt.timedelta(seconds=30))
            second.task.call(*second.args)
            self.assertEqual(backend.results[-1].task.run_after, NOW + dt.timedelta(seconds=60))  # type: ignore[attr-defined]
            count = len(backend.results)  # type: ignore[attr-defined]
            first.task.call(*first.args)  # a second copy of a task already run: no try, nothing queued
            self.assertEqual((len(backend.results), self._message().attempts), (count, 2))  # type: ignore[attr-defined]
            self.assertEqual(self._message().status, MessageStatus.QUEUED)

    def test_a_message_whose_task_was_lost_is_queued_again(self) -> None:
        with self.settings(TASKS=DUMMY), FakeInforu([ACCEPTED]).running() as gateway:
            self._send_by_sms()  # queued; say its worker was killed before sending
            backend = task_backends["default"]
            backend.results.clear()  # type: ignore[attr-defined]
            with tenant_context(self.a):
                self.assertEqual(outbox.requeue_stale(self.a), 0)  # not overdue yet
            with time_machine.travel(NOW + dt.timedelta(minutes=11), tick=False):
                call_command("retry_messages", stdout=StringIO())
                [again] = backend.results  # type: ignore[attr-defined]
                again.task.call(*again.args)
        self.assertEqual(len(gateway.posts), 1)
        self.assertEqual(self._message().status, MessageStatus.SENT)


@override_settings(TASKS=IMMEDIATE)
class EmailDeliveryTests(MizuiTestCase):
    def test_an_email_goes_through_the_queue_and_a_failure_is_retried(self) -> None:
        with tenant_context(self.a):
            item = outbox.queue(self.a, "email", messaging.Message("p@example.org", "גוף", subject="נושא"))
            item.refresh_from_db()
        self.assertEqual(item.status, MessageStatus.SENT)
        self.assertEqual([m.to for m in mail.outbox], [["p@example.org"]])
        with (
            self.settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=9,
                EMAIL_TIMEOUT=1,
                MESSAGE_SEND_ATTEMPTS=2,
            ),
            tenant_context(self.a),
        ):
            failed = outbox.queue(self.a, "email", messaging.Message("p@example.org", "גוף", subject="נושא"))
            failed.refresh_from_db()
        self.assertEqual((failed.status, failed.attempts), (MessageStatus.FAILED, 2))


class OptOutWordTests(SimpleTestCase):
    def test_it_reads_the_opt_out_word_in_each_language(self) -> None:
        for text in ("הסר", " הסר ", "STOP", "stop.", "הסר בבקשה", "إلغاء", "Стоп"):
            self.assertTrue(messaging.is_opt_out(text), text)
        for text in ("", "שלום", "אל תסיר", "stopping by"):
            self.assertFalse(messaging.is_opt_out(text), text)

    def test_it_reads_inforus_receipts_and_ignores_intermediate_ones(self) -> None:
        receipt = messaging.InforuSMSBackend.receipt
        self.assertEqual(receipt({"CustomerMessageId": "1-ab", "Status": "2"}), messaging.Receipt("1-ab", True, ""))
        blocked = receipt({"CustomerMessageId": "1-ab", "Status": "-4", "StatusDescription": "Blocked"})
        self.assertEqual(blocked, messaging.Receipt("1-ab", False, "Blocked"))
        self.assertIsNone(receipt({"CustomerMessageId": "1-ab", "Status": "1"}))
        self.assertIsNone(receipt({"Status": "2"}))
        self.assertIsNone(receipt({"CustomerMessageId": "1-ab", "Status": "x"}))


@override_settings(TASKS=IMMEDIATE, SMS_BACKEND="mizui.lib.messaging.LocMemSMSBackend")
class OptedOutReminderTests(MizuiTestCase):
    def test_the_opt_out_marks_no_sms_on_the_residents_with_that_number(self) -> None:
        case = make_case(self.a, phone="0521234567")
        other = make_case(self.b, phone="0521234567")
        outbox.opt_out("052-123-4567")
        for authority, item in ((self.a, case), (self.b, other)):
            with tenant_context(authority):
                item.resident.refresh_from_db()
            self.assertTrue(item.resident.no_sms)
        self.assertFalse(outbox.opt_out("0521234567"))  # once

    def test_a_message_to_an_opted_out_number_ends_opted_out_without_a_send_or_a_retry(self) -> None:
        outbox.opt_out("0521234567")
        with tenant_context(self.a):
            item = outbox.queue(self.a, "sms", messaging.Message("052-1234567", "תזכורת"), recipient="resident:1")
            item.refresh_from_db()
        self.assertEqual((item.status, item.attempts, item.next_attempt_at), (MessageStatus.OPTED_OUT, 1, None))
        self.assertEqual(messaging.LocMemSMSBackend.outbox, [])


@override_settings(TASKS=IMMEDIATE, MESSAGE_KEEP_DAYS=90)
class MessageRetentionTests(MizuiTestCase):
    def test_a_sent_message_loses_its_address_and_text_after_the_days_kept_and_keeps_its_record(self) -> None:
        with time_machine.travel(NOW, tick=False), tenant_context(self.a):
            sent = outbox.queue(self.a, "email", messaging.Message("p@example.org", "פרטי התושב", subject="נושא"))
        with self.settings(TASKS=DUMMY), time_machine.travel(NOW, tick=False), tenant_context(self.a):
            waiting = outbox.queue(self.a, "email", messaging.Message("q@example.org", "עוד לא נשלחה"))
        with time_machine.travel(NOW + dt.timedelta(days=89), tick=False), tenant_context(self.a):
            self.assertEqual(outbox.purge_ended(self.a), 0)  # still within the days kept
        with time_machine.travel(NOW + dt.timedelta(days=91), tick=False):
            out = StringIO()
            call_command("purge_messages", stdout=out)
            self.assertIn("1 messages emptied", out.getvalue())
            with tenant_context(self.a):
                sent.refresh_from_db()
                waiting.refresh_from_db()
                self.assertEqual(outbox.purge_ended(self.a), 0)  # once only
        self.assertEqual((sent.to, sent.subject, sent.body), ("", "", ""))
        self.assertEqual((sent.status, sent.channel), (MessageStatus.SENT, "email"))  # the record of it stays
        self.assertIsNotNone(sent.purged_at)
        # a message still waiting to be sent keeps what it must send
        self.assertEqual((waiting.to, waiting.status), ("q@example.org", MessageStatus.QUEUED))
