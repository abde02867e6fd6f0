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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from eligibility.catalogue import catalogue, program_ids
from eligibility.engine import SMALL, Plan, compile_change, nodes_info, output_columns, run, run_keeping
from eligibility.frames import HH, ROLE, household_schema, person_schema
from eligibility.inputs import question_of
from eligibility.model import STATUS

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

ROLES = tuple(ROLE.categories.to_list())
AMOUNT = "monthly_amount"
AMOUNT_MIN, AMOUNT_MAX = "monthly_amount_min", "monthly_amount_max"
DECIDED_BY = "decided_by"  # the question whose answer alone would decide a ``maybe``
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
    """``out`` with each program's amount range (its amount, until a missing fact is tried) and its deciding
    question (none yet); built Series by Series, no query to plan."""
    columns = []
    nothing = pl.Series([None] * out.height, dtype=pl.Float64)
    unknown = pl.Series([None] * out.height, dtype=pl.String)
    for pid in program_ids():
        column = _amount_column(pid, detail)
        amount = nothing if column is None else out.get_column(column).cast(pl.Float64)
        low, high = range_columns(pid).values()
        columns += [amount.alias(low), amount.alias(high)]
        columns.append(unknown.alias(decided_by_column(pid)))
    return out.hstack(columns)


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
    decider = pl.col(f"{pid}|decider").replace_strict(question_ids(), default=None, return_dtype=pl.String)
    exprs.append(
        pl.when(found & decider.is_not_null())
        .then(decider)
        .otherwise(pl.col(decided_by_column(pid)))
        .alias(decided_by_column(pid))
    )
    if detail:
        for c in conditions_of(pid):
            # A condition that every value of the fact tried answers the same way is answered, decided or not.
            exprs.append(pl.col(c.column).fill_null(pl.col(f"{pid}|{c.column}")).alias(c.column))
    return exprs


@functools.cache
def question_ids() -> dict[str, str]:
    """The question that asks each fact: its declared input's (``eligibility/inputs.yaml``), and for the two
    columns the frames derive, that of the input they come from."""
    out = {}
    for column in (*person_facts(), *household_facts()):
        question = question_of(column)
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
        self.amount_variable: str | None = catalogue()[pid].get("amount")
        self.low, self.high = range_columns(pid).values()
        self.decided_by = decided_by_column(pid)
        self.conditions = [c.column for c in conditions_of(pid)] if detail else []
        ranks = _ranks()
        self.keys = sorted(self.reads, key=ranks.__getitem__)  # the facts it reads, in the order they are tried


def _rights(plan: Plan, detail: bool) -> list[_Right]:
    key = f"_rights_{detail}"
    if key not in plan.relevance:
        plan.relevance[key] = [_Right(pid, plan, detail) for pid in program_ids()]
    rights: list[_Right] = plan.relevance[key]
    return rights


