"""The exchange format of the synchronized data system: monthly aggregates per authority, suppressed.

One document per month (`manage.py export_aggregates --period YYYY-MM`) holds, for every authority of the
deployment, a few tables of counts with their totals, after `mizui.lib.disclosure.suppress` (every published
count ≥ 10, no hidden count recoverable from the totals; ₪ amounts share their counts' mask), and a few medians
with the number of people behind them (published only when that number is ≥ 10). A national instance loads
documents from every deployment (`manage.py import_aggregates FILE`) into `NationalCell`/`NationalFigure`, and
this deployment loads its own authorities the same way after each refresh, so the national view has one source.

The schema is the pydantic model below; docs/data-exchange.md shows it as JSON Schema (generated).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field, model_validator

from mizui.accounts.models import Authority
from mizui.cases.models import BarrierKind, DenialReason
from mizui.lib.disclosure import K_ANONYMITY, suppress
from mizui.outcomes.models import (
    BarrierFact,
    DurationFact,
    InquiryFact,
    InquiryKind,
    LedgerFact,
    Measure,
    NationalCell,
    NationalFigure,
    ReachFact,
    ReferralFact,
    ReferralState,
    Span,
)
from mizui.outcomes.refresh import ALL, GROUP_LANGUAGES, GROUP_RIGHTS
from mizui.outcomes.summary import median

SCHEMA = "mizui-aggregates"
VERSION = "1.0"
AMOUNTS = ("monthly", "one_off", "retroactive", "waived")
STATES = ("open", "pending", "approved", "denied", "dropped")
DECISIONS = ("approved_confirmed", "approved_estimated", *(f"denied:{r}" for r in DenialReason.values))
GROUPS = (*GROUP_RIGHTS, *GROUP_LANGUAGES)

Count = Annotated[int, Field(ge=0)]
Amount = Annotated[int, Field(ge=0, description="whole shekels")]
Line = list[Count | None]


class AmountTable(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cells: list[list[Amount | None]]
    row_totals: list[Amount | None]
    col_totals: list[Amount | None]
    total: Amount | None


class Table(BaseModel):
    """Counts by `rows` × `cols` with their totals; null = hidden (suppressed)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="inquiries, rights_identified, decisions, referrals, barriers, reach_<group>")
    rows: list[str]
    cols: list[str]
    cells: list[Line]
    row_totals: Line
    col_totals: Line
    total: Count | None
    amounts: dict[Literal["monthly", "one_off", "retroactive", "waived"], AmountTable] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Table:
        m, n = len(self.rows), len(self.cols)
        if len(self.cells) != m or any(len(row) != n for row in self.cells):
            raise ValueError(f"table {self.id}: cells must be {m} rows × {n} columns")
        if len(self.row_totals) != m or len(self.col_totals) != n:
            raise ValueError(f"table {self.id}: row_totals must have {m} entries and col_totals {n}")
        published = [c for row in self.cells for c in row] + self.row_totals + self.col_totals + [self.total]
        small = [c for c in published if c is not None and c < K_ANONYMITY]
        if small:
            raise ValueError(f"table {self.id}: published counts below {K_ANONYMITY}: {small[:5]} (hide them)")
        for i, row in enumerate(self.cells):
            if None not in row and self.row_totals[i] is not None and sum(row) != self.row_totals[i]:  # type: ignore[arg-type]
                raise ValueError(f"table {self.id}: row {self.rows[i]!r} does not add up to its total")
        for name, amounts in self.amounts.items():
            for i, row in enumerate(amounts.cells):
                for j, value in enumerate(row):
                    if value is not None and self.cells[i][j] is None:
                        raise ValueError(f"table {self.id}: {name} amount published where its count is hidden")
        return self


class Figure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Literal["days_to_submission", "days_to_decision", "days_to_payment"]
    value: Annotated[int, Field(ge=0)]
    people: Annotated[int, Field(ge=K_ANONYMITY)]


class AuthorityPart(BaseModel):
    model_config = ConfigDict(extra="forbid")
    locality: Annotated[int, Field(gt=0, description="CBS locality code (סמל יישוב)")]
    name: str
    tables: list[Table]
    figures: list[Figure] = Field(default_factory=list)


