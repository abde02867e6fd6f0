"""Rebuild one authority's outcome tables from the rows staff work on (inquiries, the ledger, referrals, barriers, the
screenings linked to cases), in one pass each, inside the authority's tenant. The definitions of what is counted
where live in `kpis.py`; this module only buckets rows by month and dimension, so every KPI reads the same buckets.

A full rebuild (not an increment) because a ledger row moves between stages and its "state today" changes. It
streams each table once and counts in Python, the same on SQLite and PostgreSQL; at 2 M ledger rows it took about
five minutes on the shared 2-core machine (docs/performance.md), so it runs as a background task (tasks.py),
scheduled by the changes it counts (freshness.py: one waiting rebuild at a time), and the dashboard says when the
tables were last rebuilt.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from mizui.accounts.models import Authority
from mizui.cases.models import (
    FINAL_STATUSES,
    Barrier,
    Case,
    CaseScreening,
    Decision,
    Entitlement,
    Inquiry,
    Referral,
    Resident,
    Stage,
)
from mizui.outcomes import followup
from mizui.outcomes.models import (
    BarrierFact,
    DurationFact,
    FollowUpFact,
    InquiryFact,
    InquiryKind,
    InquirySource,
    LedgerFact,
    Measure,
    ReachFact,
    ReferralFact,
    ReferralState,
    Refresh,
    Span,
)
from mizui.screening.models import Screening
from mizui.screening.services import decode

REPEAT_WINDOW = dt.timedelta(days=90)  # a program definition (not law): a contact within 90 days is a repeat
# Durations are kept to the day for a month, then to the week for half a year, then to 30 days: medians read these
# buckets, and coarser buckets keep the histogram small (the dashboard's costliest query, docs/performance.md).
EXACT_DAYS, WEEKLY_DAYS = 31, 182
BATCH = 5000
NO_CHANNEL = "none"  # a case opened with no inquiry on record

# Reach groups. Age, disability, immigration and family status are not columns of the resident's file, so a
# resident belongs to a group when their household's ledger holds a right that exists for that group; language
# groups read the resident's preferred language. (kpis.md lists the same sets.)
GROUP_RIGHTS: dict[str, frozenset[str]] = {
    "elderly": frozenset(
        {
            "old_age_pension",
            "old_age_income_supplement",
            "arnona_senior",
            "arnona_senior_supplement",
            "arnona_senior_income_test",
        }
    ),
    "disability": frozenset(
        {
            "general_disability",
            "arnona_incapacity_75",
            "arnona_medical_90",
            "arnona_blind",
            "arnona_disabled_child_parent",
        }
    ),
    "immigrants": frozenset({"arnona_new_immigrant"}),
    "single_parents": frozenset({"arnona_single_parent"}),
}
GROUP_LANGUAGES = {"arabic": "ar", "russian": "ru"}
ALL = "all"


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def bucket(days: int) -> int:
    """The first day of the bucket: `days` itself up to 31, then weeks from 32 (32, 39 …), then 30 days from 186."""
    if days <= EXACT_DAYS:
        return days
    if days <= WEEKLY_DAYS + 3:  # the last weekly bucket, 179–185, straddles 182
        return days - (days - EXACT_DAYS - 1) % 7
    return days - (days - 186) % 30


def months_between(start: dt.date, end: dt.date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


def ledger_state(stage: str, decision: str) -> str:
    """Where a right identified stands today: open, pending, approved, denied or dropped."""
    if stage in (Stage.IDENTIFIED, Stage.DOCUMENTS):
        return "open"
    if stage in (Stage.SUBMITTED, Stage.APPEALED):
        return "pending"
    if stage == Stage.DROPPED:
        return "dropped"
    if stage in (Stage.PAID, Stage.RENEWAL_DUE) or decision in (Decision.APPROVED, Decision.PARTIAL):
        return "approved"
    return "denied" if decision == Decision.DENIED else "pending"


def decision_outcome(decision: str, denial_reason: str) -> str:
    if decision in (Decision.APPROVED, Decision.PARTIAL):
        return "approved"
    return f"denied:{denial_reason or 'other'}"


@dataclass
class Sums:
    rights: int = 0
    monthly: Decimal = Decimal(0)
    one_off: Decimal = Decimal(0)
    retroactive: Decimal = Decimal(0)
    waived: Decimal = Decimal(0)
    months_lost: int = 0
    money_lost: Decimal = Decimal(0)

    def add(self, row: dict[str, Any], *, money: bool = True) -> None:
        self.rights += 1
        if money:
            self.monthly += row["monthly_amount"]
            self.one_off += row["one_off_amount"]
            self.retroactive += row["retroactive_amount"]
            self.waived += row["waived_amount"]


@dataclass
class CaseInfo:
    start: dt.date  # first contact: the case's first inquiry, or the day it was opened
    channel: str
    staff: int | None


@dataclass
class Built:
    inquiries: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    ledger: dict[tuple[Any, ...], Sums] = field(default_factory=lambda: defaultdict(Sums))
    durations: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    referrals: dict[tuple[Any, ...], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    barriers: dict[tuple[Any, ...], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    reach: dict[tuple[dt.date, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    follow_ups: dict[dt.date, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    ledger_rows: int = 0


def classify(last_contact: dict[str, dt.date], day: dt.date, resident: int | None, phone: str) -> InquiryKind:
    """New, returning or repeat, given each person's last contact so far (updated); feed inquiries in time order.

    The same person is their resident file when the inquiry is linked to one, else the blind index of the phone.
    """
    who = f"r{resident}" if resident else f"p{phone}"
    before = last_contact.get(who)
    last_contact[who] = day
    if before is None:
        return InquiryKind.NEW
    return InquiryKind.REPEAT if day - before <= REPEAT_WINDOW else InquiryKind.RETURNING


def _inquiries(authority: Authority, built: Built) -> dict[int, tuple[dt.date, str]]:
    """Inquiry buckets; returns each case's first inquiry (day, channel)."""
    last_contact: dict[str, dt.date] = {}
    first_of_case: dict[int, tuple[dt.date, str]] = {}
    rows = Inquiry.objects.for_authority(authority).order_by("created_at", "pk")
    fields = ("created_at", "channel", "screening_id", "event_code", "resident_id", "phone_index", "case_id")
    staff_of = dict(
        Case.objects.for_authority(authority)
        .filter(inquiries__isnull=False)
        .annotate(staff=Coalesce("lawyer_id", "coordinator_id"))
        .values_list("pk", "staff")
    )
    for created, channel, screening, event, resident, phone, case in rows.values_list(*fields).iterator(BATCH):
        day = local_day(created)
        kind = classify(last_contact, day, resident, phone)
        source = InquirySource.EVENT if event else InquirySource.SCREENING if screening else InquirySource.DIRECT
        built.inquiries[(month_of(day), channel, source, kind, event, staff_of.get(case))] += 1
        if case is not None and case not in first_of_case:
            first_of_case[case] = (day, channel)
        if resident:
            built.reach[(month_of(day), ALL)].add(resident)
    return first_of_case


