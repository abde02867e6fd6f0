"""The SMS gateway's callbacks: delivery receipts, and replies to our number (the opt-out word).

The gateway has no session and no CSRF token; it is authenticated by the shared secret SMS_CALLBACK_SECRET in the
URL's `key`. Without a configured secret both refuse everything.
"""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mizui.cases.services import outbox
from mizui.lib import messaging

logger = logging.getLogger(__name__)


def _authentic(request: HttpRequest) -> bool:
    secret = str(settings.SMS_CALLBACK_SECRET)
    given = request.GET.get("key", "")
    return bool(secret) and hmac.compare_digest(given.encode(), secret.encode())


def _refused() -> HttpResponse:
    return HttpResponse("forbidden", status=403, content_type="text/plain")


def _ok() -> HttpResponse:
    return HttpResponse("OK", content_type="text/plain")


@csrf_exempt
@require_POST
def sms_receipt(request: HttpRequest) -> HttpResponse:
    """A delivery receipt: the message it names becomes delivered or failed. Anything else is acknowledged and
    ignored, so the gateway does not post it again."""
    if not _authentic(request):
        logger.warning("refused an SMS receipt without the callback secret")
        return _refused()
    receipt = messaging.parse_receipt(request.POST)
    if receipt is not None and outbox.apply_receipt(receipt) is None:
        logger.warning("an SMS receipt named no message we sent")
    return _ok()


@csrf_exempt
@require_POST
def sms_incoming(request: HttpRequest) -> HttpResponse:
    """A text message to our number: the opt-out word ("הסר", STOP) stops every later SMS to its sender."""
    if not _authentic(request):
        logger.warning("refused an incoming SMS without the callback secret")
        return _refused()
    incoming = messaging.parse_incoming(request.POST)
    if incoming is not None and messaging.is_opt_out(incoming.text) and outbox.opt_out(incoming.phone):
        logger.info("a number opted out of SMS")
    return _ok()
