"""Cases and the entitlement ledger: open, screen, advance a right step by step, assign, escalate."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import eligibility
from eligibility.parameters import ParameterNotFoundError, get_parameter
from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.cases.models import (
    NEXT_STAGES,
    UNCLAIMED,
    Basis,
    Case,
    CaseEvent,
    CaseScreening,
    CaseStatus,
    CloseReason,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Decision,
    Document,
    Entitlement,
    EventKind,
    Inquiry,
    InquiryChannel,
    InquiryStatus,
    Note,
    Resident,
    Stage,
    Task,
    TaskKind,
)
from mizui.cases.services.residents import give_consent
from mizui.lib.crypto import blind_index
from mizui.screening.models import Channel
from mizui.screening.services import run_screening, store_screening

# Evidence that names an uploaded decision letter: "document:<pk>" (see services/documents.py).
EVIDENCE_PREFIX = "document:"


class CaseworkError(ValueError):
    """A step the ledger or the case cannot take, with a message for the user (Hebrew first)."""


def log_event(actor: User | None, case: Case, kind: EventKind, text: str) -> CaseEvent:
    return CaseEvent.objects.create(authority=case.authority, case=case, actor=actor, kind=kind, text=text)


def record_inquiry(
    actor: User,
    *,
    authority: Authority,
    channel: InquiryChannel,
    full_name: str,
    phone: str,
    language: str = "he",
    note: str = "",
    event_code: str = "",
) -> Inquiry:
    """A walk-in, phone call, trustee's lead or partner referral, recorded by staff."""
    now = timezone.now()
    with transaction.atomic():
        inquiry = Inquiry.objects.create(
            authority=authority,
            channel=channel,
            full_name=full_name,
            phone=phone,
            phone_index=blind_index(phone, "phone"),
            preferred_language=language,
            note=note,
            event_code=event_code,
            consent_contact_at=now,
        )
        record(
            actor=actor, authority=authority, action=AccessAction.CREATE, object_type="inquiry", object_id=inquiry.pk
        )
    return inquiry


def close_inquiry(actor: User, inquiry: Inquiry, *, reason: CloseReason) -> None:
    if inquiry.status != InquiryStatus.NEW:
        raise CaseworkError(_("הפנייה כבר טופלה."))
    inquiry.status = InquiryStatus.CLOSED
    inquiry.closed_reason = reason
    inquiry.save(update_fields=["status", "closed_reason"])
    record(
        actor=actor,
        authority=inquiry.authority,
        action=AccessAction.UPDATE,
        object_type="inquiry",
        object_id=inquiry.pk,
    )


def open_case(
    actor: User,
    *,
    resident: Resident,
    topic: str,
    inquiry: Inquiry | None = None,
    lawyer: User | None = None,
    coordinator: User | None = None,
    volunteer: User | None = None,
) -> Case:
    with transaction.atomic():
        case = Case.objects.create(
            authority=resident.authority,
            household=resident.household,
            resident=resident,
            topic=topic,
            lawyer=lawyer,
            coordinator=coordinator,
            volunteer=volunteer,
        )
        log_event(actor, case, EventKind.OPENED, topic)
        if inquiry is not None:
            if inquiry.status != InquiryStatus.NEW:
                raise CaseworkError(_("הפנייה כבר טופלה."))
            inquiry.status = InquiryStatus.CONVERTED
            inquiry.case = case
            inquiry.resident = resident
            inquiry.save(update_fields=["status", "case", "resident"])
            _consents_from_help_form(actor, inquiry, resident)
            if inquiry.screening_id is not None:  # the screener's answers: the household's facts at intake
                CaseScreening.objects.get_or_create(
                    screening_id=inquiry.screening_id, defaults={"authority": case.authority, "case": case}
                )
        record(actor=actor, authority=case.authority, action=AccessAction.CREATE, object_type="case", object_id=case.pk)
    return case


def _consents_from_help_form(actor: User, inquiry: Inquiry, resident: Resident) -> None:
    """What the resident ticked on the public help form (to be contacted; to keep their answers) becomes consent on
    their file, dated when they gave it, once however often the inquiry is taken up."""
    if inquiry.channel != InquiryChannel.SCREENER:
        return  # staff recorded it: the consents are recorded on the resident's page as they are given
    ticked = [
        (ConsentPurpose.CONTACT, inquiry.consent_contact_at),
        (ConsentPurpose.KEEP_DATA, inquiry.consent_keep_answers_at),
    ]
    for purpose, at in ticked:
        if at is None:
            continue
        if Consent.objects.filter(resident=resident, purpose=purpose, method=ConsentMethod.FORM, given_at=at).exists():
            continue
        give_consent(actor, resident=resident, purpose=purpose, method=ConsentMethod.FORM, given_at=at)


