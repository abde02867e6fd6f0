"""What the missing facts decide: a right is ``maybe`` only when some answer to them would grant it and some would not.

The rules are written in three-valued logic (a missing fact is null, and a test on it is unknown), and each rule
answers only what every value of its missing facts agrees on. That alone is sound but not always decisive: a fact
used twice (sex sets the retirement age, which is compared with the age) gives "unknown" even when both sexes give
the same answer. So where a right comes out ``maybe``, the first missing fact with a small domain (a yes/no, a
choice from a list) that the right reads is tried with each of its values, the others left missing:

- if every value gives the same definite answer, that is the answer (it holds whatever the fact is);
- if every value gives a definite answer but not the same one, the right stays ``maybe`` and that fact is the one
  question that decides it;
- amounts: where the answer is decided, the range of the amount over the tried values is the right's range.

Facts with a numeric domain (incomes, percents, dates) stay unknown: the rules' three-valued logic already says
when no amount could change the answer. docs/decisions/0012-deciding-with-missing-facts.md says why.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

import numpy as np
import polars as pl

from eligibility.catalogue import catalogue, program_ids
from eligibility.engine import SMALL, Plan, compile_plan, nodes_info, output_columns, run
from eligibility.frames import HH, ROLE, household_schema, person_schema
from eligibility.inputs import by_column
from eligibility.model import STATUS

ROLES = tuple(ROLE.categories.to_list())
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


# For each right that is ``maybe``, the first missing small fact it reads is tried, the most telling first: the
# applicant's, then the partner's, the household's, and other members'; sex, marital status and employment first.
# One fact a right keeps the work bounded (a batch whose files leave whole columns empty would otherwise multiply
# it); a right that one fact cannot decide keeps the rules' own answer: sound, less decided.
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
Try = tuple[int, str, int | None, str | None]  # household, fact, member (None: a household fact), member's role


@functools.cache
def _rank_table() -> pl.DataFrame:
    """Each fact (and role, for a member's) with its rank in the order facts are tried."""
    return pl.DataFrame(
        [(fact, role, rank) for (fact, role), rank in _ranks().items()],
        schema={_FACT: pl.String, _ROLE: pl.String, "_rank": pl.Int32},
        orient="row",
    )


@functools.cache
def _values_table() -> pl.DataFrame:
    """One row per fact and value: yes/no values in ``_vbool``, choices in ``_vstr``."""
    rows: list[tuple[str, bool | None, str | None]] = []
    for c, values in _values().items():
        rows += [(c, v, None) if isinstance(v, bool) else (c, None, str(v)) for v in values]
    return pl.DataFrame(rows, schema={_FACT: pl.String, "_vbool": pl.Boolean, "_vstr": pl.String}, orient="row")


def _amount_column(pid: str, detail: bool) -> str | None:
    """Where a run's output holds a program's monthly amount (detail runs keep it under its variable's name);
    None for a right that is not a monthly payment."""
    name = catalogue()[pid].get("amount")
    if not name:
        return None
    return name if detail else output_columns(pid)[AMOUNT]


def _amount(pid: str, detail: bool) -> pl.Expr:
    """A program's monthly amount in a run's output, as a number (null for a right that is not a payment)."""
    column = _amount_column(pid, detail)
    return pl.lit(None, dtype=pl.Float64) if column is None else pl.col(column).cast(pl.Float64)


def _with_ranges(out: pl.DataFrame, detail: bool) -> pl.DataFrame:
    """``out`` with each program's amount range (its amount, until a missing fact is tried) and, with ``detail``,
    its deciding question (none yet); built Series by Series, no query to plan."""
    columns = []
    nothing = pl.Series([None] * out.height, dtype=pl.Float64)
    unknown = pl.Series([None] * out.height, dtype=pl.String)
    for pid in program_ids():
        column = _amount_column(pid, detail)
        amount = nothing if column is None else out.get_column(column).cast(pl.Float64)
        low, high = range_columns(pid).values()
        columns += [amount.alias(low), amount.alias(high)]
        if detail:
            columns.append(unknown.alias(decided_by_column(pid)))
    return out.hstack(columns)


def _tries(
    persons: pl.DataFrame, households: pl.DataFrame, chosen: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """One household per fact tried and value: (what each one tries, its persons, its households)."""
    jobs = chosen.with_row_index(_GROUP).join(_values_table(), on=_FACT, maintain_order="left").with_row_index(_JOB)
    meta = jobs.select(_GROUP, _ORIGIN, _FACT, _TARGET, _ROLE)
    hschema, pschema = households.schema, persons.schema

    def value(column: str, dtype: pl.DataType) -> pl.Expr:
        return pl.col("_vbool") if dtype == pl.Boolean else pl.col("_vstr").cast(dtype)

    tried = set(chosen.get_column(_FACT).unique().to_list())  # only these columns change
    h = jobs.join(households, left_on=_ORIGIN, right_on=HH, maintain_order="left")
    h = h.with_columns(
        pl.when((pl.col(_FACT) == c) & pl.col(_TARGET).is_null())
        .then(value(c, hschema[c]))
        .otherwise(pl.col(c))
        .alias(c)
        for c in household_facts()
        if c in hschema and c in tried
    )
    p = jobs.join(persons.with_row_index(_PI), left_on=_ORIGIN, right_on=HH, maintain_order="left")
    p = p.with_columns(
        pl.when((pl.col(_FACT) == c) & (pl.col(_PI) == pl.col(_TARGET)))
        .then(value(c, pschema[c]))
        .otherwise(pl.col(c))
        .alias(c)
        for c in person_facts()
        if c in pschema and c in tried
    ).sort(_JOB, maintain_order=True)
    # The tries are households of their own, indexed 0..n-1 in the order of ``meta``.
    rename = {_JOB: HH}
    chouseholds = h.drop(HH, strict=False).rename(rename).select(households.columns)
    cpersons = p.rename(rename).select(persons.columns)
    return meta, cpersons, chouseholds


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


def _updated(pid: str, schema: pl.Schema, detail: bool) -> list[pl.Expr]:
    from eligibility.api import conditions_of

    status = output_columns(pid)["status"]
    low, high = range_columns(pid).values()
    found = pl.col(f"{pid}|found").fill_null(False) & (pl.col(status) == "maybe")
    answer = pl.col(f"{pid}|answer")
    settled = found & answer.is_not_null()
    refused = settled & (answer == "not_eligible")
    known = found & pl.col(f"{pid}|known").fill_null(False) & pl.col(f"{pid}|low").is_not_null()
    column = _amount_column(pid, detail)
    nothing = pl.lit(0.0 if column else None, dtype=pl.Float64)  # not entitled: no money; not a payment: no range
    new_low = pl.when(refused).then(nothing).when(known).then(pl.col(f"{pid}|low")).otherwise(pl.col(low))
    new_high = pl.when(refused).then(nothing).when(known).then(pl.col(f"{pid}|high")).otherwise(pl.col(high))
    exprs = [
        pl.when(settled).then(answer.cast(schema[status])).otherwise(pl.col(status)).alias(status),
        new_low.alias(low),
        new_high.alias(high),
    ]
    if column:
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
            # A condition that every value of the fact tried answers the same way is answered, decided or not.
            exprs.append(pl.col(c.column).fill_null(pl.col(f"{pid}|{c.column}")).alias(c.column))
    return exprs


@functools.cache
def question_ids() -> dict[str, str]:
    """The question that asks each fact: its declared input's (``eligibility/inputs.yaml``), and for the two
    columns the frames derive, that of the input they come from."""
    declared = by_column()
    source = {"is_immigrant": "immigration_date"}
    out = {}
    for column in (*person_facts(), *household_facts()):
        name = "receives" if column.startswith("hh_receives__") else source.get(column, column)
        question = declared[name].question_id
        assert question is not None, column
        out[column] = question
    return out


@functools.cache
def _ranks() -> dict[tuple[str, str | None], int]:
    """Each fact (and role, for a member's) with its rank in the order facts are tried."""
    person = sorted(person_facts(), key=lambda c: (_PERSON_ORDER + (c,)).index(c))
    ranks: dict[tuple[str, str | None], int] = {}
    for role, rank in _ROLE_RANK.items():
        ranks |= {(c, role): rank * 1000 + i for i, c in enumerate(person)}
    ranks |= {(c, None): _HOUSEHOLD_RANK * 1000 + i for i, c in enumerate(household_facts())}
    return ranks


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


def _tries_small(view: _Rows, chosen: list[Try], *, offset: int) -> tuple[list[Try], pl.DataFrame, pl.DataFrame]:
    """One household per fact tried and value, indexed from ``offset``: what each tries, its persons, its households.

    Built from the frames by gathering rows and setting the few values that differ (building frames from Python
    rows costs more, column by column, than the query they feed)."""
    persons, households = view.persons, view.frame
    values = _values()
    meta: list[Try] = []
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
    tried_h = _set(households[origins], [offset + j for j in range(len(origins))], hset)
    tried_p = _set(persons[member_rows], [offset + j for j in member_jobs], pset)
    return meta, tried_p, tried_h


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
        self.amount = _amount_column(pid, detail)
        self.low, self.high = range_columns(pid).values()
        self.decided_by = decided_by_column(pid)
        self.conditions = [c.column for c in conditions_of(pid)] if detail else []


def _rights(plan: Plan, detail: bool) -> list[_Right]:
    key = f"_rights_{detail}"
    if key not in plan.relevance:
        plan.relevance[key] = [_Right(pid, plan, detail) for pid in program_ids()]
    rights: list[_Right] = plan.relevance[key]
    return rights


STATUS_CODES = dict(enumerate(STATUS.categories.to_list()))


def evaluate_frames(plan: Plan, persons: pl.DataFrame, households: pl.DataFrame, *, detail: bool) -> pl.DataFrame:
    """Run ``plan`` on the frames and decide each ``maybe`` where its first missing small fact decides it.

    A handful of households (a screening, an API call) runs itself and its tries in one query: the tries are those
    each right would need if it were ``maybe`` (on a few rows a query costs about the same whatever the rows), and
    the decision is taken in plain Python. Larger chunks run the tries of each right that is ``maybe`` with a query
    of that right alone (``refine``). Both give the same answers.
    """
    n = households.height
    if n > SMALL:
        return refine(persons, households, run(plan, persons, households), plan, detail=detail)
    view = _Rows(persons, households)
    firsts = _firsts_small(view, plan)
    if not firsts:  # nothing small is missing: the households alone
        return _with_ranges(run(plan, persons, households), detail)
    tries = list(dict.fromkeys(firsts.values()))
    # As many tries as fit in one small query beside the households (the rest, rarely, in a second one).
    rows = itertools.accumulate(len(_values()[fact]) for _, fact, _, _ in tries)
    fits = sum(1 for total in rows if n + total <= SMALL)
    meta, tpersons, thouseholds = _tries_small(view, tries[:fits], offset=n)
    both = run(
        plan, pl.concat([persons, tpersons], how="vertical"), pl.concat([households, thouseholds], how="vertical")
    )
    out = _with_ranges(both.slice(0, n), detail)
    statuses = {pid: out.get_column(output_columns(pid)["status"]).to_list() for pid in {pid for _, pid in firsts}}
    wanted = {(origin, pid): first for (origin, pid), first in firsts.items() if statuses[pid][origin] == "maybe"}
    if not wanted:
        return out
    tried = both.slice(n)
    later = [t for t in dict.fromkeys(wanted.values()) if t not in set(tries[:fits])]
    if later:  # beyond what fitted in the first query
        more_meta, more_persons, more_households = _tries_small(view, later, offset=0)
        meta, tried = meta + more_meta, pl.concat([tried, run(plan, more_persons, more_households)], how="vertical")
    return _decide_small(out, meta, tried, plan, wanted, detail=detail)


def refine(
    persons: pl.DataFrame, households: pl.DataFrame, out: pl.DataFrame, plan: Plan, *, detail: bool
) -> pl.DataFrame:
    """``out`` (the run of ``plan`` on the frames, still with ``_hh``) with each ``maybe`` decided where its first
    missing small fact decides it, and each program's amount range (``<id>__monthly_amount_min``/``_max``)."""
    out = _with_ranges(out, detail)
    found: list[pl.DataFrame] = []
    rights: list[str] = []
    missing: pl.DataFrame | None = None
    for pid in program_ids():
        maybe = out.get_column(output_columns(pid)["status"]) == "maybe"
        if not maybe.any():
            continue
        if missing is None:
            missing = _missing(persons, households)
        chosen = _firsts(missing, plan, pid, maybe)
        if chosen.is_empty():
            continue
        # The right's own query: what it reads and nothing else (a few nodes for some rights, against ~200), on
        # the columns it reads.
        own = compile_plan(plan.as_of, plan.authorities, detail, (pid,))
        keep = own.inputs | {HH, "household_id"}
        meta, cpersons, chouseholds = _tries(
            persons.select(c for c in persons.columns if c in keep or c in person_facts()),
            households.select(c for c in households.columns if c in keep),
            chosen,
        )
        tried = pl.concat([meta, run(own, cpersons, chouseholds).drop(HH)], how="horizontal")
        found.append(_decide_one(pid, tried, detail=detail))
        rights.append(pid)
    if not found:
        return out
    joined = out.select(HH)
    for best in found:
        joined = joined.join(best, left_on=HH, right_on=_ORIGIN, how="left", maintain_order="left")
    both = pl.concat([out, joined.drop(HH)], how="horizontal")
    schema = out.schema
    return both.with_columns(e for pid in rights for e in _updated(pid, schema, detail)).select(out.columns)


def _missing(persons: pl.DataFrame, households: pl.DataFrame) -> pl.DataFrame:
    """Every missing small fact of the chunk, one row each, in the order they are tried within a household."""
    hfacts = [c for c in household_facts() if c in households.columns]
    pfacts = [c for c in person_facts() if c in persons.columns]
    parts = [
        households.select(HH, *[pl.col(c).is_null() for c in hfacts])
        .unpivot(index=HH, variable_name=_FACT, value_name="_missing")
        .filter("_missing")
        .select(
            pl.col(HH).alias(_ORIGIN),
            _FACT,
            pl.lit(None, dtype=pl.UInt32).alias(_TARGET),
            pl.lit(None, dtype=pl.String).alias(_ROLE),
        ),
        persons.select(HH, "role", *[pl.col(c).is_null() for c in pfacts])
        .with_row_index(_PI)
        .unpivot(index=[HH, _PI, "role"], variable_name=_FACT, value_name="_missing")
        .filter("_missing")
        .select(
            pl.col(HH).alias(_ORIGIN), _FACT, pl.col(_PI).alias(_TARGET), pl.col("role").cast(pl.String).alias(_ROLE)
        ),
    ]
    ranks = _rank_table()
    return (
        pl.concat(parts, how="vertical")
        .join(ranks, on=[_FACT, _ROLE], nulls_equal=True)
        .sort(_ORIGIN, "_rank", _TARGET, nulls_last=False)
    )


def _firsts(missing: pl.DataFrame, plan: Plan, pid: str, maybe: pl.Series) -> pl.DataFrame:
    """Per household where ``pid`` is ``maybe``, the first missing small fact it reads (and whose, for a member's)."""
    household, person = _relevance(plan)[pid]
    reads = pl.col(_FACT).is_in(list(household)) & pl.col(_TARGET).is_null()
    for column, roles in person.items():
        reads = reads | ((pl.col(_FACT) == column) & pl.col(_ROLE).is_in(list(roles)))
    mine = missing.filter(reads & maybe.gather(missing.get_column(_ORIGIN)))
    return mine.unique(_ORIGIN, keep="first", maintain_order=True).select(_ORIGIN, _FACT, _TARGET, _ROLE)


def _decide_one(pid: str, tried: pl.DataFrame, *, detail: bool) -> pl.DataFrame:
    """From the tries of ``pid`` (one fact per household, its values in consecutive rows): per household whether
    they settle it (one answer), decide it (definite answers), and the amounts and conditions they agree on.

    Each step is a reduction over runs of rows (NumPy's ``reduceat``), not a hash group-by."""
    from eligibility.api import conditions_of

    group = tried.get_column(_GROUP).to_numpy()
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    code = tried.get_column(output_columns(pid)["status"]).to_physical().to_numpy()
    eligible = code == 0
    amount = tried.select(_amount(pid, detail)).to_series().to_numpy().astype(np.float64)
    still_open = np.maximum.reduceat((code == 1).astype(np.uint8), starts) > 0
    low_code, high_code = np.minimum.reduceat(code, starts), np.maximum.reduceat(code, starts)
    found = ~still_open
    settled = found & (low_code == high_code)
    low = np.minimum.reduceat(np.where(eligible, amount, np.inf), starts)
    high = np.maximum.reduceat(np.where(eligible, amount, -np.inf), starts)
    known = (np.maximum.reduceat((eligible & np.isnan(amount)).astype(np.uint8), starts) == 0) & np.isfinite(low)
    facts = tried.get_column(_FACT).gather(starts)
    answer = pl.Series(low_code).replace_strict(STATUS_CODES, return_dtype=pl.String)
    columns = [
        tried.get_column(_ORIGIN).gather(starts).alias(_ORIGIN),
        pl.Series(f"{pid}|found", found),
        answer.zip_with(pl.Series(settled), pl.Series([None], dtype=pl.String)).alias(f"{pid}|answer"),
        facts.zip_with(pl.Series(found & ~settled), pl.Series([None], dtype=pl.String)).alias(f"{pid}|decider"),
        pl.Series(f"{pid}|low", np.where(known, low, np.nan), nan_to_null=True),
        pl.Series(f"{pid}|high", np.where(known, high, np.nan), nan_to_null=True),
        pl.Series(f"{pid}|known", known),
    ]
    if detail:
        for c in conditions_of(pid):
            # True 1, False 0, unknown 2: the tries agree on an answer where min = max < 2.
            answers = tried.get_column(c.column).cast(pl.Int8).fill_null(2).to_numpy()
            low_answer = np.minimum.reduceat(answers, starts)
            agreed = (low_answer == np.maximum.reduceat(answers, starts)) & (low_answer < 2)
            value = pl.Series(low_answer == 1)
            columns.append(
                value.zip_with(pl.Series(agreed), pl.Series([None], dtype=pl.Boolean)).alias(f"{pid}|{c.column}")
            )
    return pl.DataFrame(columns)


@functools.cache
def _values() -> dict[str, list[Any]]:
    return {**person_facts(), **household_facts()}


def _firsts_small(view: _Rows, plan: Plan) -> dict[tuple[int, str], Try]:
    """Per household and right, the first missing small fact the right reads (as ``_firsts``, in plain Python)."""
    readers = _readers_of(plan)
    ranks = _ranks()
    nobody: frozenset[str] = frozenset()
    firsts: dict[tuple[int, str], Try] = {}
    for origin, hrow in enumerate(view.households):
        found: list[tuple[int, int, Try, frozenset[str]]] = []
        for fact, at in view.hfacts:
            if hrow[at] is None and (mine := readers.get((fact, None), nobody)):
                found.append((ranks[(fact, None)], -1, (origin, fact, None, None), mine))
        for index, prow in view.members.get(origin, ()):
            role = prow[view.role_at]
            for fact, at in view.pfacts:
                if prow[at] is None and (mine := readers.get((fact, role), nobody)):
                    found.append((ranks[(fact, role)], index, (origin, fact, index, role), mine))
        found.sort(key=lambda item: (item[0], item[1]))
        for _rank, _index, what, mine in found:
            for pid in mine:
                firsts.setdefault((origin, pid), what)
    return firsts


def _decide_small(
    out: pl.DataFrame,
    meta: list[Try],
    tried: pl.DataFrame,
    plan: Plan,
    wanted: dict[tuple[int, str], Try],
    *,
    detail: bool,
) -> pl.DataFrame:
    rights = {right.pid: right for right in _rights(plan, detail)}
    names: list[str] = []
    for _origin, pid in wanted:
        right = rights[pid]
        names += [right.status, *([right.amount] if right.amount else []), *right.conditions]
    names = list(dict.fromkeys(names))
    at = {name: i for i, name in enumerate(names)}
    rows_of: dict[Try, list[tuple[Any, ...]]] = {}
    needed = set(wanted.values())
    for what, result in zip(meta, tried.select(names).iter_rows(), strict=True):
        if what in needed:
            rows_of.setdefault(what, []).append(result)
    changes: dict[str, dict[int, Any]] = {}
    current: dict[str, list[Any]] = {}

    def now(name: str, origin: int) -> Any:
        if name not in current:
            current[name] = out.get_column(name).to_list()
        return changes.get(name, {}).get(origin, current[name][origin])

    def put(name: str, origin: int, value: Any) -> None:
        changes.setdefault(name, {})[origin] = value

    for (origin, pid), what in wanted.items():
        right, rows = rights[pid], rows_of[what]
        # A condition that every value of the fact answers the same way is answered, decided or not.
        for c in right.conditions:
            seen = {r[at[c]] for r in rows}
            if now(c, origin) is None and len(seen) == 1:
                put(c, origin, seen.pop())
        answers = {r[at[right.status]] for r in rows}
        if "maybe" in answers:
            continue
        answer = answers.pop() if len(answers) == 1 else None
        amounts = [r[at[right.amount]] for r in rows if r[at[right.status]] == "eligible"] if right.amount else []
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
            put(right.decided_by, origin, question_ids()[what[1]])
    if not changes:
        return out
    updates = []
    for name, changed in changes.items():
        column = current.get(name) or out.get_column(name).to_list()
        for origin, value in changed.items():
            column[origin] = value
        updates.append(pl.Series(name, column, dtype=out.get_column(name).dtype))
    return out.with_columns(updates)
