"""How many of those truly owed a right a batch run finds: a synthetic city's files imported and screened, its
lists compared with the truth (the rules on every person's complete facts, `outreach.city`).

Per right: the households truly owed it and not claiming it; the run's list for that right ranked by the money
expected; how many of the owed the list finds (recall) and how many of its rows are owed (precision), in the
list (the rows eligible, one question from it, or likely on the usual values), and in the longest head of
the ranked list whose precision is still at least 50%; and the money a year found against the money owed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import connection

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.lib.crypto import blind_indexer
from mizui.outreach.city import AS_OF, SOURCES, TARIFF, City
from mizui.outreach.models import (
    BatchRun,
    PopulationMember,
    QuarantinedRow,
    RecordImport,
    ScreenedHousehold,
    Source,
    UnclaimedRight,
)
from mizui.outreach.services import batch
from mizui.outreach.services.importer import ID_PURPOSE, run_import, start_import

PRECISION_FLOOR = 0.5


@dataclass
class RightScore:
    program: str
    owed: int  # households truly owed it and not claiming it
    owed_annual: float  # ₪ a year they are owed
    listed: int  # rows of the run's list for it (eligible, one question, likely: a run stores no open one)
    found: int  # of those, truly owed
    head: int  # the longest head of the ranked list with precision ≥ PRECISION_FLOOR
    head_found: int
    found_annual: float  # ₪ a year of the owed found in the list

    @property
    def recall(self) -> float:
        return self.found / self.owed if self.owed else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.listed if self.listed else 1.0

    @property
    def head_recall(self) -> float:
        return self.head_found / self.owed if self.owed else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "program": self.program,
            "owed": self.owed,
            "listed": self.listed,
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
            "head": self.head,
            "head_recall": round(self.head_recall, 3),
            "owed_annual": round(self.owed_annual),
            "found_annual": round(self.found_annual),
        }


@dataclass
class Report:
    persons: int
    households: int
    sources: list[str]
    rights: list[RightScore] = field(default_factory=list)

    @property
    def owed_annual(self) -> float:
        return sum(r.owed_annual for r in self.rights)

    @property
    def found_annual(self) -> float:
        return sum(r.found_annual for r in self.rights)

    def right(self, program: str) -> RightScore:
        return next(r for r in self.rights if r.program == program)


def forget_population(authority: Authority) -> None:
    """Delete the authority's imported population, its sources and runs: a scratch authority starts again."""
    models = (UnclaimedRight, ScreenedHousehold, BatchRun, QuarantinedRow, PopulationMember, RecordImport, Source)
    with tenant_context(authority):
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE authority_id = %s", [authority.pk])  # noqa: S608


def import_files(authority: Authority, files: dict[str, bytes], setup: dict[str, dict[str, Any]]) -> None:
    """Each file through its source (created once with its mapping, recoding and precedence) and imported."""
    for name, content in files.items():
        spec = setup[name]
        with tenant_context(authority):
            source, _ = Source.objects.update_or_create(
                authority=authority,
                name=spec["name"],
                defaults={k: spec[k] for k in ("mapping", "recode", "precedence", "stable_households")},
            )
            item, _ = start_import(None, authority=authority, source=source, name=name, fileobj=io.BytesIO(content))
            RecordImport.objects.filter(pk=item.pk).update(data_date=AS_OF)
        run_import(item)


def score(authority: Authority, city: City, sources: list[str]) -> Report:
    """Screen the imported population and compare the run's lists with the city's truth."""
    with tenant_context(authority):
        run = batch.start_run(None, authority=authority, as_of=AS_OF)
    run = batch.execute_run(run)
    index = blind_indexer(ID_PURPOSE)
    household_of = {index(p): h for p, h in zip(city.persons["person_id"], city.persons["household_id"], strict=True)}
    with tenant_context(authority):
        contact = dict(ScreenedHousehold.objects.filter(run=run).values_list("household_key", "contact__id_index"))
        rows = list(
            UnclaimedRight.objects.filter(run=run)
            .order_by("program", "-expected", "id")
            .values_list("program", "household_key")
        )
        screened = PopulationMember.objects.for_authority(authority).count()
    listed: dict[str, list[str | None]] = {}
    for program, key in rows:
        listed.setdefault(program, []).append(household_of.get(contact.get(key, "")))
    report = Report(persons=screened, households=run.households, sources=sources)
    bills = city.persons.group_by("household_id").agg((pl.col("arnona_area_sqm").first() * TARIFF).alias("bill"))
    truth = city.truth.join(bills, on="household_id", how="left")
    for program in sorted({c.split("__")[0] for c in city.truth.columns if c.endswith("__status")}):
        report.rights.append(_score(program, truth, listed.get(program, [])))
    return report


def _score(program: str, truth: pl.DataFrame, ranked: list[str | None]) -> RightScore:
    owed_rows = truth.filter(pl.col(f"{program}__status") == "eligible")
    monthly = pl.col(f"{program}__monthly_amount").fill_null(0.0)
    annual = monthly * 12 + pl.col(f"{program}__one_off_amount").fill_null(0.0)
    if program.startswith(batch.ARNONA):  # a discount of the home's charge: its area × the city's rate
        annual = annual + pl.col(f"{program}__discount_percent").fill_null(0.0) / 100 * pl.col("bill")
    owed = dict(owed_rows.select("household_id", annual.alias("annual")).iter_rows())
    seen: set[str] = set()
    found_annual = 0.0
    head = head_found = hits = 0
    for rank, household in enumerate(ranked, start=1):
        if household is not None and household in owed and household not in seen:
            seen.add(household)
            hits += 1
            found_annual += owed[household]
        if hits / rank >= PRECISION_FLOOR:
            head, head_found = rank, hits
    return RightScore(
        program=program,
        owed=len(owed),
        owed_annual=float(sum(owed.values())),
        listed=len(ranked),
        found=hits,
        head=head,
        head_found=head_found,
        found_annual=float(found_annual),
    )


def table(report: Report, programs: list[str] | None = None) -> str:
    """The report as a Markdown table (what docs/outreach.md publishes)."""
    lines = [
        "| right | owed, unclaimed | listed (eligible, one question, likely) | recall | precision | "
        "head at ≥ 50% precision | its recall | ₪ a year owed | ₪ a year found |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report.rights:
        if programs and r.program not in programs:
            continue
        if not r.owed and not r.listed:
            continue
        lines.append(
            f"| {r.program} | {r.owed:,} | {r.listed:,} | {r.recall:.0%} | {r.precision:.0%} | "
            f"{r.head:,} | {r.head_recall:.0%} | {r.owed_annual:,.0f} | {r.found_annual:,.0f} |"
        )
    share = report.found_annual / report.owed_annual if report.owed_annual else 0.0
    lines.append(
        f"| **all** | | | | | | | **{report.owed_annual:,.0f}** | **{report.found_annual:,.0f}** ({share:.0%}) |"
    )
    return "\n".join(lines)


def evaluate(authority: Authority, city: City, files: list[str] | None = None) -> Report:
    """Import the city's files (all, or those named, in that order) and score the run."""
    names = files or list(city.files)
    import_files(authority, {n: city.files[n] for n in names}, SOURCES)
    return score(authority, city, names)
