"""Read the pre-aggregated tables for one authority and one set of filters: a handful of grouped queries,
whatever the size of the ledger behind them."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from mizui.accounts.models import Authority
from mizui.outcomes.models import (
    BarrierFact,
    DurationFact,
    FollowUpFact,
    InquiryFact,
    LedgerFact,
    ReachFact,
    ReferralFact,
    Refresh,
)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Filters:
    start: dt.date  # first day of the first month
    end: dt.date  # first day of the last month (inclusive)
    program: str = ""
    agency: str = ""
    channel: str = ""
    staff: int | None = None

    @property
    def months(self) -> list[dt.date]:
        out, month = [], self.start
        while month <= self.end:
            out.append(month)
            month = add_months(month, 1)
        return out

    @property
    def end_day(self) -> dt.date:
        """The last day of the period."""
        return add_months(self.end, 1) - dt.timedelta(days=1)

    def ledger_q(self) -> Q:
        q = Q(month__gte=self.start, month__lte=self.end)
        if self.program:
            q &= Q(program=self.program)
        if self.agency:
            q &= Q(agency=self.agency)
        if self.channel:
            q &= Q(channel=self.channel)
        if self.staff is not None:
            q &= Q(staff_id=self.staff)
        return q

    def inquiry_q(self) -> Q:
        """Inquiries have no right or agency: those two filters do not apply to them."""
        q = Q(month__gte=self.start, month__lte=self.end)
        if self.channel:
            q &= Q(channel=self.channel)
        if self.staff is not None:
            q &= Q(staff_id=self.staff)
        return q

    def referral_q(self) -> Q:
        q = Q(month__gte=self.start, month__lte=self.end)
        if self.program:
            q &= Q(program=self.program)
        if self.agency:
            q &= Q(agency=self.agency)
        if self.staff is not None:
            q &= Q(staff_id=self.staff)
        return q

    def barrier_q(self) -> Q:
        q = Q(month__gte=self.start, month__lte=self.end)
        if self.program:
            q &= Q(program=self.program)
        if self.agency:
            q &= Q(agency=self.agency)
        return q


MONEY = ("monthly", "one_off", "retroactive", "waived")
# FollowUpFact's counts (outcomes/followup.py defines each; that module imports this one, so they are named here).
FOLLOW_UP_COUNTS = ("households", "followed", "work_compared", "work_rose", "support_compared", "support_ended")


@dataclass
class Bucket:
    rights: int = 0
    monthly: Decimal = Decimal(0)
    one_off: Decimal = Decimal(0)
    retroactive: Decimal = Decimal(0)
    waived: Decimal = Decimal(0)
    months_lost: int = 0
    money_lost: Decimal = Decimal(0)

    def merge(self, other: Bucket) -> None:
        self.rights += other.rights
        for name in (*MONEY, "money_lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.months_lost += other.months_lost

    def add(self, row: dict[str, Any]) -> None:
        self.rights += row["rights"] or 0
        for name in (*MONEY, "money_lost"):
            setattr(self, name, getattr(self, name) + (row[name] or Decimal(0)))
        self.months_lost += row["months_lost"] or 0


@dataclass
class Summary:
    filters: Filters
    # (measure, outcome, basis) → totals, and the same per month for the charts
    ledger: dict[tuple[str, str, str], Bucket] = field(default_factory=lambda: defaultdict(Bucket))
    ledger_by_month: dict[tuple[dt.date, str, str, str], Bucket] = field(default_factory=lambda: defaultdict(Bucket))
    inquiries: Counter[tuple[dt.date, str, str, str]] = field(default_factory=Counter)  # month, channel, source, kind
    durations: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    referrals: Counter[tuple[dt.date, str]] = field(default_factory=Counter)  # month, state
    referral_answer_days: int = 0
    barriers: Counter[tuple[dt.date, str]] = field(default_factory=Counter)  # month, "recorded"/"resolved"
    reach: Counter[str] = field(default_factory=Counter)
    follow_ups: Counter[str] = field(default_factory=Counter)  # followup.COUNTS over the period's months
    refreshed: Refresh | None = None

    def ledger_sum(self, measure: str, *, outcome: str | None = None, basis: str | None = None) -> Bucket:
        total = Bucket()
        for (m, o, b), bucket in self.ledger.items():
            wanted = outcome is None or o == outcome or o.startswith(f"{outcome}:")
            if m == measure and wanted and (basis is None or b == basis):
                total.merge(bucket)
        return total

    def inquiry_count(self, *, kind: str | None = None, month: dt.date | None = None) -> int:
        return sum(
            n
            for (m, _ch, _src, k), n in self.inquiries.items()
            if (kind is None or k == kind) and (month is None or m == month)
        )

    def referral_count(self, *states: str, month: dt.date | None = None) -> int:
        return sum(
            n for (m, s), n in self.referrals.items() if (not states or s in states) and (month is None or m == month)
        )


def summarize(authority: Authority, filters: Filters) -> Summary:
    """Everything the dashboard shows for `filters`, from the aggregate tables (call inside the tenant)."""
    summary = Summary(filters)
    ledger = LedgerFact.objects.for_authority(authority).filter(filters.ledger_q())
    fields = ("rights", *MONEY, "months_lost", "money_lost")
    for row in ledger.values("month", "measure", "outcome", "basis").annotate(**{f: Sum(f) for f in fields}):
        summary.ledger[(row["measure"], row["outcome"], row["basis"])].add(row)
        summary.ledger_by_month[(row["month"], row["measure"], row["outcome"], row["basis"])].add(row)
    inquiries = InquiryFact.objects.for_authority(authority).filter(filters.inquiry_q())
    for row in inquiries.values("month", "channel", "source", "kind").annotate(n=Sum("inquiries")):
        summary.inquiries[(row["month"], row["channel"], row["source"], row["kind"])] += row["n"]
    durations = DurationFact.objects.for_authority(authority).filter(filters.ledger_q())
    for row in durations.values("span", "days").annotate(n=Sum("rights")):
        summary.durations[row["span"]][row["days"]] += row["n"]
    referrals = ReferralFact.objects.for_authority(authority).filter(filters.referral_q())
    for row in referrals.values("month", "state").annotate(n=Sum("referrals"), days=Sum("answer_days")):
        summary.referrals[(row["month"], row["state"])] += row["n"]
        summary.referral_answer_days += row["days"] or 0
    barriers = BarrierFact.objects.for_authority(authority).filter(filters.barrier_q())
    for row in barriers.values("month").annotate(n=Sum("barriers"), r=Sum("resolved")):
        summary.barriers[(row["month"], "recorded")] += row["n"]
        summary.barriers[(row["month"], "resolved")] += row["r"]
    reach = ReachFact.objects.for_authority(authority).filter(month__gte=filters.start, month__lte=filters.end)
    for row in reach.values("group").annotate(n=Sum("residents")):
        summary.reach[row["group"]] += row["n"]
    follow_ups = FollowUpFact.objects.for_authority(authority).filter(month__gte=filters.start, month__lte=filters.end)
    totals = follow_ups.aggregate(**{name: Sum(name) for name in FOLLOW_UP_COUNTS})
    summary.follow_ups.update({name: n or 0 for name, n in totals.items()})
    summary.refreshed = Refresh.objects.for_authority(authority).first()
    return summary


def median(histogram: Counter[int]) -> int | None:
    """The lower median of a histogram of days (the middle person's bucket)."""
    people = sum(histogram.values())
    if not people:
        return None
    middle, seen = (people + 1) // 2, 0
    for days in sorted(histogram):
        seen += histogram[days]
        if seen >= middle:
            return days
    return None  # pragma: no cover (unreachable: the counts add up to `people`)
