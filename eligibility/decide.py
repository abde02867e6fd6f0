"""What the missing facts decide: a right is ``maybe`` only when some answer to them would grant it and some would not.

The rules are written in three-valued logic (a missing fact is null, and a test on it is unknown), and each rule
answers only what every value of its missing facts agrees on. That alone is sound but not always decisive: a fact
used twice (sex sets the retirement age, which is compared with the age) gives "unknown" even when both sexes give
the same answer. So where a right comes out ``maybe``, every missing fact with a small domain (a yes/no, a choice
from a list) that the right reads is tried with each of its values, the others left missing:

- if every value of one fact gives the same definite answer, that is the answer (it holds whatever the fact is);
- if every value gives a definite answer but not the same one, the right stays ``maybe`` and that fact is the one
  question that decides it;
- amounts: where the answer is decided, the range of the amount over the tried values is the right's range.

Facts with a numeric domain (incomes, percents, dates) stay unknown: the rules' three-valued logic already says
when no amount could change the answer. docs/decisions/0012-deciding-with-missing-facts.md says why.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import polars as pl

from eligibility.catalogue import catalogue, program_ids
from eligibility.engine import Plan, nodes_info, output_columns, run
from eligibility.frames import HH, household_schema, person_schema

ROLES = ("applicant", "partner", "child", "other")
AMOUNT = "monthly_amount"
AMOUNT_MIN, AMOUNT_MAX = "monthly_amount_min", "monthly_amount_max"
DECIDED_BY = "decided_by"  # detail only: the column (and member) whose answer would decide a ``maybe``
_ORIGIN, _JOB, _PI, _TARGET, _FACT, _ROLE = "_origin", "_job", "_pi", "_target", "_fact", "_role"
_NOT_FACTS = frozenset({"role", "person_id", "household_id", "authority", HH})


def range_columns(pid: str) -> dict[str, str]:
    return {AMOUNT_MIN: f"{pid}__{AMOUNT_MIN}", AMOUNT_MAX: f"{pid}__{AMOUNT_MAX}"}


def decided_by_column(pid: str) -> str:
    return f"{pid}__{DECIDED_BY}"


def _domain(dtype: pl.DataType) -> list[Any] | None:
    if dtype == pl.Boolean:
        return [False, True]
    if isinstance(dtype, pl.Enum):
        return list(dtype.categories)
    return None


@functools.cache
def person_facts() -> dict[str, list[Any]]:
    """Person inputs with a small domain, and their values."""
    return {c: d for c, t in person_schema().items() if c not in _NOT_FACTS and (d := _domain(t)) is not None}


@functools.cache
def household_facts() -> dict[str, list[Any]]:
    """Household inputs with a small domain (tenure, yes/no facts, what a member already receives)."""
    return {c: d for c, t in household_schema().items() if c not in _NOT_FACTS and (d := _domain(t)) is not None}


def _relevance(plan: Plan) -> dict[str, tuple[frozenset[str], dict[str, frozenset[str]]]]:
    """Per program: the household facts its answer and amount read, and for each person fact the roles whose
    value it reads (an aggregation over the applicant reads only the applicant's)."""
    if plan.relevance:
        return plan.relevance
    entity, aggregate = nodes_info()
    specs = catalogue()
    for pid in program_ids():
        spec = specs[pid]
        roots = [spec["variable"], *(spec[k] for k in ("amount",) if spec.get(k))]
        household: set[str] = set()
        person: dict[str, set[str]] = {}
        seen: set[tuple[str, tuple[str, ...]]] = set()
        stack: list[tuple[str, tuple[str, ...]]] = [(r, ROLES) for r in roots]
        while stack:
            name, roles = stack.pop()
            if (name, roles) in seen:
                continue
            seen.add((name, roles))
            if name in aggregate:
                src, how = aggregate[name]
                stack.append((src, (how,) if how in ("applicant", "partner") else ROLES))
                continue
            if name not in entity:  # an input
                if name in household_facts():
                    household.add(name)
                if name in person_facts():
                    person.setdefault(name, set()).update(roles)
                continue
            stack.extend((dep, roles) for dep in plan.deps.get(name, ()))
        plan.relevance[pid] = (frozenset(household), {c: frozenset(r) for c, r in person.items()})
    return plan.relevance


def refine(
    persons: pl.DataFrame, households: pl.DataFrame, out: pl.DataFrame, plan: Plan, *, detail: bool
) -> pl.DataFrame:
    """``out`` (the run of ``plan`` on the frames, still with ``_hh``) with each ``maybe`` decided where the
    missing facts decide it, and each program's amount range (``<id>__monthly_amount_min``/``_max``)."""
    statuses = {pid: output_columns(pid)["status"] for pid in program_ids()}
    maybe = {pid: out.get_column(col) == "maybe" for pid, col in statuses.items()}
    jobs = _jobs(persons, households, plan, {pid: m for pid, m in maybe.items() if m.any()})
    out = _with_ranges(out, detail)
    if jobs is None:
        return out
    meta, cpersons, chouseholds = jobs
    tried = run(plan, cpersons, chouseholds)
    tried = pl.concat([meta, tried.drop(HH)], how="horizontal")
    # Only the rows that were maybe are refined: the others' tries are none.
    return _decide(out, tried, plan, detail=detail)


def _amount(pid: str, detail: bool) -> pl.Expr:
    """A program's monthly amount in a run's output (detail runs keep it under its variable's name)."""
    name = catalogue()[pid].get("amount")
    if not name:
        return pl.lit(None, dtype=pl.Float64)
    return pl.col(name if detail else output_columns(pid)[AMOUNT]).cast(pl.Float64)


def _with_ranges(out: pl.DataFrame, detail: bool) -> pl.DataFrame:
    exprs = []
    for pid in program_ids():
        amount = _amount(pid, detail)
        low, high = range_columns(pid).values()
        exprs += [amount.alias(low), amount.alias(high)]
        if detail:
            exprs.append(pl.lit(None, dtype=pl.String).alias(decided_by_column(pid)))
    return out.with_columns(exprs)


def _jobs(
    persons: pl.DataFrame, households: pl.DataFrame, plan: Plan, maybe: dict[str, pl.Series]
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame] | None:
    """One household per missing fact and value to try: (what each one tries, its persons, its households)."""
    if not maybe:
        return None
    relevance = _relevance(plan)
    n = households.height
    metas: list[pl.DataFrame] = []
    hparts: list[pl.DataFrame] = []
    pparts: list[pl.DataFrame] = []
    offset = 0
    indexed = persons.with_row_index(_PI)
    role = indexed.get_column("role")
    for column, values in household_facts().items():
        readers = [pid for pid, m in maybe.items() if column in relevance[pid][0]]
        if not readers:
            continue
        wanted = households.get_column(column).is_null() & _any(maybe[p] for p in readers)
        origins = pl.Series(_ORIGIN, range(n), dtype=pl.UInt32).filter(wanted)
        if origins.is_empty():
            continue
        job = _cross(origins, column, values, offset)
        offset += job.height
        metas.append(
            job.select(
                _ORIGIN,
                pl.lit(column).alias(_FACT),
                pl.lit(None, dtype=pl.UInt32).alias(_TARGET),
                pl.lit(None, dtype=pl.String).alias(_ROLE),
            )
        )
        h = job.join(households, left_on=_ORIGIN, right_on=HH, how="left", maintain_order="left")
        hparts.append(h.with_columns(pl.col("_value").alias(column)).drop("_value", _ORIGIN).rename({_JOB: HH}))
        p = job.join(persons, left_on=_ORIGIN, right_on=HH, how="inner", maintain_order="left")
        pparts.append(p.drop("_value", _ORIGIN).rename({_JOB: HH}))
    for column, values in person_facts().items():
        by_role: dict[str, list[str]] = {}
        for pid in maybe:
            for r in relevance[pid][1].get(column, ()):
                by_role.setdefault(r, []).append(pid)
        if not by_role:
            continue
        origin = indexed.get_column(HH)
        wanted = pl.Series([False] * indexed.height)
        for r, readers in by_role.items():
            household_maybe = _any(maybe[p] for p in readers).gather(origin)
            wanted = wanted | ((role == r) & household_maybe)
        wanted = wanted & indexed.get_column(column).is_null()
        targets = indexed.filter(wanted).select(
            pl.col(HH).alias(_ORIGIN), pl.col(_PI).alias(_TARGET), pl.col("role").cast(pl.String).alias(_ROLE)
        )
        if targets.is_empty():
            continue
        job = _cross(targets, column, values, offset)
        offset += job.height
        metas.append(job.select(_ORIGIN, pl.lit(column).alias(_FACT), _TARGET, _ROLE))
        h = job.join(households, left_on=_ORIGIN, right_on=HH, how="left", maintain_order="left")
        hparts.append(h.drop("_value", _ORIGIN, _TARGET, _ROLE).rename({_JOB: HH}))
        p = job.join(indexed, left_on=_ORIGIN, right_on=HH, how="inner", maintain_order="left")
        p = p.with_columns(
            pl.when(pl.col(_PI) == pl.col(_TARGET)).then(pl.col("_value")).otherwise(pl.col(column)).alias(column)
        )
        pparts.append(p.drop("_value", _ORIGIN, _TARGET, _ROLE, _PI).rename({_JOB: HH}))
    if not metas:
        return None
    meta = pl.concat(metas, how="vertical")
    chouseholds = pl.concat([h.select(households.columns) for h in hparts], how="vertical")
    cpersons = pl.concat([p.select(persons.columns) for p in pparts], how="vertical").sort(HH, maintain_order=True)
    return meta, cpersons, chouseholds


def _any(flags: Iterable[pl.Series]) -> pl.Series:
    out: pl.Series | None = None
    for flag in flags:
        out = flag if out is None else out | flag
    assert out is not None
    return out


def _cross(targets: pl.Series | pl.DataFrame, column: str, values: list[Any], offset: int) -> pl.DataFrame:
    frame = targets.to_frame() if isinstance(targets, pl.Series) else targets
    dtype = household_schema().get(column) or person_schema()[column]
    tries = pl.DataFrame({"_value": pl.Series(values, dtype=dtype)})
    job = frame.join(tries, how="cross")
    return job.with_row_index(_JOB, offset=offset)


def _decide(out: pl.DataFrame, tried: pl.DataFrame, plan: Plan, *, detail: bool) -> pl.DataFrame:
    relevance = _relevance(plan)
    updates: list[pl.Series] = []
    for pid in program_ids():
        household, person = relevance[pid]
        readers = pl.col(_FACT).is_in(list(household)) & pl.col(_TARGET).is_null()
        for column, roles in person.items():
            readers = readers | ((pl.col(_FACT) == column) & pl.col(_ROLE).is_in(list(roles)))
        status = output_columns(pid)["status"]
        mine = tried.filter(readers).select(
            _ORIGIN, _TARGET, _FACT, pl.col(status).alias("s"), _amount(pid, detail).alias("a")
        )
        if mine.is_empty():
            continue
        eligible = pl.col("s") == "eligible"
        groups = mine.group_by(_ORIGIN, _FACT, _TARGET, maintain_order=True).agg(
            open=(pl.col("s") == "maybe").any(),
            kinds=pl.col("s").n_unique(),
            answer=pl.col("s").first(),
            low=pl.col("a").filter(eligible).min(),
            high=pl.col("a").filter(eligible).max(),
            amount_known=pl.col("a").filter(eligible).null_count() == 0,
        )
        # Per household, a fact whose every value gives one answer settles it; else the first fact whose every
        # value gives a definite answer is the one that decides it.
        best = (
            groups.filter(pl.col("open").not_())
            .sort("kinds", maintain_order=True)
            .group_by(_ORIGIN, maintain_order=True)
            .first()
        )
        if best.is_empty():
            continue
        updates += _updates(pid, out, best, detail)
        if detail:
            updates += _conditions(pid, out, tried, best)
    return out.with_columns(updates) if updates else out


def _conditions(pid: str, out: pl.DataFrame, tried: pl.DataFrame, best: pl.DataFrame) -> list[pl.Series]:
    """A condition left unknown that every value of the deciding fact answers the same way is answered."""
    from eligibility.api import conditions_of

    columns = [c.column for c in conditions_of(pid) if c.column in tried.columns]
    keys = best.select(_ORIGIN, _FACT, _TARGET)
    rows = tried.join(keys, on=[_ORIGIN, _FACT, _TARGET], how="semi", nulls_equal=True, maintain_order="left")
    same = rows.group_by(_ORIGIN, maintain_order=True).agg(
        [pl.when(pl.col(c).n_unique() == 1).then(pl.col(c).first()).alias(c) for c in columns]
    )
    index = same.get_column(_ORIGIN)
    updates = []
    for c in columns:
        current = out.get_column(c)
        updates.append(current.scatter(index, current.gather(index).fill_null(same.get_column(c))))
    return updates


def _updates(pid: str, out: pl.DataFrame, best: pl.DataFrame, detail: bool) -> list[pl.Series]:
    status = output_columns(pid)["status"]
    low, high = range_columns(pid).values()
    index = best.get_column(_ORIGIN)
    settled = best.get_column("kinds") == 1
    answer = best.get_column("answer").cast(out.schema[status])
    refused = settled & (answer == "not_eligible")
    # The range over the values tried, where every eligible one has a known amount; not entitled: nothing.
    known = best.get_column("amount_known") & best.get_column("low").is_not_null()
    name = catalogue()[pid].get("amount")
    refused_pays = 0.0 if name else None  # a right that is not a monthly payment has no range
    new_low = pl.select(pl.when(refused).then(refused_pays).when(known).then(best.get_column("low"))).to_series()
    new_high = pl.select(pl.when(refused).then(refused_pays).when(known).then(best.get_column("high"))).to_series()
    lows, highs = out.get_column(low), out.get_column(high)
    new_low = new_low.fill_null(lows.gather(index))
    new_high = new_high.fill_null(highs.gather(index))
    out_updates = [
        out.get_column(status).scatter(index.filter(settled), answer.filter(settled)),
        lows.scatter(index, new_low),
        highs.scatter(index, new_high),
    ]
    if name:
        column = name if detail else output_columns(pid)[AMOUNT]
        amounts = out.get_column(column)
        # A right not granted by any value pays nothing; otherwise the least it pays where it was unknown.
        new_amount = pl.select(
            pl.when(refused).then(0.0).otherwise(amounts.gather(index)).fill_null(new_low)
        ).to_series()
        out_updates.append(amounts.scatter(index, new_amount.cast(amounts.dtype)))
    if detail:
        decider = best.select(
            pl.when(settled.not_()).then(pl.col(_FACT).replace_strict(question_ids(), default=None))
        ).to_series()
        out_updates.append(out.get_column(decided_by_column(pid)).scatter(index, decider))
    return out_updates


@functools.cache
def question_ids() -> dict[str, str]:
    """The screener question that asks each fact (``eligibility/questions.yaml``)."""
    out = {}
    for column in person_facts():
        if column in ("blind", "receives_general_disability"):
            out[column] = f"disability.{column}"
        elif column == "is_immigrant":
            out[column] = "person.immigration_date"
        else:
            out[column] = f"person.{column}"
    for column in household_facts():
        if column.startswith("hh_receives__"):
            out[column] = "person.receives"
        elif column.startswith("debt_"):
            out[column] = "debts." + column.removeprefix("debt_")
        else:
            out[column] = f"housing.{column}"
    return out