class Document(BaseModel):
    """Monthly aggregates of one deployment's authorities (docs/data-exchange.md)."""

    model_config = ConfigDict(extra="forbid", title="Mizui monthly aggregates")
    schema_: Literal["mizui-aggregates"] = Field("mizui-aggregates", alias="schema")
    version: Literal["1.0"]
    period: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
    generated_at: dt.datetime
    source: Annotated[str, Field(min_length=1, max_length=100)]
    k: Literal[10]
    authorities: list[AuthorityPart]

    @property
    def month(self) -> dt.date:
        return dt.date(int(self.period[:4]), int(self.period[5:]), 1)


def json_schema() -> dict[str, Any]:
    return Document.model_json_schema(by_alias=True)


# --- Building a document -----------------------------------------------------------------------------------


def _table(
    id: str,
    counts: dict[tuple[str, str], int],
    cols: Iterable[str],
    amounts: dict[str, dict[Any, Decimal]] | None = None,
) -> Table | None:
    # Rows and columns with nobody in them are left out: every count shown is a count of people, and a column
    # of zeros would force its neighbours into hiding for no one's sake (docs/data-exchange.md).
    rows = sorted({r for (r, _c), n in counts.items() if n})
    columns = [c for c in cols if any(counts.get((r, c), 0) for r in rows)]
    if not rows:
        return None
    matrix = [[counts.get((r, c), 0) for c in columns] for r in rows]
    money = {
        name: [[int(values.get((r, c), Decimal(0)).to_integral_value()) for c in columns] for r in rows]
        for name, values in (amounts or {}).items()
    }
    mask = suppress(matrix, companions=list(money.values()))
    shown = mask.apply(matrix)
    return Table(
        id=id,
        rows=rows,
        cols=columns,
        cells=shown.cells,
        row_totals=shown.rows,
        col_totals=shown.cols,
        total=shown.total,
        amounts={name: _amounts(mask.apply(values)) for name, values in money.items()},
    )


def _amounts(shown: Any) -> AmountTable:
    return AmountTable(cells=shown.cells, row_totals=shown.rows, col_totals=shown.cols, total=shown.total)


def authority_part(authority: Authority, month: dt.date) -> AuthorityPart:
    """This authority's tables for `month`, suppressed (call inside its tenant, after a refresh)."""
    tables: list[Table | None] = []
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in (
        InquiryFact.objects.for_authority(authority)
        .filter(month=month)
        .values("channel", "kind")
        .annotate(n=Sum("inquiries"))
    ):
        counts[(row["channel"], row["kind"])] += row["n"]
    tables.append(_table("inquiries", counts, InquiryKind.values))
    ledger = LedgerFact.objects.for_authority(authority).filter(month=month)
    counts = defaultdict(int)
    for row in ledger.filter(measure=Measure.IDENTIFIED).values("agency", "outcome").annotate(n=Sum("rights")):
        counts[(row["agency"], row["outcome"])] += row["n"]
    tables.append(_table("rights_identified", counts, STATES))
    counts = defaultdict(int)
    money: dict[str, dict[Any, Decimal]] = {name: defaultdict(Decimal) for name in AMOUNTS}
    decided = ledger.filter(measure=Measure.DECIDED).values("agency", "outcome", "basis")
    for row in decided.annotate(n=Sum("rights"), **{name: Sum(name) for name in AMOUNTS}):
        col = f"approved_{row['basis']}" if row["outcome"] == "approved" else row["outcome"]
        counts[(row["agency"], col)] += row["n"]
        for name in AMOUNTS:
            money[name][(row["agency"], col)] += row[name] or Decimal(0)
    tables.append(_table("decisions", counts, DECISIONS, money))
    counts = defaultdict(int)
    referrals = ReferralFact.objects.for_authority(authority).filter(month=month)
    for row in referrals.values("organization", "state").annotate(n=Sum("referrals")):
        counts[(row["organization"], row["state"])] += row["n"]
    tables.append(_table("referrals", counts, ReferralState.values))
    counts = defaultdict(int)
    for row in (
        BarrierFact.objects.for_authority(authority)
        .filter(month=month)
        .values("agency", "kind")
        .annotate(n=Sum("barriers"))
    ):
        counts[(row["agency"], row["kind"])] += row["n"]
    tables.append(_table("barriers", counts, BarrierKind.values))
    reach = dict(ReachFact.objects.for_authority(authority).filter(month=month).values_list("group", "residents"))
    for group in GROUPS:
        if reach.get(ALL):
            inside = reach.get(group, 0)
            tables.append(
                _table(
                    f"reach_{group}",
                    {("residents", "in_group"): inside, ("residents", "other"): reach[ALL] - inside},
                    ("in_group", "other"),
                )
            )
    return AuthorityPart(
        locality=authority.cbs_code,
        name=authority.name_he,
        tables=[t for t in tables if t is not None],
        figures=_figures(authority, month),
    )


