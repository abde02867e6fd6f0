"""Messages to people, through pluggable channels: email (Django's mail, EMAIL_BACKEND) and SMS (SMS_BACKEND).

A channel delivers what it is given. Whom to message, in which language and whether the person agreed to
be contacted is the caller's decision (mizui/cases/reminders.py). An SMS gateway is a class with
`send(message)`, named by the SMS_BACKEND setting; the console backend prints, for the demo.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from typing import ClassVar, Protocol, TextIO

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


def sms_backend() -> SMSBackend:
    backend: type[SMSBackend] = import_string(getattr(settings, "SMS_BACKEND", DEFAULT_SMS_BACKEND))
    return backend()


class Channel(Protocol):
    name: str

    def send(self, message: Message) -> None: ...


class EmailChannel:
    name = "email"

    def send(self, message: Message) -> None:
        send_mail(message.subject, message.body, None, [message.to])


class SMSChannel:
    name = "sms"

    def send(self, message: Message) -> None:
        sms_backend().send(message)


CHANNELS: dict[str, Channel] = {"email": EmailChannel(), "sms": SMSChannel()}


def send(channel: str, message: Message) -> None:
    CHANNELS[channel].send(message)
