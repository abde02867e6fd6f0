"""The outbox: every email and SMS is a row first, then a background task sends it, so no page waits on a provider.

`queue` writes the message and enqueues `deliver_message` in the caller's transaction (django-tasks' database
backend keeps the task as a row too, so both commit or neither). The task tries once; a failure is tried again
after MESSAGE_RETRY_SECONDS, then twice that, and so on, up to MESSAGE_SEND_ATTEMPTS tries in all; then the
message is failed and whoever looks at it (the referral on the case page) sees so. An SMS gateway with receipts
(InforU) posts each one to `receipt_url`, which marks the message delivered or failed. A number that sent the
opt-out word is in SmsOptOut and gets no SMS again: its messages end as `opted_out` without a send.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import MessageStatus, OutgoingMessage, Referral, Resident, SmsOptOut
from mizui.lib import messaging
from mizui.lib.crypto import blind_index
from mizui.lib.phone import normalize_il_phone

logger = logging.getLogger(__name__)


def _number_index(number: str) -> str:
    return blind_index(normalize_il_phone(number) or number.strip(), "sms-opt-out")


def is_opted_out(number: str) -> bool:
    return SmsOptOut.objects.filter(phone_index=_number_index(number)).exists()


def opt_out(number: str) -> bool:
    """Record that `number` asked for no more SMS, and mark "no SMS" on every resident file with that number (in
    each authority, under its tenant, each change in the access log); True when it was not opted out before."""
    try:
        with transaction.atomic():
            SmsOptOut.objects.create(phone_index=_number_index(number))
    except IntegrityError:
        return False
    forms = {number.strip(), normalize_il_phone(number) or ""} - {""}
    indexes = [blind_index(form, "phone") for form in forms]
    for authority in Authority.objects.filter(is_active=True).order_by("pk"):
        with tenant_context(authority):
            residents = Resident.objects.for_authority(authority).filter(phone_index__in=indexes, no_sms=False)
            for pk in list(residents.values_list("pk", flat=True)):
                Resident.objects.filter(pk=pk).update(no_sms=True)
                record(
                    actor=None, authority=authority, action=AccessAction.UPDATE, object_type="resident", object_id=pk
                )
    return True


def attempts_allowed() -> int:
    return max(1, int(settings.MESSAGE_SEND_ATTEMPTS))


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed try: MESSAGE_RETRY_SECONDS, doubled after each further failure."""
    return dt.timedelta(seconds=int(settings.MESSAGE_RETRY_SECONDS) * 2 ** max(0, attempts - 1))


def receipt_url() -> str:
    """Where the SMS gateway posts delivery receipts: the shared secret in the query authenticates it."""
    path = reverse("cases:sms-receipt")
    return f"{settings.SITE_ROOT.rstrip('/')}{path}?key={settings.SMS_CALLBACK_SECRET}"


def queue(
    authority: Authority,
    channel: str,
    message: messaging.Message,
    *,
    recipient: str = "",
    referral: Referral | None = None,
) -> OutgoingMessage:
    """Keep the message and queue its sending (a background task); the caller's transaction commits both."""
    item = OutgoingMessage.objects.create(
        authority=authority,
        channel=channel,
        to=message.to,
        subject=message.subject,
        body=message.body,
        language=message.language,
        reference=f"{authority.pk}-{secrets.token_hex(16)}",
        recipient=recipient,
        referral=referral,
    )
    _enqueue(item)
    return item


def _enqueue(item: OutgoingMessage, at: dt.datetime | None = None) -> None:
    """Queue the next try. The task carries the number of tries made so far: a second copy of it (queued again by
    `requeue_stale` while the first was only late) finds the count moved on and does nothing."""
    job = deliver_message
    if at is not None and job.get_backend().supports_defer:
        job = job.using(run_after=at)
    job.enqueue(item.authority_id, item.pk, item.attempts)


def _as_message(item: OutgoingMessage) -> messaging.Message:
    return messaging.Message(
        item.to,
        item.body,
        subject=item.subject,
        language=item.language,
        reference=item.reference,
        status_url=receipt_url() if item.channel == "sms" and settings.SMS_CALLBACK_SECRET else "",
    )


