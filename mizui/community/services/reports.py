"""Figures other apps read (outcomes' KPIs) and the national round table: plain functions returning plain rows.

Run them inside the authority's tenant (a request, or accounts.tenancy.tenant_context).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Barrier, Basis, Decision, Entitlement, Inquiry
from mizui.cases.services.barriers import AGENCY_OF_ORGANIZATION
from mizui.community.models import Commitment, HoursEntry, Initiative, Kind

# National figures drawn from residents' files are shown only from this count up (DESIGN.md: k ≥ 10).
MIN_CELL = 10


@dataclass(frozen=True)
class VolunteerHoursRow:
    volunteer_id: int  # community.Volunteer
    user_id: int
    name: str
    hours: Decimal
    entries: int
    cases: int  # distinct cases the hours were given to


def volunteer_hours(authority: Authority, start: dt.date, end: dt.date) -> list[VolunteerHoursRow]:
    """Hours each volunteer logged between `start` and `end` (inclusive), most hours first."""
    rows = (
        HoursEntry.objects.for_authority(authority)
        .filter(on__gte=start, on__lte=end)
        .values("volunteer", "volunteer__membership__user", "volunteer__membership__user__full_name")
        .annotate(hours=Sum("hours"), entries=Count("id"), cases=Count("case", distinct=True))
        .order_by("-hours", "volunteer")
    )
    return [
        VolunteerHoursRow(
            r["volunteer"],
            r["volunteer__membership__user"],
            r["volunteer__membership__user__full_name"],
            r["hours"] or Decimal(0),
            r["entries"],
            r["cases"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Money:
    """Confirmed ledger amounts (basis "confirmed", not denied): what the program counts as realized."""

    rights: int = 0
    monthly: Decimal = Decimal(0)
    one_off: Decimal = Decimal(0)
    retroactive: Decimal = Decimal(0)
    waived: Decimal = Decimal(0)

    @property
    def one_time(self) -> Decimal:
        """One-off and retroactive payments together (what arrived once, not each month)."""
        return self.one_off + self.retroactive


@dataclass(frozen=True)
class EventAttributionRow:
    initiative_id: int | None  # None: a code recorded at intake that names no event (typed before events existed)
    code: str
    title: str
    kind: str
    held_on: dt.date | None
    inquiries: int
    cases: int
    money: Money = field(default_factory=Money)


def _money(inquiries: list[Inquiry]) -> dict[str, Money]:
    """Per event code: confirmed money on the ledgers of the cases its inquiries became."""
    by_case = {i.case_id: i.event_code for i in inquiries if i.case_id}
    if not by_case:
        return {}
    sums: dict[str, dict[str, Decimal | int]] = defaultdict(lambda: defaultdict(Decimal))
    realized = Entitlement.objects.filter(case__in=list(by_case), basis=Basis.CONFIRMED).exclude(
        decision=Decision.DENIED
    )
    for case_id, monthly, one_off, retro, waived in realized.values_list(
        "case", "monthly_amount", "one_off_amount", "retroactive_amount", "waived_amount"
    ):
        code = by_case[case_id]
        s = sums[code]
        s["rights"] += 1
        s["monthly"] += monthly
        s["one_off"] += one_off
        s["retroactive"] += retro
        s["waived"] += waived
    return {
        code: Money(
            int(s["rights"]),
            Decimal(s["monthly"]),
            Decimal(s["one_off"]),
            Decimal(s["retroactive"]),
            Decimal(s["waived"]),
        )
        for code, s in sums.items()
    }


def event_attribution(authority: Authority, start: dt.date, end: dt.date) -> list[EventAttributionRow]:
    """Which activity produced inquiries and money: one row per event held between `start` and `end`, and per
    code that inquiries received in the period carry. Money is what the ledger has confirmed so far on the
    cases those inquiries became."""
    inquiries = list(
        Inquiry.objects.for_authority(authority)
        .exclude(event_code="")
        .filter(created_at__date__gte=start, created_at__date__lte=end)
        .only("event_code", "case_id")
    )
    counts: dict[str, list[Inquiry]] = defaultdict(list)
    for inquiry in inquiries:
        counts[inquiry.event_code].append(inquiry)
    money = _money(inquiries)
    events = Initiative.objects.for_authority(authority).filter(
        Q(held_on__gte=start, held_on__lte=end) | Q(code__in=list(counts))
    )
    rows = []
    seen = set()
    for event in events.order_by("held_on", "pk"):
        seen.add(event.code)
        found = counts.get(event.code, [])
        rows.append(
            EventAttributionRow(
                event.pk,
                event.code,
                event.title,
                event.kind,
                event.held_on,
                len(found),
                sum(1 for i in found if i.case_id),
                money.get(event.code, Money()),
            )
        )
    for code in sorted(set(counts) - seen):
        found = counts[code]
        rows.append(
            EventAttributionRow(
                None, code, "", "", None, len(found), sum(1 for i in found if i.case_id), money.get(code, Money())
            )
        )
    return rows


def attribution_of(initiative: Initiative) -> EventAttributionRow:
    """One event, all time: how many inquiries named its code, how many became cases, the money confirmed."""
    inquiries = list(Inquiry.objects.for_authority(initiative.authority).filter(event_code=initiative.code))
    return EventAttributionRow(
        initiative.pk,
        initiative.code,
        initiative.title,
        initiative.kind,
        initiative.held_on,
        len(inquiries),
        sum(1 for i in inquiries if i.case_id),
        _money(inquiries).get(initiative.code, Money()),
    )


# --- The national round table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuthorityRow:
    """Coarse figures of one authority. Counts from residents' files are None below MIN_CELL (shown "<10")."""

    name: str
    meetings: int
    commitments_open: int
    commitments_overdue: int
    commitments_done: int
    events: int
    event_inquiries: int | None