def assign(actor: User, case: Case, *, lawyer: User | None, coordinator: User | None, volunteer: User | None) -> None:
    case.lawyer, case.coordinator, case.volunteer = lawyer, coordinator, volunteer
    case.save(update_fields=["lawyer", "coordinator", "volunteer"])
    names = ", ".join(u.full_name for u in (lawyer, coordinator, volunteer) if u)
    log_event(actor, case, EventKind.ASSIGNED, names)


def escalate(actor: User, case: Case, *, reason: str) -> None:
    """A volunteer hands the case to its lawyer (or the center's lawyers when none is assigned)."""
    case.escalated_at = timezone.now()
    case.save(update_fields=["escalated_at"])
    log_event(actor, case, EventKind.ESCALATED, reason)
    owner = case.lawyer or case.coordinator
    if owner is not None:
        add_task(
            actor,
            case,
            title=_("הועבר מהמתנדב/ת: %(reason)s") % {"reason": reason[:150]},
            due_on=timezone.localdate(),
            owner=owner,
        )


def close_case(actor: User, case: Case) -> None:
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.save(update_fields=["status", "closed_at"])
    log_event(actor, case, EventKind.CLOSED, "")


def _retro_cap(program: dict[str, Any]) -> int | None:
    months = program.get("retroactive_months")
    return int(months) if months is not None else None


def screen_case(
    actor: User, case: Case, *, household: dict[str, Any], lang: str = "he"
) -> tuple[list[Entitlement], dict[str, Any]]:
    """Screen the case's household; every eligible right not yet in the ledger becomes a row.

    `maybe` rights stay out of the ledger (they would flood it while facts are missing); the caller shows
    them with the question that would decide each. The stored screening is linked to the case: screening the
    household again later is how a follow-up is recorded (outcomes/followup.py).
    """
    result = run_screening(household, lang=lang)
    today = timezone.localdate()
    with transaction.atomic():
        stored = store_screening(
            actor, authority=case.authority, household=household, result=result, channel=Channel.STAFF, language=lang
        )
        CaseScreening.objects.create(authority=case.authority, case=case, screening=stored)
        existing = set(Entitlement.objects.filter(household=case.household).values_list("program", flat=True))
        created = []
        for program in result["programs"]:
            if program["status"] != "eligible" or program["id"] in existing:
                continue
            monthly = Decimal(str(program.get("monthly_amount") or 0))
            created.append(
                Entitlement.objects.create(
                    authority=case.authority,
                    household=case.household,
                    case=case,
                    program=program["id"],
                    agency=program["agency"],
                    monthly_amount=monthly,
                    one_off_amount=Decimal(str(program.get("one_off_amount") or 0)),
                    discount_percent=program.get("discount_percent"),
                    retro_cap_months=_retro_cap(program),
                    figures_from=program.get("figures_from"),
                    at_risk_monthly=monthly,
                    identified_on=today,
                )
            )
        names = ", ".join(p.get("name", p["id"]) for p in result["programs"] if p["id"] in {e.program for e in created})
        log_event(actor, case, EventKind.SCREENED, names)
    return created, result