def _figures(authority: Authority, month: dt.date) -> list[Figure]:
    figures = []
    rows = DurationFact.objects.for_authority(authority).filter(month=month).values("span", "days")
    histograms: dict[str, Any] = defaultdict(lambda: defaultdict(int))
    for row in rows.annotate(n=Sum("rights")):
        histograms[row["span"]][row["days"]] += row["n"]
    for span in Span.values:
        people = sum(histograms[span].values())
        value = median(histograms[span])
        if value is not None and people >= K_ANONYMITY:
            figures.append(Figure(name=f"days_to_{span}", value=value, people=people))
    return figures


def document(parts: list[AuthorityPart], month: dt.date, source: str) -> Document:
    return Document.model_validate(
        {
            "schema": SCHEMA,
            "version": VERSION,
            "period": f"{month:%Y-%m}",
            "generated_at": timezone.now(),
            "source": source,
            "k": K_ANONYMITY,
            "authorities": [part.model_dump() for part in parts],
        }
    )


# --- Loading a document into the national tables ------------------------------------------------------------


def load(doc: Document) -> int:
    """Replace the cells of each authority × month in `doc` (loading a file twice changes nothing). Returns cells."""
    now, month = timezone.now(), doc.month
    cells: list[NationalCell] = []
    figures: list[NationalFigure] = []
    for part in doc.authorities:
        common = {"locality": part.locality, "locality_name": part.name, "month": month}
        meta = {"schema_version": doc.version, "source": doc.source, "loaded_at": now}
        for table in part.tables:
            for i, r, j, c, count, amounts in _entries(table):
                cells.append(NationalCell(**common, **meta, table=table.id, row=r, col=c, count=count, amounts=amounts))
                del i, j
        figures += [NationalFigure(**common, **meta, name=f.name, value=f.value, people=f.people) for f in part.figures]
    with transaction.atomic():
        for part in doc.authorities:
            NationalCell.objects.filter(locality=part.locality, month=month).delete()
            NationalFigure.objects.filter(locality=part.locality, month=month).delete()
        NationalCell.objects.bulk_create(cells, batch_size=2000)
        NationalFigure.objects.bulk_create(figures)
    return len(cells)


def _entries(table: Table) -> Iterable[tuple[int, str, int, str, int | None, dict[str, int]]]:
    def money(pick: Any) -> dict[str, int]:
        found = {name: pick(a) for name, a in table.amounts.items()}
        return {name: value for name, value in found.items() if value is not None}

    for i, r in enumerate(table.rows):
        for j, c in enumerate(table.cols):
            yield i, r, j, c, table.cells[i][j], money(lambda a, i=i, j=j: a.cells[i][j])
        yield i, r, -1, "", table.row_totals[i], money(lambda a, i=i: a.row_totals[i])
    for j, c in enumerate(table.cols):
        yield -1, "", j, c, table.col_totals[j], money(lambda a, j=j: a.col_totals[j])
    yield -1, "", -1, "", table.total, money(lambda a: a.total)


def publish_local(authority: Authority, months: Iterable[dt.date], source: str) -> int:
    """Put this deployment's own authority into the national tables, exactly as an export + import would."""
    return sum(load(document([authority_part(authority, month)], month, source)) for month in months)