def deliver(item: OutgoingMessage, now: dt.datetime | None = None) -> dt.datetime | None:
    """Try to send `item` once (under its tenant); returns when to try again, or None when it is settled."""
    moment = now or timezone.now()
    if item.status != MessageStatus.QUEUED:
        return None
    item.attempts += 1
    fields = ["attempts", "status", "last_error", "next_attempt_at", "sent_at"]
    try:
        messaging.send(item.channel, _as_message(item))
    except messaging.OptedOut:
        item.status, item.last_error, item.next_attempt_at = MessageStatus.OPTED_OUT, "", None
    except Exception as error:  # any failure of the channel: the provider, the network, SMTP
        item.last_error = f"{type(error).__name__}: {error}"[:300]
        if item.attempts >= attempts_allowed():
            item.status, item.next_attempt_at = MessageStatus.FAILED, None
            logger.warning("message %s failed after %s attempts: %s", item.pk, item.attempts, item.last_error)
        else:
            item.next_attempt_at = moment + backoff(item.attempts)
    else:
        item.status, item.last_error, item.next_attempt_at, item.sent_at = MessageStatus.SENT, "", None, moment
        if item.recipient.startswith("resident:"):
            # The resident's address left the system for the provider.
            record(
                actor=None,
                authority=item.authority,
                action=AccessAction.EXPORT,
                object_type="resident",
                object_id=item.recipient.removeprefix("resident:"),
            )
    item.save(update_fields=fields)
    return item.next_attempt_at


@task()
def deliver_message(authority_id: int, message_id: int, attempts: int = 0) -> str:
    """Background task (django-tasks): one attempt at sending a message; queues the next attempt after a failure.
    `attempts`: the tries made when this task was queued; if more were made since, this copy is a duplicate."""
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        item = (
            OutgoingMessage.objects.for_authority(authority)
            .select_for_update()
            .select_related("authority")
            .filter(pk=message_id)
            .first()
        )
        if item is None:
            return "gone"
        if item.attempts != attempts:
            return "duplicate"
        again = deliver(item)
        if again is not None:
            _enqueue(item, again)
        return str(item.status)


# A queued message whose try is this much overdue lost its task (a worker killed mid-send, a failed task).
STALE_AFTER = dt.timedelta(minutes=10)


def requeue_stale(authority: Authority, now: dt.datetime | None = None) -> int:
    """Queue again the messages of `authority` whose try is overdue by STALE_AFTER; the caller sets the tenant.
    Safe to run again: a message is tried only when due and while queued, under a row lock."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    stale = OutgoingMessage.objects.for_authority(authority).filter(status=MessageStatus.QUEUED)
    stale = stale.filter(Q(next_attempt_at__lt=cutoff) | Q(next_attempt_at__isnull=True, created_at__lt=cutoff))
    items = list(stale.select_related("authority").order_by("pk")[:1000])
    for item in items:
        _enqueue(item)
    return len(items)


@task()
def requeue_stale_messages(authority_id: int) -> int:
    """Background task (django-tasks): `requeue_stale` for one authority, under its tenant
    (`manage.py retry_messages`, from cron like the reminders)."""
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        return requeue_stale(authority)


def purge_ended(authority: Authority, now: dt.datetime | None = None) -> int:
    """Blank the address, subject and text of `authority`'s messages written more than MESSAGE_KEEP_DAYS ago that
    are no longer waiting to be sent; the caller sets the tenant. The row stays, without personal data, for the
    referral's history (channel, status, attempts, dates)."""
    moment = now or timezone.now()
    cutoff = moment - dt.timedelta(days=int(settings.MESSAGE_KEEP_DAYS))
    ended = OutgoingMessage.objects.for_authority(authority).exclude(status=MessageStatus.QUEUED)
    return ended.filter(created_at__lt=cutoff, purged_at__isnull=True).update(
        to="", subject="", body="", purged_at=moment
    )


@task()
def purge_ended_messages(authority_id: int) -> int:
    """Background task (django-tasks): `purge_ended` for one authority, under its tenant (`manage.py purge_messages`)."""
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        return purge_ended(authority)


def apply_receipt(receipt: messaging.Receipt, now: dt.datetime | None = None) -> OutgoingMessage | None:
    """Mark the message a delivery receipt names delivered or failed; None when the reference names none.

    The reference starts with the authority's id, which becomes the tenant; the rest is random, so a receipt
    cannot name another authority's message by guessing.
    """
    head = receipt.reference.split("-", 1)[0]
    authority = Authority.objects.filter(pk=int(head)).first() if head.isdigit() else None
    if authority is None:
        return None
    with tenant_context(authority):
        item = OutgoingMessage.objects.for_authority(authority).filter(reference=receipt.reference).first()
        if item is None or item.status in {MessageStatus.DELIVERED, MessageStatus.OPTED_OUT}:
            return item
        if receipt.delivered:
            item.status, item.delivered_at, item.last_error = MessageStatus.DELIVERED, now or timezone.now(), ""
        else:
            item.status, item.last_error = MessageStatus.FAILED, (receipt.description or "not delivered")[:300]
        item.save(update_fields=["status", "delivered_at", "last_error"])
        return item
