"""State changes of cases: each runs in one transaction, in the authority's tenant context, and is logged."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Inquiry, InquiryChannel
from mizui.lib.crypto import blind_index
from mizui.screening.models import Channel
from mizui.screening.services import store_screening


def request_help(
    *,
    authority: Authority,
    full_name: str,
    phone: str,
    language: str,
    note: str = "",
    screening: tuple[dict[str, Any], dict[str, Any]] | None = None,
    event_code: str = "",
) -> Inquiry:
    """A resident asks the center for help from the public screener.

    `screening` (household, result) is stored only when given, i.e. when the resident agreed to keep it.
    """
    now = timezone.now()
    with tenant_context(authority):
        stored = None
        if screening is not None:
            household, result = screening
            stored = store_screening(
                None, authority=authority, household=household, result=result, channel=Channel.PUBLIC, language=language
            )
        inquiry = Inquiry.objects.create(
            authority=authority,
            channel=InquiryChannel.SCREENER,
            full_name=full_name,
            phone=phone,
            phone_index=blind_index(phone, "phone"),
            preferred_language=language,
            note=note,
            screening=stored,
            consent_contact_at=now,
            consent_keep_answers_at=now if stored else None,
            event_code=event_code,
        )
        record(actor=None, authority=authority, action=AccessAction.CREATE, object_type="inquiry", object_id=inquiry.pk)
    return inquiry
