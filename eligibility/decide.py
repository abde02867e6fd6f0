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
from typing import Any

import numpy as np
import polars as pl

from eligibility.catalogue import catalogue, program_ids
from eligibility.engine import SMALL, Plan, nodes_info, output_columns, run
from eligibility.frames import HH, household_schema, person_schema
from eligibility.model import STATUS

ROLES = ("applicant", "partner", "child", "other")
AMOUNT = "monthly_amount"
AMOUNT_MIN, AMOUNT_MAX = "monthly_amount_min", "monthly_amount_max"
DECIDED_BY = "decided_by"  # detail only: the column (and member) whose answer would decide a ``maybe``
_ORIGIN, _JOB, _PI, _TARGET, _FACT, _ROLE = "_origin", "_job", "_pi", "_target", "_fact", "_role"
_GROUP = "_group"  # the tries of one fact of one household (of one member)
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
    if "_programs" in plan.relevance:
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
    plan.relevance["_programs"] = True
    return plan.relevance


# Tries per household at most (one per value of each fact tried). For each right that is ``maybe`` the first facts
# it reads are tried, the most telling first: the applicant's, then the partner's, the household's, and other
# members'. The limits keep a batch whose files leave whole columns empty from multiplying its work; a right beyond
# them keeps the rules' own answer (sound, less decided).
BUDGET = 12
PER_RIGHT = 1  # facts tried at most for each right that is ``maybe``, the most telling first
_ROLE_RANK = {"applicant": 0, "partner": 1, "other": 3, "child": 4}
_HOUSEHOLD_RANK = 2
_PERSON_ORDER = (
    "sex",
    "marital_status",
    "employment",
    "is_immigrant",
    "student",
    "soldier",
    "employment_service_registered",
    "receives_general_disability",
    "blind",
    "holocaust_survivor",
    "chronic_illness",
)


@functools.cache
def _rank_table() -> pl.DataFrame:
    """Each fact (and role) with its rank in the order facts are tried, and how many values it has."""
    rows: list[tuple[str, str | None, int, int]] = []
    person = sorted(person_facts(), key=lambda c: (_PERSON_ORDER + (c,)).index(c))
    for role, rank in _ROLE_RANK.items():
        rows += [(c, role, rank * 1000 + i, len(person_facts()[c])) for i, c in enumerate(person)]
    rows += [(c, None, _HOUSEHOLD_RANK * 1000 + i, len(v)) for i, (c, v) in enumerate(household_facts().items())]
    return pl.DataFrame(
        rows, schema={_FACT: pl.String, _ROLE: pl.String, "_rank": pl.Int32, "_size": pl.Int32}, orient="row"
    )


@functools.cache
def _values_table() -> pl.DataFrame:
    """One row per fact and value: yes/no values in ``_vbool``, choices in ``_vstr``."""
    rows: list[tuple[str, bool | None, str | None]] = []
    for c, values in {**person_facts(), **household_facts()}.items():
        rows += [(c, v, None) if isinstance(v, bool) else (c, None, str(v)) for v in values]
    return pl.DataFrame(rows, schema={_FACT: pl.String, "_vbool": pl.Boolean, "_vstr": pl.String}, orient="row")


