"""The national picture: the same KPIs per authority and in total, from published (suppressed) cells only.

Every number here is a sum or ratio of cells that were published under the k ≥ 10 rule, so it cannot reveal
more than the monthly documents did. Where a cell was hidden, the sum leaves it out and is marked partial
(shown with an asterisk): it is a lower bound, never an estimate of the hidden part.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mizui.cases.models import BarrierKind
from mizui.outcomes.exchange import AMOUNTS
from mizui.outcomes.models import NationalCell, NationalFigure, ReferralState
from mizui.outcomes.summary import Filters


@dataclass
class Value:
    amount: Decimal = Decimal(0)
    partial: bool = False
    seen: bool = False

    def add(self, amount: Decimal | int | None) -> None:
        if amount is None:
            self.partial = True
        else:
            self.amount += Decimal(amount)
            self.seen = True

    def merge(self, other: Value) -> None:
        self.amount += other.amount
        self.partial |= other.partial
        self.seen |= other.seen

    @property
    def shown(self) -> Decimal | None:
        return self.amount if self.seen else None


# Column of the national table → (exchange table, row, column, amount or "") summed; "" row/col = a total.
COLUMNS: list[tuple[str, Any, str, list[tuple[str, str]], str]] = [
    ("inquiries", _("פניות"), "inquiries", [("", "")], ""),
    ("new_residents", _("תושבים חדשים"), "inquiries", [("", "new")], ""),
    ("rights_identified", _("זכויות שזוהו"), "rights_identified", [("", "")], ""),
    ("rights_approved", _("זכויות שאושרו"), "decisions", [("", "approved_confirmed"), ("", "approved_estimated")], ""),
    ("money_confirmed", _("₪ מאושר (שנתי)"), "decisions", [("", "approved_confirmed")], "annual"),
    ("money_estimated", _("₪ הערכה (שנתי)"), "decisions", [("", "approved_estimated")], "annual"),
    ("referrals_sent", _("הפניות"), "referrals", [("", "")], ""),
    ("barriers", _("חסמים"), "barriers", [("", "")], ""),
]
CLOSED_STATES = [ReferralState.CLOSED_IN_SLA, ReferralState.CLOSED_LATE, ReferralState.CLOSED_NO_ANSWER]


def _annual(amounts: dict[str, Any]) -> Decimal | None:
    if not amounts:
        return None
    return Decimal(amounts.get("monthly", 0)) * 12 + sum(Decimal(amounts.get(n, 0)) for n in AMOUNTS[1:])


@dataclass
class Row:
    locality: int
    name: str
    values: dict[str, Value] = field(default_factory=lambda: defaultdict(Value))
    closure: Value = field(default_factory=Value)
    medians: dict[str, tuple[Decimal, int]] = field(default_factory=dict)


@dataclass
class Picture:
    rows: list[Row]
    total: Row
    barriers: list[tuple[str, list[Value], Value]]  # agency → per kind, and its total (published totals)
    barrier_kinds: list[Any]
    barrier_kind_totals: list[Value]
    barrier_total: Value


def picture(filters: Filters) -> Picture:
    period = Q(month__gte=filters.start, month__lte=filters.end)
    cells = NationalCell.objects.filter(period).values_list(
        "locality", "locality_name", "table", "row", "col", "count", "amounts"
    )
    rows: dict[int, Row] = {}
    closed: dict[int, Value] = defaultdict(Value)
    barriers: dict[str, dict[str, Value]] = defaultdict(lambda: defaultdict(Value))
    for locality, name, table, r, c, count, amounts in cells.iterator(2000):
        row = rows.setdefault(locality, Row(locality, name))
        for key, _label, source, picks, amount in COLUMNS:
            if table == source and (r, c) in picks:
                row.values[key].add(_annual(amounts) if amount else count)
        if table == "referrals" and r == "" and c in CLOSED_STATES:
            closed[locality].add(count)
        if table == "barriers":
            barriers[r][c].add(count)  # r == "": a kind's total; c == "": an agency's total; both: the total
    for locality, row in rows.items():
        row.closure = closed[locality]
    _medians(filters, rows)
    ordered = sorted(rows.values(), key=lambda r: r.name)
    total = Row(0, str(_("סה״כ")))
    for row in ordered:
        for key, value in row.values.items():
            total.values[key].merge(value)
        total.closure.merge(row.closure)
    kinds = list(BarrierKind.values)
    # Totals are the sums of each authority's published totals, not of the cells shown: a total may be published
    # where some of its cells are hidden.
    by_agency = [
        (agency, [barriers[agency][k] for k in kinds], barriers[agency][""]) for agency in sorted(barriers) if agency
    ]
    kind_totals = [barriers[""][k] for k in kinds]
    return Picture(ordered, total, by_agency, list(BarrierKind.labels), kind_totals, barriers[""][""])


def _medians(filters: Filters, rows: dict[int, Row]) -> None:
    """Per authority: the people-weighted mean of its published monthly medians (labelled so on the page)."""
    found: dict[tuple[int, str], list[tuple[Decimal, int]]] = defaultdict(list)
    figures = NationalFigure.objects.filter(month__gte=filters.start, month__lte=filters.end)
    for locality, name, value, people in figures.values_list("locality", "name", "value", "people"):
        found[(locality, name)].append((value, people))
    for (locality, name), values in found.items():
        people = sum(p for _v, p in values)
        if locality in rows and people:
            mean = Decimal(sum(Decimal(v) * p for v, p in values)) / people
            rows[locality].medians[name] = (mean.quantize(Decimal("1")), people)


def months_loaded() -> list[dt.date]:
    return sorted(set(NationalCell.objects.values_list("month", flat=True).distinct()))