@dataclass(frozen=True)
class Step:
    """What a staff member records when a right moves on: the new stage and what came with it."""

    stage: Stage
    on: dt.date
    decision: Decision | None = None
    denial_reason: str = ""
    monthly_amount: Decimal | None = None
    one_off_amount: Decimal | None = None
    retroactive_amount: Decimal | None = None
    waived_amount: Decimal | None = None
    evidence: str = ""


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day where it has none (31 January + 1 → 28 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def appeal_deadline(agency: str, decided_on: dt.date) -> dt.date | None:
    """The last day to appeal a decision of `agency`, from its dated parameter; None where none is encoded or where the
    agency's decisions have no appeal window (a `null` value, e.g. the health funds: a complaint has no deadline)."""
    try:
        window = get_parameter(f"general.appeal_deadline.{agency}")
    except ParameterNotFoundError:
        return None
    value = window(decided_on)
    if value is None:
        return None
    amount = int(value)
    return months_after(decided_on, amount) if window.unit == "month" else decided_on + dt.timedelta(days=amount)


def program_label(pid: str) -> str:
    """A right's name in the active language, for texts that are stored (a task's title, the timeline): never its id."""
    names = {p["id"]: str(p["label"]) for p in eligibility.programs(translation.get_language() or "he")}
    return names.get(pid, pid)


def _check(entitlement: Entitlement, step: Step) -> None:
    if step.stage not in NEXT_STAGES[entitlement.stage]:
        raise CaseworkError(
            _('אי אפשר לעבור מ"%(current)s" ל"%(next)s". השלב הבא האפשרי: %(allowed)s.')
            % {
                "current": Stage(entitlement.stage).label,
                "next": Stage(step.stage).label,
                "allowed": ", ".join(str(Stage(s).label) for s in sorted(NEXT_STAGES[entitlement.stage])) or "—",
            }
        )
    if step.on > timezone.localdate():
        raise CaseworkError(_("התאריך לא יכול להיות בעתיד."))
    if step.stage == Stage.DECIDED and step.decision is None:
        raise CaseworkError(_("נא לבחור את ההחלטה: אושרה, אושרה חלקית או נדחתה."))
    if step.decision == Decision.DENIED and not step.denial_reason:
        raise CaseworkError(_("נא לבחור את סיבת הדחייה, כדי שנוכל ללמוד ממנה ולערער."))
    if step.stage == Stage.PAID and entitlement.decision == Decision.DENIED:
        raise CaseworkError(_("זכות שנדחתה לא יכולה להיות משולמת; אפשר להגיש ערר."))
    has_amount = any(
        a is not None for a in (step.monthly_amount, step.one_off_amount, step.retroactive_amount, step.waived_amount)
    )
    if has_amount and step.stage in {Stage.DECIDED, Stage.PAID} and not step.evidence:
        raise CaseworkError(_("סכום מאושר צריך אסמכתה: מכתב החלטה או תשובת הגוף."))
    if step.evidence.startswith(EVIDENCE_PREFIX) and not _names_decision_letter(entitlement, step.evidence):
        raise CaseworkError(_("המסמך שצוין כאסמכתה אינו מכתב החלטה של הזכות הזו."))


def _names_decision_letter(entitlement: Entitlement, evidence: str) -> bool:
    pk = evidence.removeprefix(EVIDENCE_PREFIX)
    return (
        pk.isdigit() and Document.objects.filter(pk=int(pk), entitlement=entitlement, is_decision_letter=True).exists()
    )


def advance(actor: User, entitlement: Entitlement, step: Step) -> Entitlement:
    """Move a right to its next stage; amounts given with a decision or payment become confirmed."""
    _check(entitlement, step)
    with transaction.atomic():
        entitlement.stage = step.stage
        date_field = {
            Stage.DOCUMENTS: "documents_on",
            Stage.SUBMITTED: "submitted_on",
            Stage.DECIDED: "decided_on",
            Stage.APPEALED: "appealed_on",
            Stage.PAID: "paid_on",
            Stage.RENEWAL_DUE: "renewal_due_on",
        }.get(step.stage)
        fields = ["stage", "at_risk_monthly"]
        if date_field:
            setattr(entitlement, date_field, step.on)
            fields.append(date_field)
        if step.decision is not None:
            entitlement.decision = step.decision
            entitlement.denial_reason = step.denial_reason if step.decision == Decision.DENIED else ""
            fields += ["decision", "denial_reason"]
        amounts = {
            "monthly_amount": step.monthly_amount,
            "one_off_amount": step.one_off_amount,
            "retroactive_amount": step.retroactive_amount,
            "waived_amount": step.waived_amount,
        }
        for name, value in amounts.items():
            if value is not None:
                setattr(entitlement, name, value)
                fields.append(name)
        if step.evidence:
            entitlement.basis = Basis.CONFIRMED
            entitlement.evidence = step.evidence
            fields += ["basis", "evidence"]
        if step.decision == Decision.DENIED:
            entitlement.monthly_amount = Decimal(0)
            fields.append("monthly_amount")
        entitlement.at_risk_monthly = entitlement.monthly_amount if entitlement.stage in UNCLAIMED else Decimal(0)
        entitlement.save(update_fields=sorted(set(fields)))
        case = entitlement.case
        right = program_label(entitlement.program)
        log_event(actor, case, EventKind.LEDGER, f"{right}: {Stage(step.stage).label}")
        if step.decision == Decision.DENIED and (deadline := appeal_deadline(entitlement.agency, step.on)) is not None:
            owner = case.lawyer or case.coordinator or actor
            add_task(
                actor,
                case,
                title=_("מועד אחרון לערר על דחיית %(program)s") % {"program": right},
                due_on=deadline,
                owner=owner,
                kind=TaskKind.APPEAL_DEADLINE,
                entitlement=entitlement,
            )
    return entitlement


def add_task(
    actor: User | None,
    case: Case,
    *,
    title: str,
    due_on: dt.date,
    owner: User,
    kind: TaskKind = TaskKind.GENERAL,
    entitlement: Entitlement | None = None,
) -> Task:
    task = Task.objects.create(
        authority=case.authority,
        case=case,
        entitlement=entitlement,
        kind=kind,
        title=title,
        due_on=due_on,
        owner=owner,
        created_by=actor,
    )
    log_event(actor, case, EventKind.TASK, title)
    return task


def complete_task(actor: User, task: Task) -> None:
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    log_event(actor, task.case, EventKind.TASK, _("בוצע: %(title)s") % {"title": task.title})


def add_note(actor: User, case: Case, *, body: str, privileged: bool) -> Note:
    note = Note.objects.create(authority=case.authority, case=case, author=actor, body=body, privileged=privileged)
    log_event(actor, case, EventKind.NOTE, "" if privileged else body[:200])
    record(actor=actor, authority=case.authority, action=AccessAction.CREATE, object_type="note", object_id=note.pk)
    return note