def evaluate_frames(plan: Plan, persons: pl.DataFrame, households: pl.DataFrame, *, detail: bool) -> pl.DataFrame:
    """Run ``plan`` on the frames and decide each ``maybe`` where a missing fact decides it (see ``refine``).

    A handful of households (a screening, an API call) runs everything in one query: itself, its two joint
    fillings (see ``_joint``) and the tries, chosen before it is known which rights are ``maybe`` (those each right
    would choose if it were); on a few rows a query costs about the same whatever the rows. The answer is the one
    ``refine`` gives after a run of its own.
    """
    n = households.height
    if n > SMALL:
        return refine(persons, households, run(plan, persons, households), plan, detail=detail)
    view = _Rows(persons, households)
    every = {pid: [True] * n for pid in program_ids()}
    ahead = _candidates_small(view, plan, every)[: max(0, SMALL - 3 * n)]
    meta, extra_persons, extra_households = _tries_small(view, ahead, joint=True)
    both = run(
        plan,
        pl.concat([persons, extra_persons], how="vertical"),
        pl.concat([households, extra_households], how="vertical"),
    )
    out = _with_ranges(both.slice(0, n), detail)
    statuses = both.slice(0, 3 * n).select(_status_columns()).to_dict(as_series=False)
    open_rights = {pid: _open(statuses[c], n) for pid, c in zip(program_ids(), _status_columns(), strict=True)}
    open_rights = {pid: flags for pid, flags in open_rights.items() if any(flags)}
    if not open_rights:
        return out
    chosen = _candidates_small(view, plan, open_rights)
    if not chosen:
        return out
    tried = both.slice(3 * n)
    done = set(ahead)
    missing = [c for c in chosen if c not in done]
    if missing:  # beyond what fitted in the first query
        more_meta, more_persons, more_households = _tries_small(view, missing, joint=False)
        more = run(plan, more_persons, more_households)
        meta, tried = meta + more_meta, pl.concat([tried, more], how="vertical")
    return _decide_small(out, meta, tried, plan, list(open_rights), set(chosen), detail=detail)


def _open(statuses: list[Any], n: int) -> list[bool]:
    """Per household, whether a right is worth trying facts for: ``maybe``, and definite in both joint fillings."""
    return [statuses[i] == "maybe" and statuses[n + i] != "maybe" and statuses[2 * n + i] != "maybe" for i in range(n)]


