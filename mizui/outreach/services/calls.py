"""A phone campaign's call: the questions that would decide a household's rights, asked in the resident's language;
the answers recorded as facts of the household (the resident's own word, dated the day of the call), the household
screened again at once, and, once a right is confirmed, an inquiry from outreach with the confirmed rights on the
ledger of a new case.

The household the call screens is the one the batch run screened: every member the municipal files put in it, their
facts merged across sources (`importer.merge`). It is screened here as one household of the contract
(`eligibility.screen`), so every answer the caller sees names its conditions and the questions still open.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import eligibility
from eligibility.frames import receivable
from eligibility.i18n import pick
from eligibility.inputs import Input, inputs
from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, User
from mizui.cases.models import Case, Resident
from mizui.cases.services import ResidentData, create_resident, open_case, screen_case
from mizui.outreach.models import CampaignChannel, ContactOutcome, Group, PopulationMember, TargetStatus
from mizui.outreach.models.campaigns import CampaignTarget, Contact
from mizui.outreach.services import likelihood
from mizui.outreach.services.campaigns import CampaignError, record_response
from mizui.outreach.services.importer import merge

# The source a fact recorded in a call is stamped with (importer.merge's stamp: [data date, precedence, source]):
# dated the day of the call, and more authoritative than any file (precedence 0), because the resident said it.
CALL_SOURCE = "call"
CALL_PRECEDENCE = 0
MAX_QUESTIONS = 10  # a call is a few minutes: the questions deciding the most money first
CALL_LANGUAGES = ("he", "ar", "ru", "en")  # the languages the questions are declared in; others hear Hebrew
ADULT_ROLES = ("applicant", "partner", "other")
# What a child is asked about: their birth date and medical disability (the rules read a child's incomes as none,
# and an earning incapacity or a disability pension is an adult's).
CHILD_COLUMNS = ("birth_date", "medical_percent", "blind")
NEAR = 3  # a right at most this many answers decide is "near": asked before the rest, most money first
# A date that "since birth" answers: born in Israel (no immigration; living here since the birth date).
SINCE_BIRTH_COLUMNS = ("immigration_date", "resident_since")
BORN_HERE = {"he": "נולד/ה בישראל", "ar": "وُلد/ت في إسرائيل", "ru": "Родился(-ась) в Израиле", "en": "Born in Israel"}
FROM_DATE = {"he": "מתאריך:", "ar": "منذ تاريخ:", "ru": "С даты:", "en": "From the date:"}
SINCE = "__from"  # the form's "born here / from a date" choice beside such a date: <ask key>__from
NONE = "none"  # "none of these", for the benefits already received


@dataclass
class Member:
    pk: int
    role: str
    record: dict[str, Any]

    @property
    def first_name(self) -> str:
        name = str(self.record.get("full_name") or "").strip()
        return name.split()[0] if name else ""


@dataclass
class Ask:
    """One question of the call: a declared input, about one member (person inputs) or the household."""

    key: str  # the form field: "<member pk>__<column>", or "household__<column>"
    spec: Input
    member: Member | None
    programs: list[str] = field(default_factory=list)  # the rights its answer may decide


@dataclass
class CallState:
    household: dict[str, Any]
    members: list[Member]
    result: dict[str, Any]
    asks: list[Ask]

    def programs(self, *statuses: str) -> list[dict[str, Any]]:
        return [p for p in self.result["programs"] if p["status"] in statuses]


def language_of(target: CampaignTarget) -> str:
    return target.member.language if target.member.language in CALL_LANGUAGES else "he"


def household_members(target: CampaignTarget) -> list[Member]:
    """The members of the target's household as the run grouped them, the one the campaign reaches first, then the
    others in their files' order; one applicant (the reached person) and at most one partner."""
    rows = PopulationMember.objects.for_authority(target.authority).filter(household_key=target.household_key)
    found = [
        Member(pk, role, json.loads(data)) for pk, role, data in rows.order_by("pk").values_list("pk", "role", "data")
    ]
    found.sort(key=lambda m: m.pk != target.member_id)
    partner = False
    for index, member in enumerate(found):
        if index == 0:
            member.role = "applicant"
        elif member.role == "partner" and not partner:
            partner = True
        elif member.role != "child":
            member.role = "other"
    return found


