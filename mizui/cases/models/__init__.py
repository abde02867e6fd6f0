from __future__ import annotations

from mizui.cases.models.barriers import Barrier, BarrierKind, BarrierQuerySet
from mizui.cases.models.calendar import CalendarFeed
from mizui.cases.models.cases import Case, CaseEvent, CaseQuerySet, CaseScreening, CaseStatus, EventKind
from mizui.cases.models.inquiries import CloseReason, Inquiry, InquiryChannel, InquiryStatus
from mizui.cases.models.ledger import (
    NEXT_STAGES,
    UNCLAIMED,
    Basis,
    Decision,
    DenialReason,
    Entitlement,
    EntitlementQuerySet,
    Stage,
)
from mizui.cases.models.messages import MessageStatus, OutgoingMessage, SmsOptOut
from mizui.cases.models.referrals import (
    FINAL_STATUSES,
    Referral,
    ReferralDocument,
    ReferralStatus,
    ReferralStatusChange,
)
from mizui.cases.models.reminders import Reminder
from mizui.cases.models.resident_links import ResidentLink, ResidentLinkChannel
from mizui.cases.models.residents import (
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Household,
    HouseholdRole,
    NameToken,
    Resident,
    ResidentQuerySet,
    Sensitivity,
    SharedIdentifier,
)
from mizui.cases.models.work import Document, Note, Task, TaskKind, TaskQuerySet

__all__ = [
    "FINAL_STATUSES",
    "NEXT_STAGES",
    "UNCLAIMED",
    "Barrier",
    "BarrierKind",
    "BarrierQuerySet",
    "Basis",
    "CalendarFeed",
    "Case",
    "CaseEvent",
    "CaseQuerySet",
    "CaseScreening",
    "CaseStatus",
    "CloseReason",
    "Consent",
    "ConsentMethod",
    "ConsentPurpose",
    "Decision",
    "DenialReason",
    "Document",
    "Entitlement",
    "EntitlementQuerySet",
    "EventKind",
    "Household",
    "HouseholdRole",
    "Inquiry",
    "InquiryChannel",
    "InquiryStatus",
    "MessageStatus",
    "NameToken",
    "Note",
    "OutgoingMessage",
    "Referral",
    "ReferralDocument",
    "ReferralStatus",
    "ReferralStatusChange",
    "Reminder",
    "Resident",
    "ResidentLink",
    "ResidentLinkChannel",
    "ResidentQuerySet",
    "Sensitivity",
    "SharedIdentifier",
    "SmsOptOut",
    "Stage",
    "Task",
    "TaskKind",
    "TaskQuerySet",
]