def _joint(persons: pl.DataFrame, households: pl.DataFrame, *, offset: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each household twice more, every missing small fact filled: first with its first value, then its second
    (what a member receives: no, both times), indexed from ``offset``.

    A filter, exact because the rules' logic is monotone (a fact more never turns an answer back into "maybe"): if
    a right is still ``maybe`` in a filling, then every fact, at its value there, leaves it ``maybe``, so no fact
    tried alone can decide it, and none is tried for it.
    """
    n = households.height
    jp, jh = [], []
    for j in (0, 1):
        shift = offset + j * n
        jp.append(_filled(persons, person_facts(), j, shift))
        jh.append(_filled(households, household_facts(), j, shift))
    return pl.concat(jp, how="vertical"), pl.concat(jh, how="vertical")


def _filled(frame: pl.DataFrame, facts: dict[str, list[Any]], j: int, shift: int) -> pl.DataFrame:
    # Only the columns with a missing value change (fewer expressions to parse on a handful of rows).
    missing = tuple(c.name for c in frame.get_columns() if c.name in facts and c.has_nulls())
    shifted = (pl.col(HH) + pl.lit(shift, dtype=pl.UInt32)).alias(HH)
    return frame.with_columns(shifted, *_fillings(missing, j, person=facts is person_facts()))


@functools.cache
def _fillings(columns: tuple[str, ...], j: int, *, person: bool) -> list[pl.Expr]:
    schema = person_schema() if person else household_schema()
    return [pl.col(c).fill_null(pl.lit(_value(c, j), dtype=schema[c])) for c in columns]


def _set(frame: pl.DataFrame, index: list[int], changes: dict[str, tuple[list[int], list[Any]]]) -> pl.DataFrame:
    """``frame`` with ``_hh`` set to ``index`` and, per column, the values at the rows given."""
    columns = []
    for column in frame.get_columns():
        if column.name == HH:
            column = pl.Series(HH, index, dtype=column.dtype)
        elif column.name in changes:
            rows, values = changes[column.name]
            column = column.scatter(rows, pl.Series(values, dtype=column.dtype))
        columns.append(column)
    return pl.DataFrame(columns)


def _value(fact: str, j: int) -> Any:
    values = {**person_facts(), **household_facts()}[fact]
    if fact.startswith("hh_receives__"):
        return False
    return values[j % len(values)]


def refine(
    persons: pl.DataFrame, households: pl.DataFrame, out: pl.DataFrame, plan: Plan, *, detail: bool
) -> pl.DataFrame:
    """``out`` (the run of ``plan`` on the frames, still with ``_hh``) with each ``maybe`` decided where a missing
    fact decides it, and each program's amount range (``<id>__monthly_amount_min``/``_max``)."""
    out = _with_ranges(out, detail)
    maybe = {pid: out.get_column(output_columns(pid)["status"]) == "maybe" for pid in program_ids()}
    maybe = {pid: flags for pid, flags in maybe.items() if flags.any()}
    if not maybe:
        return out
    n = households.height
    jpersons, jhouseholds = _joint(persons, households, offset=0)
    joint = run(plan, jpersons, jhouseholds)
    for pid in list(maybe):
        status = joint.get_column(output_columns(pid)["status"])
        flags = maybe[pid] & (status.slice(0, n) != "maybe") & (status.slice(n) != "maybe")
        if flags.any():
            maybe[pid] = flags
        else:
            del maybe[pid]
    if not maybe:
        return out
    chosen = _candidates(persons, households, plan, maybe)
    if chosen.is_empty():
        return out
    meta, cpersons, chouseholds = _tries(persons, households, chosen)
    tried = pl.concat([meta, run(plan, cpersons, chouseholds).drop(HH)], how="horizontal")
    return _decide(out, tried, plan, list(maybe), detail=detail)


@functools.cache
def _status_columns() -> list[str]:
    return [output_columns(pid)["status"] for pid in program_ids()]


def _amount(pid: str, detail: bool) -> pl.Expr:
    """A program's monthly amount in a run's output (detail runs keep it under its variable's name)."""
    name = catalogue()[pid].get("amount")
    if not name:
        return pl.lit(None, dtype=pl.Float64)
    return pl.col(name if detail else output_columns(pid)[AMOUNT]).cast(pl.Float64)


def _with_ranges(out: pl.DataFrame, detail: bool) -> pl.DataFrame:
    return out.with_columns(_range_exprs(detail))


@functools.cache
def _range_exprs(detail: bool) -> list[pl.Expr]:
    exprs = []
    for pid in program_ids():
        amount = _amount(pid, detail)
        low, high = range_columns(pid).values()
        exprs += [amount.alias(low), amount.alias(high)]
        if detail:
            exprs.append(pl.lit(None, dtype=pl.String).alias(decided_by_column(pid)))
    return exprs


def _readers(maybe: dict[str, pl.Series], pids: list[str]) -> pl.Expr:
    flags = [pl.col(f"_m_{p}") for p in pids if p in maybe]
    return pl.any_horizontal(flags) if flags else pl.lit(False)


def _candidates(
    persons: pl.DataFrame, households: pl.DataFrame, plan: Plan, maybe: dict[str, pl.Series]
) -> pl.DataFrame:
    """The facts to try, per household: missing, with a small domain, read by a right that is ``maybe`` there
    (for a member's fact, by the members whose value that right reads), the most telling first, within budget."""
    relevance = _relevance(plan)
    flags = pl.DataFrame([flag.alias(f"_m_{pid}") for pid, flag in maybe.items()])
    hmask = []
    for c in household_facts():
        pids = [p for p in maybe if c in relevance[p][0]]
        if pids:
            hmask.append((pl.col(c).is_null() & _readers(maybe, pids)).alias(c))
    parts = []
    if hmask:
        h = pl.concat([households.select(HH, *(e.meta.output_name() for e in hmask)), flags], how="horizontal")
        parts.append(
            h.select(HH, *hmask)
            .unpivot(index=HH, variable_name=_FACT, value_name="_try")
            .filter("_try")
            .select(
                pl.col(HH).alias(_ORIGIN),
                _FACT,
                pl.lit(None, dtype=pl.UInt32).alias(_TARGET),
                pl.lit(None, dtype=pl.String).alias(_ROLE),
            )
        )
    pmask = []
    for c in person_facts():
        by_role = {r: [p for p in maybe if r in relevance[p][1].get(c, ())] for r in ROLES}
        by_role = {r: pids for r, pids in by_role.items() if pids}
        if by_role:
            read = pl.lit(False)
            for r, pids in by_role.items():
                read = read | ((pl.col("role") == r) & _readers(maybe, pids))
            pmask.append((pl.col(c).is_null() & read).alias(c))
    if pmask:
        people = persons.select(HH, "role", *(e.meta.output_name() for e in pmask)).with_row_index(_PI)
        people = pl.concat([people, flags.select(pl.all().gather(people.get_column(HH)))], how="horizontal")
        parts.append(
            people.select(HH, _PI, pl.col("role").cast(pl.String).alias(_ROLE), *pmask)
            .unpivot(index=[HH, _PI, _ROLE], variable_name=_FACT, value_name="_try")
            .filter("_try")
            .select(pl.col(HH).alias(_ORIGIN), _FACT, pl.col(_PI).alias(_TARGET), _ROLE)
        )
    if not parts:
        return pl.DataFrame()
    found = pl.concat(parts, how="vertical")
    ranks = _rank_table()
    ranked = pl.concat(
        [
            found.filter(pl.col(_TARGET).is_null()).join(ranks.filter(pl.col(_ROLE).is_null()).drop(_ROLE), on=_FACT),
            found.filter(pl.col(_TARGET).is_not_null()).join(ranks, on=[_FACT, _ROLE]),
        ],
        how="vertical",
    ).sort(_ORIGIN, "_rank", _TARGET, nulls_last=False)
    # Each right that is maybe keeps the first PER_RIGHT facts it reads.
    ranked = pl.concat([ranked, flags.select(pl.all().gather(ranked.get_column(_ORIGIN)))], how="horizontal")
    firsts = []
    for pid in maybe:
        mine = _reads(relevance[pid]) & pl.col(f"_m_{pid}")
        firsts.append(mine & (mine.cum_sum().over(_ORIGIN) <= PER_RIGHT))
    ranked = ranked.filter(pl.any_horizontal(firsts))
    # Within budget: a fact whose values would exceed it is left out, and the next smaller one may still fit.
    within = _within_budget(ranked.get_column(_ORIGIN), ranked.get_column("_size"))
    return ranked.filter(within).select(_ORIGIN, _FACT, _TARGET, _ROLE)


def _reads(relevance: tuple[frozenset[str], dict[str, frozenset[str]]]) -> pl.Expr:
    """Whether a try's fact is one the right reads (a member's fact: of a member whose value it reads)."""
    household, person = relevance
    reads = pl.col(_FACT).is_in(list(household)) & pl.col(_TARGET).is_null()
    for column, roles in person.items():
        reads = reads | ((pl.col(_FACT) == column) & pl.col(_ROLE).is_in(list(roles)))
    return reads


def _within_budget(origins: pl.Series, sizes: pl.Series) -> pl.Series:
    keep = []
    current, used = None, 0
    for origin, size in zip(origins.to_list(), sizes.to_list(), strict=True):
        if origin != current:
            current, used = origin, 0
        fits = used + size <= BUDGET
        used += size if fits else 0
        keep.append(fits)
    return pl.Series(keep, dtype=pl.Boolean)


def _tries(
    persons: pl.DataFrame, households: pl.DataFrame, chosen: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """One household per fact tried and value: (what each one tries, its persons, its households)."""
    jobs = chosen.with_row_index(_GROUP).join(_values_table(), on=_FACT, maintain_order="left").with_row_index(_JOB)
    meta = jobs.select(_GROUP, _ORIGIN, _FACT, _TARGET, _ROLE)
    hschema, pschema = households.schema, persons.schema

    def value(column: str, dtype: pl.DataType) -> pl.Expr:
        return pl.col("_vbool") if dtype == pl.Boolean else pl.col("_vstr").cast(dtype)

    h = jobs.join(households, left_on=_ORIGIN, right_on=HH, maintain_order="left")
    h = h.with_columns(
        pl.when((pl.col(_FACT) == c) & pl.col(_TARGET).is_null())
        .then(value(c, hschema[c]))
        .otherwise(pl.col(c))
        .alias(c)
        for c in household_facts()
        if c in hschema
    )
    p = jobs.join(persons.with_row_index(_PI), left_on=_ORIGIN, right_on=HH, maintain_order="left")
    p = p.with_columns(
        pl.when((pl.col(_FACT) == c) & (pl.col(_PI) == pl.col(_TARGET)))
        .then(value(c, pschema[c]))
        .otherwise(pl.col(c))
        .alias(c)
        for c in person_facts()
        if c in pschema
    ).sort(_JOB, maintain_order=True)
    # The tries are households of their own, indexed 0..n-1 in the order of ``meta``.
    rename = {_JOB: HH}
    chouseholds = h.drop(HH, strict=False).rename(rename).select(households.columns)
    cpersons = p.rename(rename).select(persons.columns)
    return meta, cpersons, chouseholds


def _decide(out: pl.DataFrame, tried: pl.DataFrame, plan: Plan, rights: list[str], *, detail: bool) -> pl.DataFrame:
    """Per household and right that is ``maybe``: the first fact tried that settles it (every value gives the same
    definite answer), else the first that decides it (every value gives a definite answer).

    The tries of one fact are consecutive rows and the facts of one household consecutive groups, so each step is a
    reduction over runs of rows (NumPy's ``reduceat``), not a hash group-by.
    """
    from eligibility.api import conditions_of

    relevance = _relevance(plan)
    group = tried.get_column(_GROUP).to_numpy()
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    groups = tried.select(_ORIGIN, _FACT, _TARGET, _ROLE)[starts]
    origin = groups.get_column(_ORIGIN).to_numpy()
    households = np.flatnonzero(np.r_[True, origin[1:] != origin[:-1]])
    index = np.arange(len(starts))
    none = len(starts)  # "no such group"
    facts = groups.get_column(_FACT).to_numpy()
    columns: dict[str, Any] = {_ORIGIN: origin[households]}
    reads_all = groups.select([_reads(relevance[pid]).alias(pid) for pid in rights])
    for pid in rights:  # the rights that are maybe somewhere in the chunk
        code = tried.get_column(output_columns(pid)["status"]).to_physical().to_numpy()
        eligible = code == 0
        amount = tried.select(_amount(pid, detail)).to_series().to_numpy().astype(np.float64)
        still_open = np.maximum.reduceat((code == 1).astype(np.uint8), starts) > 0
        low_code, high_code = np.minimum.reduceat(code, starts), np.maximum.reduceat(code, starts)
        ok = reads_all.get_column(pid).to_numpy() & ~still_open
        settles, decides = ok & (low_code == high_code), ok & (low_code != high_code)
        first_settle = np.minimum.reduceat(np.where(settles, index, none), households)
        first_decide = np.minimum.reduceat(np.where(decides, index, none), households)
        chosen = np.where(first_settle < none, first_settle, first_decide)
        found = chosen < none
        at = np.where(found, chosen, 0)
        low = np.minimum.reduceat(np.where(eligible, amount, np.inf), starts)[at]
        high = np.maximum.reduceat(np.where(eligible, amount, -np.inf), starts)[at]
        known = (np.maximum.reduceat((eligible & np.isnan(amount)).astype(np.uint8), starts) == 0)[at]
        known &= np.isfinite(low)
        settled = first_settle < none
        columns[f"{pid}|found"] = found
        columns[f"{pid}|answer"] = [
            STATUS_CODES[int(c)] if s else None for c, s in zip(low_code[at], settled, strict=True)
        ]
        columns[f"{pid}|decider"] = [
            f if d and not s else None for f, d, s in zip(facts[at], found, settled, strict=True)
        ]
        columns[f"{pid}|low"] = np.where(known, low, np.nan)
        columns[f"{pid}|high"] = np.where(known, high, np.nan)
        columns[f"{pid}|known"] = known
        if detail:
            for c in conditions_of(pid):
                # True 1, False 0, unknown 2: the tries agree on an answer where min = max < 2.
                answers = tried.get_column(c.column).cast(pl.Int8).fill_null(2).to_numpy()
                low_answer = np.minimum.reduceat(answers, starts)[at]
                agreed = (low_answer == np.maximum.reduceat(answers, starts)[at]) & (low_answer < 2)
                columns[f"{pid}|{c.column}"] = [bool(a) if g else None for a, g in zip(low_answer, agreed, strict=True)]
    kinds = {"found": pl.Boolean, "answer": pl.String, "decider": pl.String, "low": pl.Float64, "high": pl.Float64}
    schema = {name: kinds.get(name.rpartition("|")[2], pl.Boolean) for name in columns}
    best = pl.DataFrame(columns, schema={**schema, _ORIGIN: pl.UInt32}, nan_to_null=True)
    joined = out.select(HH).join(best, left_on=HH, right_on=_ORIGIN, how="left", maintain_order="left")
    both = pl.concat([out, joined.drop(HH)], how="horizontal")
    updates = [e for pid in rights for e in _updated(pid, out.schema, detail)]
    return both.with_columns(updates).select(out.columns)


STATUS_CODES = dict(enumerate(STATUS.categories.to_list()))


def _updated(pid: str, schema: pl.Schema, detail: bool) -> list[pl.Expr]:
    from eligibility.api import conditions_of

    status = output_columns(pid)["status"]
    low, high = range_columns(pid).values()
    found = pl.col(f"{pid}|found").fill_null(False) & (pl.col(status) == "maybe")
    answer = pl.col(f"{pid}|answer")
    settled = found & answer.is_not_null()
    refused = settled & (answer == "not_eligible")
    known = found & pl.col(f"{pid}|known").fill_null(False) & pl.col(f"{pid}|low").is_not_null()
    name = catalogue()[pid].get("amount")
    nothing = pl.lit(0.0 if name else None, dtype=pl.Float64)  # not entitled: no money; not a payment: no range
    new_low = pl.when(refused).then(nothing).when(known).then(pl.col(f"{pid}|low")).otherwise(pl.col(low))
    new_high = pl.when(refused).then(nothing).when(known).then(pl.col(f"{pid}|high")).otherwise(pl.col(high))
    exprs = [
        pl.when(settled).then(answer.cast(schema[status])).otherwise(pl.col(status)).alias(status),
        new_low.alias(low),
        new_high.alias(high),
    ]
    if name:
        column = name if detail else output_columns(pid)[AMOUNT]
        amount = pl.col(column)
        # Not entitled whatever the answer: nothing; an amount unknown but bounded: the least of its range.
        new_amount = pl.when(refused).then(0.0).when(found).then(amount.fill_null(new_low)).otherwise(amount)
        exprs.append(new_amount.cast(schema[column]).alias(column))
    if detail:
        decider = pl.col(f"{pid}|decider").replace_strict(question_ids(), default=None, return_dtype=pl.String)
        exprs.append(
            pl.when(found & decider.is_not_null())
            .then(decider)
            .otherwise(pl.col(decided_by_column(pid)))
            .alias(decided_by_column(pid))
        )
        for c in conditions_of(pid):
            picked = pl.col(f"{pid}|{c.column}")
            exprs.append(
                pl.when(found).then(pl.col(c.column).fill_null(picked)).otherwise(pl.col(c.column)).alias(c.column)
            )
    return exprs


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


# The same steps on a handful of households, in plain Python (see ``refine``).

_CHOSEN_SCHEMA = {_ORIGIN: pl.UInt32, _FACT: pl.String, _TARGET: pl.UInt32, _ROLE: pl.String}


@functools.cache
def _ranks() -> dict[tuple[str, str | None], tuple[int, int]]:
    table = _rank_table()
    return {(f, r): (rank, size) for f, r, rank, size in table.iter_rows()}


class _Rows:
    """A handful of households as Python rows: the small path's view of the two frames."""

    def __init__(self, persons: pl.DataFrame, households: pl.DataFrame) -> None:
        self.persons, self.frame = persons, households
        self.n = households.height
        self.pcolumns, self.hcolumns = persons.columns, households.columns
        self.households = households.rows()
        self.hh_at = self.pcolumns.index(HH)
        self.members: dict[int, list[tuple[int, tuple[Any, ...]]]] = {}
        for index, row in enumerate(persons.rows()):
            self.members.setdefault(row[self.hh_at], []).append((index, row))
        self.role_at = self.pcolumns.index("role")
        self.hfacts = [(c, self.hcolumns.index(c)) for c in household_facts() if c in self.hcolumns]
        self.pfacts = [(c, self.pcolumns.index(c)) for c in person_facts() if c in self.pcolumns]


def _readers_of(plan: Plan) -> dict[tuple[str, str | None], frozenset[str]]:
    """For each fact (and role, for a member's fact), the rights that read it."""
    if "_readers" not in plan.relevance:
        readers: dict[tuple[str, str | None], set[str]] = {}
        relevance = _relevance(plan)
        for pid in program_ids():
            household, person = relevance[pid]
            for fact in household:
                readers.setdefault((fact, None), set()).add(pid)
            for fact, roles in person.items():
                for role in roles:
                    readers.setdefault((fact, role), set()).add(pid)
        plan.relevance["_readers"] = {key: frozenset(pids) for key, pids in readers.items()}
    found: dict[tuple[str, str | None], frozenset[str]] = plan.relevance["_readers"]
    return found


def _candidates_small(
    view: _Rows, plan: Plan, open_rights: dict[str, list[bool]]
) -> list[tuple[int, str, int | None, str | None]]:
    readers = _readers_of(plan)
    ranks = _ranks()
    nobody: frozenset[str] = frozenset()
    chosen: list[tuple[int, str, int | None, str | None]] = []
    for origin, hrow in enumerate(view.households):
        rights = {pid for pid, flags in open_rights.items() if flags[origin]}
        if not rights:
            continue
        found: list[tuple[int, int, int, str, int | None, str | None, frozenset[str]]] = []
        for fact, at in view.hfacts:
            if hrow[at] is None and (mine := readers.get((fact, None), nobody) & rights):
                found.append((*ranks[(fact, None)], -1, fact, None, None, mine))
        for index, prow in view.members.get(origin, ()):
            role = prow[view.role_at]
            for fact, at in view.pfacts:
                if prow[at] is None and (mine := readers.get((fact, role), nobody) & rights):
                    found.append((*ranks[(fact, role)], index, fact, index, role, mine))
        found.sort(key=lambda item: (item[0], item[2]))
        wanted = dict.fromkeys(rights, PER_RIGHT)  # facts each right still takes
        used = 0
        for _rank, size, _order, fact, target, role, mine in found:
            takers = [pid for pid in mine if wanted[pid] > 0]
            if not takers:
                continue
            for pid in takers:
                wanted[pid] -= 1
            if used + size <= BUDGET:
                used += size
                chosen.append((origin, fact, target, role))
    return chosen


def _tries_small(
    view: _Rows, chosen: list[tuple[int, str, int | None, str | None]], *, joint: bool
) -> tuple[list[tuple[int, str, int | None, str | None]], pl.DataFrame, pl.DataFrame]:
    """The households to run after the ``view``'s own: with ``joint``, first its two joint fillings (``_joint``),
    then one per fact tried and value, indexed on from the view's households (or from 0 without ``joint``).

    Built from the frames by gathering rows and setting the few values that differ (building frames from Python
    rows costs more, column by column, than the query they feed)."""
    persons, households = view.persons, view.frame
    values = {**person_facts(), **household_facts()}
    offset = view.n if joint else 0
    meta: list[tuple[int, str, int | None, str | None]] = []
    origins: list[int] = []
    hset: dict[str, tuple[list[int], list[Any]]] = {}
    pset: dict[str, tuple[list[int], list[Any]]] = {}
    member_rows: list[int] = []
    member_jobs: list[int] = []
    for origin, fact, target, role in chosen:
        for value in values[fact]:
            job = len(origins)
            meta.append((origin, fact, target, role))
            origins.append(origin)
            if target is None:
                where = hset.setdefault(fact, ([], []))
                where[0].append(job)
                where[1].append(value)
            for index, _row in view.members.get(origin, ()):
                if index == target:
                    where = pset.setdefault(fact, ([], []))
                    where[0].append(len(member_rows))
                    where[1].append(value)
                member_rows.append(index)
                member_jobs.append(job)
    start = offset + (2 * view.n if joint else 0)
    tried_h = _set(households[origins], [start + j for j in range(len(origins))], hset)
    tried_p = _set(persons[member_rows], [start + j for j in member_jobs], pset)
    parts_h, parts_p = [], []
    if joint:
        jpersons, jhouseholds = _joint(persons, households, offset=offset)
        parts_h.append(jhouseholds)
        parts_p.append(jpersons)
    parts_h.append(tried_h)
    parts_p.append(tried_p)
    return meta, pl.concat(parts_p, how="vertical"), pl.concat(parts_h, how="vertical")


class _Right:
    """What deciding one right reads and writes, worked out once per plan (see ``_rights``)."""

    def __init__(self, pid: str, plan: Plan, detail: bool) -> None:
        from eligibility.api import conditions_of

        household, person = _relevance(plan)[pid]
        self.pid = pid
        self.reads = {(fact, None) for fact in household} | {
            (fact, role) for fact, roles in person.items() for role in roles
        }
        self.status = output_columns(pid)["status"]
        amount = catalogue()[pid].get("amount")
        self.amount = (amount if detail else output_columns(pid)[AMOUNT]) if amount else None
        self.low, self.high = range_columns(pid).values()
        self.decided_by = decided_by_column(pid)
        self.conditions = [c.column for c in conditions_of(pid)] if detail else []


def _rights(plan: Plan, detail: bool) -> list[_Right]:
    key = f"_rights_{detail}"
    if key not in plan.relevance:
        plan.relevance[key] = [_Right(pid, plan, detail) for pid in program_ids()]
    rights: list[_Right] = plan.relevance[key]
    return rights


def _decide_small(
    out: pl.DataFrame,
    meta: list[tuple[int, str, int | None, str | None]],
    tried: pl.DataFrame,
    plan: Plan,
    open_ids: list[str],
    keep: set[tuple[int, str, int | None, str | None]],
    *,
    detail: bool,
) -> pl.DataFrame:
    rights = [right for right in _rights(plan, detail) if right.pid in open_ids]
    wanted: list[str] = []
    for right in rights:
        wanted += [right.status, *([right.amount] if right.amount else []), *right.conditions]
    wanted = list(dict.fromkeys(wanted))
    at = {name: i + 4 for i, name in enumerate(wanted)}  # after the four of ``meta``
    # The tries of each household, grouped by the fact tried, in the order they were chosen.
    groups: dict[int, dict[tuple[str, int | None], list[tuple[Any, ...]]]] = {}
    for what, result in zip(meta, tried.select(wanted).iter_rows(), strict=True):
        if what in keep:  # the tries chosen for the rights that are open
            groups.setdefault(what[0], {}).setdefault((what[1], what[2]), []).append((*what, *result))
    changes: dict[str, dict[int, Any]] = {}
    current: dict[str, list[Any]] = {}

    def now(name: str, origin: int) -> Any:
        if name not in current:
            current[name] = out.get_column(name).to_list()
        return changes.get(name, {}).get(origin, current[name][origin])

    def put(name: str, origin: int, value: Any) -> None:
        changes.setdefault(name, {})[origin] = value

    for right in rights:
        s = at[right.status]
        for origin, by_fact in groups.items():
            if now(right.status, origin) != "maybe":
                continue
            settles = decides = None
            for (fact, _target), rows in by_fact.items():
                if (fact, rows[0][3]) not in right.reads:
                    continue
                answers = {r[s] for r in rows}
                if "maybe" in answers:
                    continue
                if len(answers) == 1:
                    settles = settles or (fact, rows)
                else:
                    decides = decides or (fact, rows)
            pick = settles or decides
            if pick is None:
                continue
            fact, rows = pick
            answer = rows[0][s] if settles else None
            amounts = [r[at[right.amount]] for r in rows if r[s] == "eligible"] if right.amount else []
            bounds: tuple[Any, Any] | None = None
            if answer == "not_eligible":
                bounds = (0.0, 0.0) if right.amount else (None, None)
            elif amounts and None not in amounts:
                bounds = (min(amounts), max(amounts))
            if answer is not None:
                put(right.status, origin, answer)
            if bounds is not None:
                put(right.low, origin, bounds[0])
                put(right.high, origin, bounds[1])
            if right.amount:
                if answer == "not_eligible":
                    put(right.amount, origin, 0.0)
                elif now(right.amount, origin) is None:
                    put(right.amount, origin, now(right.low, origin))
            if answer is None and detail:
                put(right.decided_by, origin, question_ids()[fact])
            for c in right.conditions:
                seen = {r[at[c]] for r in rows}
                if now(c, origin) is None and len(seen) == 1:
                    put(c, origin, seen.pop())
    if not changes:
        return out
    updates = []
    for name, changed in changes.items():
        column = current.get(name) or out.get_column(name).to_list()
        for origin, value in changed.items():
            column[origin] = value
        updates.append(pl.Series(name, column, dtype=out.get_column(name).dtype))
    return out.with_columns(updates)