def evaluate_frames(plan: Plan, persons: pl.DataFrame, households: pl.DataFrame, *, detail: bool) -> pl.DataFrame:
    """Run ``plan`` on the frames and decide each ``maybe`` where its first missing small fact decides it.

    A handful of households (a screening, an API call) runs itself and its tries in one query: the tries are those
    each right would need if it were ``maybe`` (on a few rows a query costs about the same whatever the rows), and
    the decision is taken in plain Python. Larger chunks keep every column their run works out, and each try works
    out again only what its fact changes in its right (``refine``). Both give the same answers.
    """
    n = households.height
    if n > SMALL:
        out, persons, households = run_keeping(plan, persons, households)
        return refine(persons, households, out, plan, detail=detail)
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
    missing small fact decides it, and each program's amount range (``<id>__monthly_amount_min``/``_max``).

    ``persons`` and ``households`` are the frames with every column the run worked out (``run_keeping``). Per
    right that is ``maybe`` somewhere, its households are gathered again with the fact set to each value and run
    through what that fact changes in that right (``_decide_one``)."""
    out = _with_ranges(out, detail)
    chunk: _Chunk | None = None
    found: list[pl.Series] = []
    rights: list[str] = []
    for right in _rights(plan, detail):
        maybe = out.get_column(right.status).to_physical().to_numpy() == _MAYBE
        if not maybe.any():
            continue
        chunk = chunk or _Chunk(persons, households)
        origins, keys, targets = chunk.firsts(right.keys, maybe)
        if not len(origins):
            continue
        found += _decide_one(right, chunk, origins, keys, targets, plan, detail=detail)
        rights.append(right.pid)
    if not found:
        return out
    schema = out.schema
    both = out.hstack(found)
    return both.with_columns(e for pid in rights for e in _updated(pid, schema, detail)).select(out.columns)


_MAYBE = STATUS.categories.to_list().index("maybe")
_ELIGIBLE = STATUS.categories.to_list().index("eligible")
_NONE = -2  # a fact that is not missing (household facts that are missing have the target -1)


class _Chunk:
    """The large path's view of a chunk: where each household's members are, and which of them lacks a fact."""

    def __init__(self, persons: pl.DataFrame, households: pl.DataFrame) -> None:
        self.persons, self.households = persons, households
        self.n = households.height
        hh = persons.get_column(HH).to_numpy()
        self.sizes = np.bincount(hh, minlength=self.n)
        self.starts = np.concatenate(([0], np.cumsum(self.sizes)[:-1]))
        self.role = persons.get_column("role").to_physical().to_numpy()
        self.hh = hh
        self._targets: dict[tuple[str, str | None], np.ndarray] = {}

    def target(self, key: tuple[str, str | None]) -> np.ndarray:
        """Per household: the row of its first member of the role whose fact is missing, -1 where a household fact
        is missing, ``_NONE`` where nothing is."""
        if key not in self._targets:
            fact, role = key
            target = np.full(self.n, _NONE, dtype=np.int64)
            if role is None:
                if fact in self.households.columns:
                    target[self.households.get_column(fact).is_null().to_numpy()] = -1
            elif fact in self.persons.columns:
                column = self.persons.get_column(fact)
                lacking = (
                    np.ones(len(self.hh), dtype=bool)
                    if column.null_count() == len(column)
                    else column.is_null().to_numpy()
                )
                rows = np.flatnonzero(lacking & (self.role == ROLES.index(role)))
                if len(rows):
                    of = self.hh[rows]
                    first = np.concatenate(([True], of[1:] != of[:-1]))  # rows are in household order
                    target[of[first]] = rows[first]
            self._targets[key] = target
        return self._targets[key]

    def firsts(
        self, keys: Sequence[tuple[str, str | None]], maybe: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per household where ``maybe``, the first of ``keys`` (in the order facts are tried) that it lacks: the
        households, the index of their key, and the member (row) whose fact it is."""
        key = np.full(self.n, -1, dtype=np.int64)
        target = np.full(self.n, _NONE, dtype=np.int64)
        open_ = maybe.copy()
        for k, fact in enumerate(keys):
            t = self.target(fact)
            hit = open_ & (t != _NONE)
            key[hit], target[hit] = k, t[hit]
            open_ &= ~hit
            if not open_.any():
                break
        origins = np.flatnonzero(key >= 0)
        return origins, key[origins], target[origins]

    def tries(
        self,
        origins: np.ndarray,
        fact: str,
        value: Any,
        targets: np.ndarray,
        pcolumns: list[str],
        hcolumns: list[str],
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        """The households ``origins`` again, indexed 0..n-1, each with ``fact`` set to ``value``: the household's
        (``targets`` -1) or the member's in ``targets``."""
        sizes = self.sizes[origins]
        ends = np.cumsum(sizes)
        begins = ends - sizes  # where each household's members start in the tries' persons
        rows = np.arange(ends[-1] if len(ends) else 0) + np.repeat(self.starts[origins] - begins, sizes)
        pcols = {c.name: c for c in self.persons.select(pcolumns)[rows].get_columns()}
        hcols = {c.name: c for c in self.households.select(hcolumns)[origins].get_columns()}
        if targets[0] < 0:  # a household fact (all of them are, or none)
            columns, at = hcols, np.arange(len(origins))
        else:
            columns, at = pcols, begins + targets - self.starts[origins]
        columns[fact] = columns[fact].scatter(at, pl.repeat(value, len(at), dtype=columns[fact].dtype, eager=True))
        hcols[HH] = pl.Series(HH, np.arange(len(origins), dtype=np.uint32))
        pcols[HH] = pl.Series(HH, np.repeat(np.arange(len(origins), dtype=np.uint32), sizes))
        return pl.DataFrame([pcols[c] for c in pcolumns]), pl.DataFrame([hcols[c] for c in hcolumns])


def _decide_one(
    right: _Right,
    chunk: _Chunk,
    origins: np.ndarray,
    keys: np.ndarray,
    targets: np.ndarray,
    plan: Plan,
    *,
    detail: bool,
) -> list[pl.Series]:
    """Try ``right``'s first missing fact in each of ``origins`` with each of its values; per household of the
    chunk (null elsewhere), whether the tries settle it (one answer), decide it (definite answers), and the
    amounts and, with ``detail``, conditions they agree on.

    A try works out only what the fact changes (``compile_change``): the rest is the chunk's own run. Without
    ``detail``, a household whose value leaves the right ``maybe`` tries no other: the fact cannot decide it."""
    values = _values()
    facts = [fact for fact, _role in right.keys]
    m = len(origins)
    used = np.unique(keys).tolist()
    rounds = max(len(values[facts[k]]) for k in used)
    codes = np.full((rounds, m), -1, dtype=np.int64)  # -1: not tried
    amounts = np.full((rounds, m), np.nan)
    conditions = right.conditions if detail else []
    answers = np.full((len(conditions), rounds, m), -1, dtype=np.int8)  # -1: not tried or not changed
    alive = np.zeros(m, dtype=bool)
    for fact in dict.fromkeys(facts[k] for k in used):
        own = compile_change(plan.as_of, plan.authorities, right.pid, fact, detail, plan.split)
        if right.status not in own.outputs:  # the fact changes the amount only: the answer stays open
            continue
        mine = np.flatnonzero(np.isin(keys, [k for k in used if facts[k] == fact]))
        alive[mine] = True
        keep = own.inputs | {HH}
        pcolumns = [c for c in chunk.persons.columns if c in keep]
        hcolumns = [c for c in chunk.households.columns if c in keep]
        for j, value in enumerate(values[fact]):
            at = mine[alive[mine]]
            if not len(at):
                break
            tp, th = chunk.tries(origins[at], fact, value, targets[at], pcolumns, hcolumns)
            result = run(own, tp, th)
            code = result.get_column(right.status).to_physical().to_numpy()
            codes[j, at] = code
            if right.amount_variable:
                amounts[j, at] = result.get_column(right.amount_variable).cast(pl.Float64).to_numpy()
            for i, c in enumerate(conditions):
                if c in result.columns:
                    answers[i, j, at] = result.get_column(c).cast(pl.Int8).fill_null(2).to_numpy()
            if not detail:  # a value that leaves it open: the fact cannot decide it there
                alive[at[code == _MAYBE]] = False
    tried = codes >= 0
    found = alive & tried[0] & ~(codes == _MAYBE).any(axis=0)
    low_code = np.where(tried, codes, np.iinfo(np.int64).max).min(axis=0)
    settled = found & (low_code == codes.max(axis=0))
    eligible = codes == _ELIGIBLE
    low = np.where(eligible, amounts, np.inf).min(axis=0)
    high = np.where(eligible, amounts, -np.inf).max(axis=0)
    known = found & ~(eligible & np.isnan(amounts)).any(axis=0) & np.isfinite(low)
    n, pid = chunk.n, right.pid

    def spread(name: str, data: np.ndarray, where: np.ndarray, dtype: PolarsDataType) -> pl.Series:
        full = pl.repeat(None, n, dtype=dtype, eager=True).alias(name)
        return full.scatter(origins[where], pl.Series(data[where], dtype=dtype)) if where.any() else full

    status_names = np.array(STATUS.categories.to_list(), dtype=object)
    series = [
        spread(f"{pid}|found", found, found, pl.Boolean),
        spread(f"{pid}|answer", status_names[np.where(settled, low_code, 0)], settled, pl.String),
        spread(f"{pid}|decider", np.array(facts, dtype=object)[keys], found & ~settled, pl.String),
        spread(f"{pid}|low", low, known, pl.Float64),
        spread(f"{pid}|high", high, known, pl.Float64),
        spread(f"{pid}|known", known, known, pl.Boolean),
    ]
    for i, c in enumerate(conditions):
        # True 1, False 0, unknown 2: the tries agree on an answer where min = max < 2 (a condition the fact does
        # not change is as it was).
        given = answers[i] >= 0
        lo = np.where(given, answers[i], 3).min(axis=0)
        agreed = given[0] & (lo == np.where(given, answers[i], -1).max(axis=0)) & (lo < 2)
        series.append(spread(f"{pid}|{c}", lo == 1, agreed, pl.Boolean))
    return series


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
    for what, result in zip(meta, tried[names].iter_rows(), strict=True):  # by name: no query to plan
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
        if answer is None:
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