def _cases(authority: Authority, first: dict[int, tuple[dt.date, str]], built: Built) -> dict[int, CaseInfo]:
    info: dict[int, CaseInfo] = {}
    rows = Case.objects.for_authority(authority).values_list(
        "pk", "opened_at", "resident_id", "lawyer_id", "coordinator_id"
    )
    for pk, opened, resident, lawyer, coordinator in rows.iterator(BATCH):
        day, channel = first.get(pk, (local_day(opened), NO_CHANNEL))
        info[pk] = CaseInfo(min(day, local_day(opened)), channel, lawyer or coordinator)
        built.reach[(month_of(local_day(opened)), ALL)].add(resident)
    return info


def _ledger(authority: Authority, cases: dict[int, CaseInfo], built: Built, today: dt.date) -> None:
    columns = [
        *("case_id", "program", "agency", "stage", "decision", "denial_reason", "basis", "retro_cap_months"),
        *("monthly_amount", "one_off_amount", "retroactive_amount", "waived_amount"),
        *("identified_on", "submitted_on", "decided_on", "paid_on"),
    ]
    for row in Entitlement.objects.for_authority(authority).values(*columns).iterator(BATCH):
        built.ledger_rows += 1
        case = cases[row["case_id"]]
        dims = (row["program"], row["agency"], case.channel, case.staff)
        state = ledger_state(row["stage"], row["decision"])
        sums = built.ledger[(Measure.IDENTIFIED, month_of(row["identified_on"]), state, row["basis"], *dims)]
        sums.add(row)
        if row["retro_cap_months"] is not None and state != "denied":
            end = row["submitted_on"] or today
            lost = max(0, months_between(row["identified_on"], end) - row["retro_cap_months"])
            sums.months_lost += lost
            sums.money_lost += row["monthly_amount"] * lost
        if row["submitted_on"]:
            built.ledger[(Measure.SUBMITTED, month_of(row["submitted_on"]), "", row["basis"], *dims)].add(row)
            _duration(built, Span.SUBMISSION, case.start, row["submitted_on"], dims)
        if row["decided_on"] and row["decision"]:
            outcome = decision_outcome(row["decision"], row["denial_reason"])
            built.ledger[(Measure.DECIDED, month_of(row["decided_on"]), outcome, row["basis"], *dims)].add(
                row, money=outcome == "approved"
            )
            _duration(built, Span.DECISION, case.start, row["decided_on"], dims)
        if row["paid_on"]:
            built.ledger[(Measure.PAID, month_of(row["paid_on"]), "", row["basis"], *dims)].add(row)
            _duration(built, Span.PAYMENT, case.start, row["paid_on"], dims)


