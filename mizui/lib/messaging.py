"""Messages to people, through pluggable channels: email (Django's mail, EMAIL_BACKEND: SMTP in production, set
by the EMAIL_* variables) and SMS (SMS_BACKEND).

A channel delivers what it is given, once: it raises when the message did not go out. Whom to message, in which
language, whether the person agreed to be contacted, and retrying a failed send are the caller's (the outbox in
mizui/cases/services/outbox.py queues each message as a background task and retries it with backoff). An SMS
gateway is a class with `send(message)`, named by the SMS_BACKEND setting; the console backend prints, for the
demo; `InforuSMSBackend` talks to InforU's HTTP API and reads its delivery receipts and replies.

A number that answered with the opt-out word ("הסר", STOP) is never texted again: SMSChannel asks every check
registered with `register_opt_out_check` (the cases app registers its opt-out list) and raises OptedOut.
"""

from __future__ import annotations

import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol, TextIO
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

DEFAULT_SMS_BACKEND = "mizui.lib.messaging.ConsoleSMSBackend"


@dataclass(frozen=True)
class Message:
    to: str  # an email address or a phone number, as the channel expects
    body: str
    subject: str = ""
    language: str = "he"
    # Our id of this message, which the gateway returns with its delivery receipt (SMS).
    reference: str = ""
    # Where the gateway posts the delivery receipt of this message; empty: no receipt asked.
    status_url: str = ""


class SMSBackend(Protocol):
    def send(self, message: Message) -> None: ...


class ConsoleSMSBackend:
    """Writes each SMS to standard output instead of sending it (the demo and development)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, message: Message) -> None:
        self.stream.write(f"SMS to {message.to} ({message.language}):\n{message.body}\n{'-' * 40}\n")
        self.stream.flush()


class SMSNotConfigured(RuntimeError):
    pass


class UnconfiguredSMSBackend:
    """The production default until an SMS gateway is configured: every send fails, so the caller shows that no
    text message went out (instead of printing it where nobody reads it)."""

    def send(self, message: Message) -> None:
        raise SMSNotConfigured("No SMS gateway is configured (SMS_BACKEND); the message was not sent.")


class LocMemSMSBackend:
    """Keeps sent messages in `LocMemSMSBackend.outbox`, like Django's locmem mail backend (tests)."""

    outbox: ClassVar[list[Message]] = []
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def send(self, message: Message) -> None:
        with self._lock:
            self.outbox.append(message)


class SMSGatewayError(RuntimeError):
    """The gateway did not take the message (unreachable, an HTTP error, or it answered with a refusal)."""


@dataclass(frozen=True)
class Receipt:
    """A gateway's delivery receipt: our message's reference, and whether it reached the phone."""

    reference: str
    delivered: bool
    description: str = ""


@dataclass(frozen=True)
class Incoming:
    """A text message a person sent to our number (e.g. the opt-out word)."""

    phone: str
    text: str


# The words that stop text messages: "הסר" is the word the Israeli anti-spam law (Communications Law s. 30A)
# has senders offer; the others are what people type in our other languages.
OPT_OUT_WORDS = frozenset({"הסר", "הסרה", "stop", "unsubscribe", "إلغاء", "الغاء", "ايقاف", "стоп"})


def is_opt_out(text: str) -> bool:
    """Whether a reply asks to stop: the opt-out word alone, or as its first word ("הסר בבקשה")."""
    words = text.strip().casefold().split()
    return bool(words) and words[0].strip(".!,;:\"'") in OPT_OUT_WORDS


