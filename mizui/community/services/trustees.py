"""Rights trustees: recruitment, training, and the neighbours they bring in (inquiries with a coarse status)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Membership, Role, User
from mizui.cases import services as cases
from mizui.cases.models import CaseStatus, ConsentMethod, Inquiry, InquiryChannel, InquiryStatus
from mizui.community.models import (
    TRUSTEE_COURSES,
    Initiative,
    Lead,
    LeadStatus,
    RecruitedVia,
    Recruitment,
    RightsTrustee,
)
from mizui.community.services.training import CommunityError, courses_done, progress


def register_trustee(
    actor: User,
    membership: Membership,
    *,
    neighbourhood: str,
    languages: list[str],
    recruited_via: RecruitedVia,
    recruited_on: dt.date | None = None,
    recruited_at: Initiative | None = None,
) -> RightsTrustee:
    if membership.role != Role.TRUSTEE:
        raise CommunityError(_("אפשר לרשום כנאמן/ת זכויות רק חבר/ת צוות בתפקיד נאמן/ת."))
    if RightsTrustee.objects.filter(membership=membership).exists():
        raise CommunityError(_("הנאמן/ת כבר רשום/ה."))
    with transaction.atomic():
        trustee = RightsTrustee.objects.create(
            authority=membership.authority,
            membership=membership,
            neighbourhood=neighbourhood.strip(),
            languages=languages,
            recruited_via=recruited_via,
            recruited_on=recruited_on or timezone.localdate(),
            recruited_at=recruited_at,
            recruited_by=actor,
        )
        progress(trustee)
        record(
            actor=actor,
            authority=membership.authority,
            action=AccessAction.CREATE,
            object_type="trustee",
            object_id=trustee.pk,
        )
    return trustee


def set_status(actor: User, trustee: RightsTrustee, status: Recruitment) -> None:
    if status == Recruitment.ACTIVE and not courses_done(trustee.membership) >= TRUSTEE_COURSES:
        raise CommunityError(_("נאמן/ת פעיל/ה צריך/ה לסיים קודם את ההכשרות: היכרות ונאמנות זכויות."))
    trustee.status = status
    trustee.save(update_fields=["status"])
    record(
        actor=actor,
        authority=trustee.authority,
        action=AccessAction.UPDATE,
        object_type="trustee",
        object_id=trustee.pk,
    )


def register_lead(
    actor: User,
    trustee: RightsTrustee,
    *,
    full_name: str,
    phone: str,
    language: str,
    need: str,
    consent_method: ConsentMethod,
    event_code: str = "",
) -> Lead:
    """The neighbour agreed to be contacted by the center: their request becomes an inquiry, channel "trustee"."""
    if trustee.status != Recruitment.ACTIVE:
        raise CommunityError(_("רישום שכנים נפתח אחרי סיום ההכשרה לנאמני זכויות."))
    with transaction.atomic():
        inquiry = cases.record_inquiry(
            actor,
            authority=trustee.authority,
            channel=InquiryChannel.TRUSTEE,
            full_name=full_name,
            phone=phone,
            language=language,
            note=need,
            event_code=event_code,
        )
        return Lead.objects.create(
            authority=trustee.authority, trustee=trustee, inquiry=inquiry, consent_method=consent_method
        )


def lead_status(inquiry: Inquiry) -> LeadStatus:
    """Received → in treatment (a case was opened) → closed; nothing finer reaches the trustee."""
    if inquiry.status == InquiryStatus.CLOSED:
        return LeadStatus.CLOSED
    if inquiry.status == InquiryStatus.CONVERTED and inquiry.case is not None:
        return LeadStatus.CLOSED if inquiry.case.status == CaseStatus.CLOSED else LeadStatus.IN_TREATMENT
    return LeadStatus.RECEIVED


@dataclass(frozen=True)
class LeadRow:
    """What a trustee sees of one lead: who they brought, when, and the coarse status. No staff, money or notes."""

    pk: int
    neighbour: str
    registered_on: dt.date
    status: LeadStatus


def lead_row(lead: Lead) -> LeadRow:
    return LeadRow(lead.pk, lead.inquiry.full_name, timezone.localdate(lead.created_at), lead_status(lead.inquiry))


def leads_of(trustee: RightsTrustee) -> list[LeadRow]:
    leads = Lead.objects.filter(trustee=trustee).select_related("inquiry__case").order_by("-created_at", "-pk")
    return [lead_row(lead) for lead in leads]


def lead_counts(trustees: list[RightsTrustee]) -> dict[int, dict[str, int]]:
    """Per trustee: leads by coarse status (for the staff's trustee list)."""
    counts: dict[int, dict[str, int]] = {t.pk: dict.fromkeys(LeadStatus.values, 0) for t in trustees}
    for lead in Lead.objects.filter(trustee__in=trustees).select_related("inquiry__case"):
        counts[lead.trustee_id][lead_status(lead.inquiry)] += 1
    return counts
