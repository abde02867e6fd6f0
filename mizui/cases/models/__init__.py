from __future__ import annotations

from mizui.cases.models.cases import Case, CaseEvent, CaseQuerySet, CaseStatus, EventKind
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
from mizui.cases.models.reminders import Reminder
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
)
from mizui.cases.models.work import Document, Note, Task, TaskKind, TaskQuerySet

__all__ = [
    "NEXT_STAGES",
    "UNCLAIMED",
    "Basis",
    "Case",
    "CaseEvent",
    "CaseQuerySet",
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
    "NameToken",
    "Note",
    "Reminder",
    "Resident",
    "ResidentQuerySet",
    "Sensitivity",
    "Stage",
    "Task",
    "TaskKind",
    "TaskQuerySet",
]