def _set(target: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[leaf] = value


def _value(spec: Input, raw: Any) -> Any:
    if spec.type == "programs":  # a benefit the rules do not know (a municipal code of its own) is left out
        items = raw.split(";") if isinstance(raw, str) else list(raw)
        known = set(receivable())
        return [p for p in items if p in known]
    return raw


def to_household(members: list[Member], authority: str) -> dict[str, Any]:
    """The household contract (docs/household.md) from the members' merged records: each person input from the
    member's own record, each household input from the first member whose record gives it (the reached person
    first). A fact no record gives stays absent: unknown, never guessed."""
    household: dict[str, Any] = {"authority": authority, "members": []}
    specs = [s for s in inputs() if s.column in {c for m in members for c in m.record}]
    for member in members:
        person: dict[str, Any] = {"id": str(member.pk), "role": member.role}
        for spec in specs:
            if spec.entity == "person" and member.record.get(spec.column) not in (None, ""):
                _set(person, spec.path.removeprefix("members[]."), _value(spec, member.record[spec.column]))
        if "immigration_date" in member.record and member.record["immigration_date"] is None:
            person["immigration_date"] = None  # said so (born in Israel): not an immigrant, as the contract reads it
        household["members"].append(person)
    for spec in specs:
        if spec.entity != "household" or spec.path in ("authority", "members", "as_of"):
            continue
        given = next((m.record[spec.column] for m in members if m.record.get(spec.column) not in (None, "")), None)
        if given is not None:
            _set(household, spec.path, _value(spec, given))
    return household


def _by_question() -> dict[str, Input]:
    return {spec.question_id: spec for spec in inputs() if spec.question_id}


def _asked_of(spec: Input, members: list[Member]) -> list[Member | None]:
    """Whom a question is asked about: the household once, or each member whose record lacks it (a child only
    about their own disability)."""
    if spec.entity == "household":
        return [None] if not any(m.record.get(spec.column) not in (None, "") for m in members) else []
    if spec.type == "programs":  # what the household already gets: asked once, answered for everyone
        return [members[0]]
    out: list[Member | None] = []
    for member in members:
        if member.record.get(spec.column) not in (None, ""):
            continue
        if member.role == "child" and spec.column not in CHILD_COLUMNS:
            continue
        out.append(member)
    return out


def _ask_key(spec: Input, member: Member | None) -> str:
    return f"{member.pk if member else 'household'}__{spec.column}"


def deciding_questions(result: dict[str, Any], members: list[Member], first: list[str]) -> list[Ask]:
    """The questions whose answers could decide the household's open rights, the nearest decisions first: a right
    fewer answers decide before one that needs many, and among those the rights the campaign targets (`first`, most
    expected money first), then the others by their highest amount. A right whose open facts are all ones most
    people answer "no" to (is anyone blind? `likelihood.USUAL`) comes last, as a batch run ranks it, unless the
    campaign targets it: the run listed the household for that right by presuming those very answers (no car, no
    savings for income support), so they are what the call must check first. Only what a resident can answer: an
    agency's own decision (a medical committee) is not a question for a call."""
    specs = _by_question()
    order = {pid: index for index, pid in enumerate(first)}
    wanted: list[tuple[tuple[bool, bool, int, float], str, list[tuple[Input, Member | None]]]] = []
    for program in result["programs"]:
        if program["status"] != "maybe":
            continue
        pairs = [
            (spec, member)
            for spec in (specs.get(m["id"]) for m in program.get("missing") or [])
            if spec is not None
            for member in _asked_of(spec, members)
        ]
        if not pairs:
            continue
        targeted = program["id"] in order
        unlikely = not targeted and all(spec.column in likelihood.USUAL for spec, _member in pairs)
        rank = (
            unlikely,
            len(pairs) > NEAR,
            order.get(program["id"], len(order)),
            -(program.get("monthly_amount_max") or 0),
        )
        wanted.append((rank, program["id"], pairs))
    asks: dict[str, Ask] = {}
    for _rank, pid, pairs in sorted(wanted, key=lambda item: item[0]):
        keys = [_ask_key(spec, member) for spec, member in pairs]
        if len(asks) + len(set(keys) - set(asks)) > MAX_QUESTIONS:
            continue  # a right this call cannot finish deciding is left for the next
        for key, (spec, member) in zip(keys, pairs, strict=True):
            asks.setdefault(key, Ask(key, spec, member)).programs.append(pid)
    return list(asks.values())


def call_state(target: CampaignTarget, lang: str = "he") -> CallState:
    members = household_members(target)
    household = to_household(members, target.authority.slug)
    result = eligibility.screen(household, lang=lang)
    return CallState(household, members, result, deciding_questions(result, members, target.program_list()))


def question_text(ask: Ask, lang: str) -> str:
    """The question as the caller reads it to the resident, in `lang`, naming whom it is about."""
    assert ask.spec.question is not None
    text = str(pick(ask.spec.question, lang))
    if ask.member is not None and ask.member.first_name and ask.spec.type != "programs":
        return f"{ask.member.first_name}: {text}"
    return text


def _json_value(spec: Input, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if spec.type in ("money", "number") and value is not None:
        return float(value)
    if spec.type == "integer" and value is not None:
        return int(value)
    return value


def record_answers(actor: User, target: CampaignTarget, answers: dict[str, Any]) -> list[str]:
    """Write the call's answers ({ask key: value}; an unanswered question is left out) into the members'
    records, stamped as the resident's word of today, and log the call as reached. Returns the facts recorded."""
    if target.group == Group.HOLDOUT:
        raise CampaignError(_("משק בית בקבוצת הביקורת: לא פונים אליו במסגרת הקמפיין."))
    state = call_state(target)
    asks = {ask.key: ask for ask in state.asks}
    stamp = [timezone.localdate().isoformat(), CALL_PRECEDENCE, CALL_SOURCE]
    changed: dict[int, Member] = {}
    facts = []

    def write(member: Member, values: dict[str, Any]) -> None:
        # The answer merged as a file's row would be (importer.merge), from the source "call" of today.
        member.record = merge(member.record, values, stamp)
        changed[member.pk] = member

    for key, value in answers.items():
        ask = asks.get(key)
        if ask is not None and ask.spec.column in SINCE_BIRTH_COLUMNS and answers.get(key + SINCE) == "birth":
            member = ask.member or state.members[0]
            # Born in Israel: no immigration date (an explicit null), and living here since the birth date.
            value = None if ask.spec.column == "immigration_date" else member.record.get("birth_date")
            if ask.spec.column == "resident_since" and value is None:
                continue
            write(member, {ask.spec.column: value})
            facts.append(ask.spec.column)
            continue
        if ask is None or value in (None, "", []):
            continue
        if ask.spec.type == "programs":
            got = [p for p in value if p != NONE]
            # The household's answer: the reached person gets what was ticked, the other adults nothing asked.
            for member in state.members:
                if member.role != "child":
                    write(member, {"receives": ";".join(got if member is state.members[0] else [])})
        else:
            write(ask.member or state.members[0], {ask.spec.column: _json_value(ask.spec, value)})
        facts.append(ask.spec.column)
    if not facts:
        raise CampaignError(_("לא נרשמה אף תשובה."))
    now = timezone.now()
    with transaction.atomic():
        for member in changed.values():
            PopulationMember.objects.filter(pk=member.pk, authority=target.authority).update(
                data=json.dumps(member.record, ensure_ascii=False)
            )
        Contact.objects.create(
            authority=target.authority,
            target=target,
            channel=target.campaign.channel,
            outcome=ContactOutcome.REACHED,
            at=now,
            by=actor,
        )
        if target.status == TargetStatus.PENDING:
            target.status, target.contacted_at = TargetStatus.CONTACTED, now
            target.save(update_fields=["status", "contacted_at"])
        for member in changed.values():
            record(
                actor=actor,
                authority=target.authority,
                action=AccessAction.UPDATE,
                object_type="population_member",
                object_id=member.pk,
            )
    return facts


def _resident(actor: User, target: CampaignTarget, member: Member) -> Resident:
    """The resident the center already knows by this ID number, or a new one from the municipal record."""
    from mizui.lib.crypto import blind_index

    id_number = str(member.record.get("id_number") or "")
    if id_number:
        known = (
            Resident.objects.for_authority(target.authority)
            .active()
            .filter(id_index=blind_index(id_number, "id"))
            .first()
        )
        if known is not None:
            return known
    born = member.record.get("birth_date")
    data = ResidentData(
        full_name=str(member.record.get("full_name") or _("ללא שם")),
        id_number=id_number,
        phone=str(member.record.get("phone") or ""),
        birth_date=dt.date.fromisoformat(born) if born else None,
        address=str(member.record.get("address") or ""),
        preferred_language=target.member.language,
        no_sms=target.member.no_sms,
        no_letters=target.member.no_letters,
    )
    return create_resident(actor, authority=target.authority, data=data)


def confirm(actor: User, target: CampaignTarget) -> Case:
    """The resident confirmed what the call found: an inquiry from outreach, a case for the reached person, and
    every right the household is now eligible for on the ledger of that case."""
    if target.campaign.channel not in (CampaignChannel.PHONE, CampaignChannel.VISIT):
        raise CampaignError(_("אישור זכויות בשיחה אפשרי רק בקמפיין טלפון או ביקור בית."))
    state = call_state(target)
    eligible = state.programs("eligible")
    if not eligible:
        raise CampaignError(_("עדיין אין זכות שאושרה בשיחה: נא לרשום את התשובות קודם."))
    names = ", ".join(str(p["name"]) for p in eligible)
    with transaction.atomic():
        inquiry = record_response(actor, target, note=_("אושרו בשיחה: %(rights)s") % {"rights": names})
        resident = _resident(actor, target, state.members[0])
        case = open_case(
            actor,
            resident=resident,
            topic=_("מיצוי זכויות מקמפיין: %(campaign)s") % {"campaign": target.campaign.name},
            inquiry=inquiry,
        )
        screen_case(actor, case, household=state.household)
    return case