class InforuSMSBackend:
    """InforU (inforu.co.il), a gateway Israeli municipalities use, through its XML-over-HTTP API.

    The request is a form POST of one field, `InforuXML`, to SMS_INFORU_URL:
    `<Inforu><User><Username/><ApiToken/></User><Content Type="sms"><Message/></Content>
    <Recipients><PhoneNumber/></Recipients><Settings><Sender/><CustomerMessageId/><DeliveryNotificationUrl/>
    </Settings></Inforu>`; the answer is `<Result><Status>1</Status><Description/><NumberOfRecipients/></Result>`,
    where 1 is accepted and a negative status a refusal. InforU then posts a delivery receipt (form fields
    `CustomerMessageId`, `Status`: 2 delivered, -2 not delivered, -4 blocked; `StatusDescription`, `PhoneNumber`,
    `NotificationDate`) to the message's DeliveryNotificationUrl, and replies to our number to the account's
    reply URL as `IncomingXML=<IncomingData><PhoneNumber/><Message/>...</IncomingData>`.
    """

    DELIVERED = 2
    FAILED = frozenset({-2, -4})

    def __init__(self) -> None:
        self.url = str(settings.SMS_INFORU_URL)
        self.username = str(settings.SMS_INFORU_USERNAME)
        self.token = str(settings.SMS_INFORU_API_TOKEN or "")
        self.sender = str(settings.SMS_SENDER)
        self.timeout = float(settings.SMS_TIMEOUT_SECONDS)

    def request_xml(self, message: Message) -> str:
        root = ET.Element("Inforu")
        user = ET.SubElement(root, "User")
        ET.SubElement(user, "Username").text = self.username
        ET.SubElement(user, "ApiToken").text = self.token
        content = ET.SubElement(root, "Content", Type="sms")
        ET.SubElement(content, "Message").text = message.body
        recipients = ET.SubElement(root, "Recipients")
        ET.SubElement(recipients, "PhoneNumber").text = message.to
        options = ET.SubElement(root, "Settings")
        ET.SubElement(options, "Sender").text = self.sender
        if message.reference:
            ET.SubElement(options, "CustomerMessageId").text = message.reference
        if message.status_url:
            ET.SubElement(options, "DeliveryNotificationUrl").text = message.status_url
        return ET.tostring(root, encoding="unicode")

    def send(self, message: Message) -> None:
        data = urllib.parse.urlencode({"InforuXML": self.request_xml(message)}).encode()
        request = urllib.request.Request(  # noqa: S310 (the URL is the configured gateway, https in production)
            self.url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (as above)
                body = response.read(64 * 1024)
        except urllib.error.HTTPError as error:
            raise SMSGatewayError(f"InforU answered HTTP {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            raise SMSGatewayError(f"InforU could not be reached: {error}") from None
        try:
            result = ET.fromstring(body)  # noqa: S314 (expat >= 2.4.1 refuses entity expansion bombs; no external entities)
            status = int(result.findtext("Status", ""))
        except (ET.ParseError, ValueError):
            raise SMSGatewayError("InforU answered something that is not its result XML") from None
        if status != 1:
            description = (result.findtext("Description") or "")[:200]
            raise SMSGatewayError(f"InforU refused the message (status {status}): {description}")

    @classmethod
    def receipt(cls, data: Mapping[str, str]) -> Receipt | None:
        """The delivery receipt InforU posted; None for an intermediate status or a malformed post."""
        reference = data.get("CustomerMessageId", "").strip()
        try:
            status = int(data.get("Status", ""))
        except ValueError:
            return None
        if not reference or (status != cls.DELIVERED and status not in cls.FAILED):
            return None
        return Receipt(reference, status == cls.DELIVERED, data.get("StatusDescription", "")[:200])

    @staticmethod
    def incoming(data: Mapping[str, str]) -> Incoming | None:
        """A reply InforU posted to the account's reply URL; None when it is not one."""
        raw = data.get("IncomingXML", "")
        if not raw:
            return None
        try:
            doc = ET.fromstring(raw)  # noqa: S314 (as in send)
        except ET.ParseError:
            return None
        phone, text = doc.findtext("PhoneNumber"), doc.findtext("Message")
        if not phone or text is None:
            return None
        return Incoming(phone.strip(), text)


def sms_backend_class() -> type[SMSBackend]:
    backend: type[SMSBackend] = import_string(getattr(settings, "SMS_BACKEND", DEFAULT_SMS_BACKEND))
    return backend


def sms_backend() -> SMSBackend:
    return sms_backend_class()()


def parse_receipt(data: Mapping[str, str]) -> Receipt | None:
    """The configured gateway's delivery receipt in `data`, if it has receipts and this is one."""
    parse: Callable[[Mapping[str, str]], Receipt | None] | None = getattr(sms_backend_class(), "receipt", None)
    return parse(data) if parse is not None else None


def parse_incoming(data: Mapping[str, str]) -> Incoming | None:
    """A text message to our number in `data`, if the configured gateway forwards replies and this is one."""
    parse: Callable[[Mapping[str, str]], Incoming | None] | None = getattr(sms_backend_class(), "incoming", None)
    return parse(data) if parse is not None else None


class OptedOut(Exception):
    """The number asked not to be texted (it sent the opt-out word); the message was not sent."""


_opt_out_checks: list[Callable[[str], bool]] = []


def register_opt_out_check(check: Callable[[str], bool]) -> None:
    """`check(number)` says whether a number opted out; SMSChannel refuses to text it (apps register at start)."""
    if check not in _opt_out_checks:
        _opt_out_checks.append(check)


def opted_out(number: str) -> bool:
    return any(check(number) for check in _opt_out_checks)


class Channel(Protocol):
    name: str

    def send(self, message: Message) -> None: ...


class EmailChannel:
    name = "email"

    def send(self, message: Message) -> None:
        send_mail(message.subject, message.body, None, [message.to], fail_silently=False)


class SMSChannel:
    name = "sms"

    def send(self, message: Message) -> None:
        if opted_out(message.to):
            raise OptedOut("this number asked not to receive text messages")
        sms_backend().send(message)


CHANNELS: dict[str, Channel] = {"email": EmailChannel(), "sms": SMSChannel()}


def send(channel: str, message: Message) -> None:
    CHANNELS[channel].send(message)