def _duration(built: Built, span: Span, start: dt.date, end: dt.date, dims: tuple[Any, ...]) -> None:
    days = (end - start).days
    if days >= 0:  # a date typed before the first contact says nothing about our speed
        built.durations[(month_of(end), span, bucket(days), *dims)] += 1


def _referrals(authority: Authority, built: Built, now: dt.datetime) -> None:
    rows = Referral.objects.for_authority(authority).values_list(
        "sent_at",
        "first_answer_at",
        "status",
        "service__organization__key",
        "service__organization__sla_days",
        "entitlement__program",
        "entitlement__agency",
        "sent_by_id",
    )
    for sent, answered, status, organization, sla, program, agency, staff in rows.iterator(BATCH):
        due = sent + dt.timedelta(days=sla)
        closed = status in FINAL_STATUSES
        if answered is None:
            state = (
                ReferralState.CLOSED_NO_ANSWER
                if closed
                else ReferralState.OVERDUE
                if now > due
                else ReferralState.WAITING
            )
        elif closed:
            state = ReferralState.CLOSED_IN_SLA if answered <= due else ReferralState.CLOSED_LATE
        else:
            state = ReferralState.OPEN_IN_SLA if answered <= due else ReferralState.OPEN_LATE
        key = (month_of(local_day(sent)), organization, program or "", agency or "", staff, state)
        built.referrals[key][0] += 1
        if answered is not None:
            built.referrals[key][1] += (answered - sent).days


def _barriers(authority: Authority, built: Built) -> None:
    rows = Barrier.objects.for_authority(authority).values_list(
        "occurred_on", "agency", "program", "kind", "resolved_on"
    )
    for occurred, agency, program, kind, resolved in rows.iterator(BATCH):
        counts = built.barriers[(month_of(occurred), agency, program, kind)]
        counts[0] += 1
        counts[1] += resolved is not None


def _groups(authority: Authority, built: Built) -> None:
    """Split each month's residents in contact into the reach groups."""
    contacted = set().union(*(residents for (_m, group), residents in built.reach.items() if group == ALL))
    households: dict[int, int] = {}
    languages: dict[int, str] = {}
    for chunk in _chunks(sorted(contacted), BATCH):
        for pk, household, language in (
            Resident.objects.for_authority(authority)
            .filter(pk__in=chunk)
            .values_list("pk", "household_id", "preferred_language")
        ):
            households[pk], languages[pk] = household, language
    rights = set().union(*GROUP_RIGHTS.values())
    in_group: dict[int, set[str]] = defaultdict(set)
    ledger = Entitlement.objects.for_authority(authority).filter(program__in=rights)
    for household, program in ledger.values_list("household_id", "program").iterator(BATCH):
        in_group[household] |= {g for g, programs in GROUP_RIGHTS.items() if program in programs}
    for (month, _all), residents in list(built.reach.items()):
        for resident in residents:
            groups = set(in_group.get(households.get(resident, 0), ()))
            groups |= {g for g, code in GROUP_LANGUAGES.items() if languages.get(resident) == code}
            for group in groups:
                built.reach[(month, group)].add(resident)


