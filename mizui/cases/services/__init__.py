"""State changes of the cases app (STYLE.md §3): every function takes the actor first and is atomic."""

from __future__ import annotations

from mizui.cases.services.casework import (
    CaseworkError,
    Step,
    add_note,
    add_task,
    advance,
    appeal_deadline,
    assign,
    close_case,
    close_inquiry,
    complete_task,
    escalate,
    log_event,
    open_case,
    record_inquiry,
    screen_case,
)
from mizui.cases.services.intake import request_help
from mizui.cases.services.residents import (
    ResidentData,
    create_resident,
    find_duplicates,
    give_consent,
    has_consent,
    merge_residents,
    search_residents,
)

__all__ = [
    "CaseworkError",
    "ResidentData",
    "Step",
    "add_note",
    "add_task",
    "advance",
    "appeal_deadline",
    "assign",
    "close_case",
    "close_inquiry",
    "complete_task",
    "create_resident",
    "escalate",
    "find_duplicates",
    "give_consent",
    "has_consent",
    "log_event",
    "merge_residents",
    "open_case",
    "record_inquiry",
    "request_help",
    "screen_case",
    "search_residents",
]