@dataclass(frozen=True)
class AgencyRow:
    agency: str
    barriers: int | None
    open: int | None
    partner_commitments_open: int


@dataclass(frozen=True)
class RoundTable:
    """Two tables, each with one partition of its totals: authorities (forum work, inquiries from events) and
    agencies (barriers). Barriers are not split by authority too, as both splits together would let a
    suppressed cell be worked out from the other table."""

    start: dt.date
    end: dt.date
    authorities: list[AuthorityRow]
    agencies: list[AgencyRow]
    totals: AuthorityRow
    agency_totals: AgencyRow


def suppressed(count: int) -> int | None:
    """A count from residents' files as it may be shown nationally: below MIN_CELL (zero too) it is hidden."""
    return count if count >= MIN_CELL else None


def safe_total(*partitions: list[int]) -> int | None:
    """A total of cells, unless it would give away suppressed cells. Total minus the shown cells is the sum of the
    hidden ones: it must not be below MIN_CELL, nor pin them down (one hidden cell; or all at the largest hidden
    value, MIN_CELL - 1)."""
    total = sum(partitions[0]) if partitions else 0
    for cells in partitions:
        hidden = [c for c in cells if c < MIN_CELL]
        if hidden and (len(hidden) == 1 or sum(hidden) < MIN_CELL or sum(hidden) == (MIN_CELL - 1) * len(hidden)):
            return None
    return suppressed(total)


def _authority(
    authority: Authority, start: dt.date, end: dt.date, today: dt.date
) -> tuple[AuthorityRow, dict[str, list[int]]]:
    commitments = Commitment.objects.for_authority(authority).filter(
        meeting__held_on__gte=start, meeting__held_on__lte=end
    )
    c = commitments.aggregate(
        open=Count("id", filter=Q(done_on__isnull=True)),
        overdue=Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
        done=Count("id", filter=Q(done_on__isnull=False)),
    )
    held = Initiative.objects.for_authority(authority).filter(held_on__gte=start, held_on__lte=end)
    meetings = held.filter(kind=Kind.FORUM).count()
    barriers = Barrier.objects.for_authority(authority).filter(occurred_on__gte=start, occurred_on__lte=end)
    per_agency: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for agency, total, still_open in (
        barriers.values_list("agency")
        .annotate(n=Count("id"), o=Count("id", filter=Q(resolved_on__isnull=True)))
        .values_list("agency", "n", "o")
    ):
        per_agency[agency][0] += total
        per_agency[agency][1] += still_open
    for key in commitments.filter(done_on__isnull=True, owner_organization__isnull=False).values_list(
        "owner_organization__key", flat=True
    ):
        per_agency[AGENCY_OF_ORGANIZATION.get(key, key)][2] += 1
    inquiries = (
        Inquiry.objects.for_authority(authority)
        .exclude(event_code="")
        .filter(created_at__date__gte=start, created_at__date__lte=end)
        .count()
    )
    row = AuthorityRow(
        authority.name_he,
        meetings,
        c["open"],
        c["overdue"],
        c["done"],
        held.exclude(kind=Kind.FORUM).count(),
        inquiries,
    )
    return row, per_agency


def round_table(start: dt.date, end: dt.date, agency_names: dict[str, str]) -> RoundTable:
    """Every active authority, each read inside its own tenant; only aggregates leave, small cells suppressed."""
    today = timezone.localdate()
    rows: list[AuthorityRow] = []
    agencies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for authority in Authority.objects.filter(is_active=True).order_by("name_he"):
        with tenant_context(authority):
            row, per_agency = _authority(authority, start, end, today)
        rows.append(row)
        for agency, values in per_agency.items():
            for i, value in enumerate(values):
                agencies[agency][i] += value
    totals = AuthorityRow(
        "",
        sum(r.meetings for r in rows),
        sum(r.commitments_open for r in rows),
        sum(r.commitments_overdue for r in rows),
        sum(r.commitments_done for r in rows),
        sum(r.events for r in rows),
        safe_total([r.event_inquiries or 0 for r in rows]),
    )
    shown = [
        AuthorityRow(
            r.name,
            r.meetings,
            r.commitments_open,
            r.commitments_overdue,
            r.commitments_done,
            r.events,
            suppressed(r.event_inquiries or 0),
        )
        for r in rows
    ]
    order = [a for a in agency_names if a in agencies] + sorted(set(agencies) - set(agency_names))
    agency_rows = [
        AgencyRow(agency_names.get(a, a), suppressed(agencies[a][0]), suppressed(agencies[a][1]), agencies[a][2])
        for a in order
    ]
    agency_totals = AgencyRow(
        "",
        safe_total([v[0] for v in agencies.values()]),
        safe_total([v[1] for v in agencies.values()]),
        sum(v[2] for v in agencies.values()),
    )
    return RoundTable(start, end, shown, agency_rows, totals, agency_totals)