def _follow_ups(authority: Authority, built: Built, today: dt.date) -> None:
    """Each household whose 12 months from its first screening on a case have ended, by the month they ended, with
    what its follow-up shows (followup.py). Only a baseline and its follow-up are decrypted, nothing else."""
    screened: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    rows = CaseScreening.objects.for_authority(authority).values_list(
        "case__household_id", "screening__created_at", "screening_id"
    )
    for household, created, screening in rows.order_by("screening__created_at", "screening_id").iterator(BATCH):
        screened[household].append((local_day(created), screening))
    pairs: list[tuple[dt.date, int, int | None]] = []  # (the month the 12 months ended, baseline, follow-up)
    for (baseline_day, baseline), *rest in screened.values():
        end = followup.window_end(baseline_day)
        if end <= today:
            pairs.append((month_of(end), baseline, followup.follow_up(baseline_day, rest)))
    wanted = sorted({pk for _m, baseline, later in pairs if later is not None for pk in (baseline, later)})
    households: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(wanted, BATCH):
        for pk, encrypted in (
            Screening.objects.for_authority(authority).filter(pk__in=chunk).values_list("pk", "household_json")
        ):
            households[pk] = decode(encrypted)
    for month, baseline, later in pairs:
        change = followup.NOT_FOLLOWED if later is None else followup.compare(households[baseline], households[later])
        built.follow_ups[month].update(change.counts())


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def build(authority: Authority, now: dt.datetime | None = None) -> Built:
    """Read every source row once; call inside the authority's tenant."""
    moment = now or timezone.now()
    built = Built()
    first = _inquiries(authority, built)
    cases = _cases(authority, first, built)
    _ledger(authority, cases, built, timezone.localdate(moment))
    _referrals(authority, built, moment)
    _barriers(authority, built)
    _groups(authority, built)
    _follow_ups(authority, built, timezone.localdate(moment))
    return built


def _rows(authority: Authority, built: Built) -> Iterable[tuple[type[models.Model], list[models.Model]]]:
    a = authority
    yield (
        InquiryFact,
        [
            InquiryFact(authority=a, month=m, channel=ch, source=src, kind=k, event_code=ev, staff_id=s, inquiries=n)
            for (m, ch, src, k, ev, s), n in built.inquiries.items()
        ],
    )
    yield (
        LedgerFact,
        [
            LedgerFact(
                authority=a, measure=meas, month=m, outcome=out, basis=basis, program=p, agency=ag, channel=ch,
                staff_id=s, rights=v.rights, monthly=v.monthly, one_off=v.one_off, retroactive=v.retroactive,
                waived=v.waived, months_lost=v.months_lost, money_lost=v.money_lost,
            )
            for (meas, m, out, basis, p, ag, ch, s), v in built.ledger.items()
        ],
    )  # fmt: skip
    yield (
        DurationFact,
        [
            DurationFact(authority=a, month=m, span=sp, days=d, program=p, agency=ag, channel=ch, staff_id=s, rights=n)
            for (m, sp, d, p, ag, ch, s), n in built.durations.items()
        ],
    )
    yield (
        ReferralFact,
        [
            ReferralFact(
                authority=a, month=m, organization=o, program=p, agency=ag, staff_id=s, state=st,
                referrals=v[0], answer_days=v[1],
            )
            for (m, o, p, ag, s, st), v in built.referrals.items()
        ],
    )  # fmt: skip
    yield (
        BarrierFact,
        [
            BarrierFact(authority=a, month=m, agency=ag, program=p, kind=k, barriers=v[0], resolved=v[1])
            for (m, ag, p, k), v in built.barriers.items()
        ],
    )
    yield (
        ReachFact,
        [ReachFact(authority=a, month=m, group=g, residents=len(r)) for (m, g), r in built.reach.items()],
    )
    yield (
        FollowUpFact,
        [
            FollowUpFact(authority=a, month=m, **{name: counts[name] for name in followup.COUNTS})
            for m, counts in built.follow_ups.items()
        ],
    )


FACT_TABLES: tuple[type[models.Model], ...] = (
    InquiryFact,
    LedgerFact,
    DurationFact,
    ReferralFact,
    BarrierFact,
    ReachFact,
    FollowUpFact,
)


def rebuild(authority: Authority, now: dt.datetime | None = None) -> Refresh:
    """Replace the authority's outcome tables with fresh ones, atomically; call inside its tenant."""
    started = time.perf_counter()
    built = build(authority, now)
    with transaction.atomic():
        for model in FACT_TABLES:
            model._default_manager.filter(authority=authority).delete()
        for model, objects in _rows(authority, built):
            model._default_manager.bulk_create(objects, batch_size=BATCH)
        refresh, _created = Refresh.objects.update_or_create(
            authority=authority,
            defaults={
                "finished_at": timezone.now(),
                "seconds": time.perf_counter() - started,
                "ledger_rows": built.ledger_rows,
            },
        )
    return refresh
