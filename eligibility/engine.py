"""The thin vectorized engine: compile every variable and condition for one legal date, run it on frames."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import io
import json
import pkgutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from eligibility import variables as variables_pkg
from eligibility.catalogue import catalogue, program_ids
from eligibility.frames import HH, household_schema, person_schema, receives_column
from eligibility.model import HOUSEHOLD, PERSON, STATUS, Condition, Formula, Variable
from eligibility.parameters import CONFIDENCE_ORDER, get_parameter, worst_confidence


@functools.cache
def registry() -> tuple[dict[str, type[Variable]], dict[str, Condition]]:
    """Every Variable class (one per module) and every Condition under ``eligibility/variables``."""
    found: dict[str, type[Variable]] = {}
    conditions: dict[str, Condition] = {}
    for info in pkgutil.walk_packages(variables_pkg.__path__, variables_pkg.__name__ + "."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Variable) and obj.__module__ == module.__name__:
                if obj.__name__ in found:
                    raise ValueError(f"variable {obj.__name__} defined twice")
                found[obj.__name__] = obj
        for cond in getattr(module, "CONDITIONS", ()):
            conditions[cond.column] = cond
    return found, conditions


def status_column(pid: str) -> str:
    return f"{pid}__status"


def output_columns(pid: str) -> dict[str, str]:
    return {k: f"{pid}__{k}" for k in ("status", "monthly_amount", "one_off_amount", "discount_percent")}


@dataclass
class Node:
    name: str
    entity: str
    build: Callable[[Formula], pl.Expr]
    aggregate: tuple[str, str] | None = None


class _PerThread(threading.local):
    """A thread's own small queries: a query's inputs are set and read within one collect on one thread."""

    def __init__(self) -> None:
        self.queries: dict[tuple[Any, ...], _SmallQuery] = {}


@dataclass
class Plan:
    """Stages of expressions for one legal date and set of authorities, with what each output used."""

    as_of: dt.date
    person_stages: list[list[pl.Expr]]
    aggs: list[pl.Expr]
    household_stages: list[list[pl.Expr]]
    outputs: list[str]
    deps: dict[str, set[str]]
    params: dict[str, set[str]]
    detail: bool = False
    result: list[pl.Expr] = field(default_factory=list)  # without detail: the final select
    confidence: dict[str, tuple[str, list[tuple[str, str]]]] = field(default_factory=dict)
    figures_from: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    # A table's leaf → the expression whose value picks it and its key (``Formula.table``).
    table_leaves: dict[str, tuple[pl.Expr, str]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)  # name → the short name the query uses
    # The result's column names, by the household frame's columns (see ``run``).
    result_names: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    result_keep: dict[tuple[str, ...], list[str] | None] = field(default_factory=dict)  # the columns a result keeps
    authorities: tuple[str, ...] = ()
    inputs: frozenset[str] = frozenset()  # the input columns the plan reads
    hidden: tuple[str, ...] = ()  # shared parts among the household columns (``_share``): not in a result
    split: bool = False  # deep formulas split into shallow columns (``compile_plan``'s ``small``)
    # Per program, the facts its answer reads (see ``eligibility.decide``), worked out once per plan.
    relevance: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # Each thread's small-frame queries, built once (see ``_SmallQuery``).
    small_queries: _PerThread = field(default_factory=_PerThread, repr=False, compare=False)

    @functools.cached_property
    def names(self) -> dict[str, str]:
        return {short: name for name, short in self.columns.items()}

    def params_closure(self, names: list[str], stop: Callable[[str], bool] | None = None) -> set[str]:
        """The parameters ``names`` read, directly or through the variables they read; not going into a variable
        ``stop`` holds for (``names`` themselves are always read)."""
        seen: set[str] = set()
        out: set[str] = set()
        stack = list(names)
        while stack:
            name = stack.pop()
            if name in seen or (stop is not None and name not in names and stop(name)):
                continue
            seen.add(name)
            out |= self.params.get(name, set())
            stack.extend(self.deps.get(name, ()))
        return out

    def vars_closure(self, names: list[str]) -> list[str]:
        return _closure(names, self.deps)


# Typed nulls: no literal-type coercion to plan per aggregation.
_NULL_FLOAT = pl.lit(None, dtype=pl.Float64)
_NULL_INT = pl.lit(None, dtype=pl.Int32)


def _role_flag(how: str) -> str:
    return f"is_{how}"


def _aggregate_inputs(node: Node) -> set[str]:
    assert node.aggregate is not None
    src, how = node.aggregate
    return {src, _role_flag(how)} if how in ("applicant", "partner") else {src}


def _aggregate(node: Node, columns: dict[str, str]) -> pl.Expr:
    assert node.aggregate is not None
    src, how = node.aggregate
    col = pl.col(columns[src])
    nulls = col.has_nulls()
    if how in ("applicant", "partner"):
        # Filtered by the person variable is_applicant / is_partner: a role comparison in each of these
        # aggregations would cost twice as much to plan.
        expr = col.filter(pl.col(columns[_role_flag(how)])).first()
    elif how == "len":
        expr = pl.len().cast(pl.Int32)
    elif how == "sum":
        expr = col.sum()
    elif how == "sum_strict":
        expr = pl.when(nulls).then(_NULL_FLOAT).otherwise(col.sum())
    elif how == "max":
        expr = col.max()
    elif how == "min":
        expr = col.min()
    elif how == "any":
        expr = col.any(ignore_nulls=False)  # Kleene: true if one is true, else unknown if one is unknown
    elif how == "count":
        expr = col.sum().cast(pl.Int32)
    elif how == "count_strict":
        expr = pl.when(nulls).then(_NULL_INT).otherwise(col.sum().cast(pl.Int32))
    else:
        raise ValueError(f"{node.name}: unknown aggregation {how}")
    return expr.alias(columns[node.name])


def short_names(names: list[str]) -> dict[str, str]:
    """A short name for each column, for the query: Polars copies column names again and again while it plans,
    and a name over 24 bytes (most variable and condition names) is a heap allocation each time."""
    return {name: f"_c{i}" for i, name in enumerate(names)}


def _nodes() -> dict[str, Node]:
    classes, conditions = registry()
    nodes: dict[str, Node] = {}
    for name, cls in classes.items():
        inst = cls()
        nodes[name] = Node(name, cls.entity, inst.formula, cls.aggregate)
        if cls.defined_for:
            nodes[name] = Node(name, cls.entity, _defined_for(inst.formula, cls.defined_for), cls.aggregate)
    for col, cond in conditions.items():
        nodes[col] = Node(col, HOUSEHOLD, cond.test)
        if cond.threshold is not None:
            nodes[col + "__threshold"] = Node(col + "__threshold", HOUSEHOLD, _as_expr(cond.threshold))
    for pid, spec in catalogue().items():
        for key, build in _program_outputs(pid, spec).items():
            nodes[f"{pid}__{key}"] = Node(f"{pid}__{key}", HOUSEHOLD, build)
    return nodes


@functools.cache
def nodes_info() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Each variable's and condition's entity, and the aggregation of those that aggregate persons."""
    nodes = _nodes()
    return {n: node.entity for n, node in nodes.items()}, {
        n: node.aggregate for n, node in nodes.items() if node.aggregate
    }


def _as_expr(fn: Callable[[Formula], Any]) -> Callable[[Formula], pl.Expr]:
    def build(f: Formula) -> pl.Expr:
        value = fn(f)
        return value if isinstance(value, pl.Expr) else pl.lit(value, dtype=pl.Float64)

    return build


_ZERO = pl.lit(0.0, dtype=pl.Float64)  # typed: no literal-type coercion to plan per variable


def _defined_for(formula: Callable[[Formula], pl.Expr], gate: str) -> Callable[[Formula], pl.Expr]:
    # An amount is 0 where its eligibility is false, and still estimated where it is unknown ("maybe").
    def build(f: Formula) -> pl.Expr:
        return pl.when(f.var(gate).not_()).then(_ZERO).otherwise(formula(f))

    return build


def _program_outputs(pid: str, spec: dict[str, Any]) -> dict[str, Callable[[Formula], pl.Expr]]:
    def status(f: Formula) -> pl.Expr:
        eligible = f.var(spec["variable"])
        received = f.var(f"hh_{receives_column(pid)}")
        # Eligible false/true/unknown as 0/1/2 picks not_eligible/eligible/maybe from a typed Enum Series:
        # cheaper to plan than a when/then chain (Polars plans each node in time proportional to its depth).
        code = eligible.cast(pl.UInt8).fill_null(_MAYBE_CODE)
        return pl.when(received).then(_status_literal("already_receiving")).otherwise(_BY_CODE.gather(code))

    def column(key: str) -> Callable[[Formula], pl.Expr]:
        def build(f: Formula) -> pl.Expr:
            name = spec.get(key)
            return f.var(name).cast(pl.Float64) if name else pl.lit(None, dtype=pl.Float64)

        return build

    return {
        "status": status,
        "monthly_amount": column("amount"),
        "one_off_amount": column("one_off"),
        "discount_percent": column("discount"),
    }


def _status_literal(status: str) -> pl.Expr:
    return pl.lit(status, dtype=STATUS)


_BY_CODE = pl.lit(pl.Series(["not_eligible", "eligible", "maybe"], dtype=STATUS))
_MAYBE_CODE = pl.lit(2, dtype=pl.UInt8)


def _levels(names: list[str], deps: dict[str, set[str]], inputs: set[str]) -> list[list[str]]:
    level: dict[str, int] = {}

    def depth(name: str, trail: tuple[str, ...]) -> int:
        if name in inputs:
            return -1
        if name in level:
            return level[name]
        if name in trail:
            raise ValueError("dependency cycle: " + " → ".join((*trail, name)))
        level[name] = 1 + max((depth(d, (*trail, name)) for d in deps[name]), default=-1)
        return level[name]

    for name in names:
        depth(name, ())
    stages: list[list[str]] = [[] for _ in range(1 + max(level.values(), default=-1))]
    for name in names:
        stages[level[name]].append(name)
    return stages


@dataclass(frozen=True)
class _Compiled:
    """Every node's expression for one legal date and set of authorities, with what it reads."""

    exprs: dict[str, pl.Expr]
    deps: dict[str, set[str]]
    params: dict[str, set[str]]
    columns: dict[str, str]
    table_leaves: dict[str, tuple[pl.Expr, str]]
    nodes: dict[str, Node]  # every node, with the parts the formulas share (``_share``)
    reads: dict[str, set[str]]  # the columns each node's expression reads: the order of the stages
    shared: frozenset[str]  # the names of the shared parts


@functools.lru_cache(maxsize=8)
def _compiled(as_of: dt.date, authorities: tuple[str, ...], split: bool) -> _Compiled:
    nodes = _nodes()
    exprs: dict[str, pl.Expr] = {}
    deps: dict[str, set[str]] = {}
    params: dict[str, set[str]] = {}
    table_leaves: dict[str, tuple[pl.Expr, str]] = {}
    inputs = set(person_schema()) | set(household_schema())
    columns = short_names(list(dict.fromkeys([*person_schema(), *household_schema(), *nodes])))
    for name, node in nodes.items():
        if node.aggregate:
            deps[name] = _aggregate_inputs(node)
            params[name] = set()
            exprs[name] = _aggregate(node, columns)
            continue
        f = Formula(as_of, authorities, columns)
        exprs[name] = node.build(f).alias(columns[name])
        deps[name] = f.used_vars
        params[name] = f.used_params
        table_leaves |= f.table_leaves
        for dep in f.used_vars:
            if dep not in nodes and dep not in inputs:
                raise ValueError(f"{name} uses unknown variable {dep}")
    formulas = {name: node.entity for name, node in nodes.items() if not node.aggregate}
    shared, reads, parts = _share({name: exprs[name] for name in formulas}, formulas, columns, split=split)
    exprs |= shared
    reads |= {name: deps[name] for name, node in nodes.items() if node.aggregate}
    every = {**nodes, **{name: Node(name, entity, _shared_part) for name, entity in parts.items()}}
    return _Compiled(exprs, deps, params, columns, table_leaves, every, reads, frozenset(parts))


def _shared_part(f: Formula) -> pl.Expr:
    raise AssertionError("a shared part's expression is made by _share")


def _closure(names: list[str], deps: Mapping[str, set[str]]) -> list[str]:
    """``names`` and everything they read, directly or not, in a stable order."""
    seen: dict[str, None] = {}
    stack = list(names)
    while stack:
        name = stack.pop()
        if name not in seen:
            seen[name] = None
            stack.extend(sorted(deps.get(name, ())))  # sorted: the same column order in every process
    return list(seen)


@functools.lru_cache(maxsize=32)
def compile_plan(
    as_of: dt.date,
    authorities: tuple[str, ...],
    detail: bool,
    programs: tuple[str, ...] | None = None,
    small: bool = False,
) -> Plan:
    """All expressions for ``as_of``; with ``detail`` every variable and condition, else only the outputs.

    With ``programs``, only what those programs' results need (their status, amount and, with ``detail``,
    conditions): a smaller query. ``small``: for frames of up to ``SMALL`` households, where planning the query
    costs more than running it, deep formulas are split into shallow columns (``_share``); the same values.
    """
    compiled = _compiled(as_of, authorities, small)
    exprs, deps, columns, nodes, reads = compiled.exprs, compiled.deps, compiled.columns, compiled.nodes, compiled.reads
    outputs = [c for pid in programs or program_ids() for c in output_columns(pid).values()]
    plan = Plan(as_of, [], [], [], outputs, deps, compiled.params, columns=columns, authorities=authorities)
    plan.split = small
    plan.table_leaves = compiled.table_leaves
    # Detail mode (screen, explain, YAML tests) reads amounts from their own variables: no alias columns.
    aliases = {c for c in outputs if not c.endswith("__status")}
    if programs is not None and detail:
        specs, conditions = catalogue(), registry()[1].values()
        roots = [output_columns(pid)["status"] for pid in programs]
        roots += [specs[pid][k] for pid in programs for k in ("amount", "one_off", "discount") if specs[pid].get(k)]
        roots += [c.column for c in conditions if c.program in programs]
        wanted = _closure(roots, reads)
    else:
        wanted = _closure(
            [n for n in nodes if n not in aliases and n not in compiled.shared] if detail else outputs, reads
        )
    # Without detail, the outputs nothing else uses are worked out in the final select itself, rather than in a
    # stage and then picked out of it by another column node each.
    plan.inputs = frozenset(n for n in wanted if n not in nodes)
    used = set().union(*(reads[n] for n in wanted if n in nodes))
    final = set() if detail else {c for c in outputs if c not in used}
    _stage(plan, nodes, [n for n in wanted if n in nodes and n not in final], given=set())
    plan.detail = detail
    plan.result = [exprs[c] if c in final else pl.col(columns[c]) for c in (HH, "household_id", *outputs)]
    return plan


def _stage(plan: Plan, nodes: dict[str, Node], wanted: list[str], given: set[str]) -> None:
    """``plan``'s stages: the nodes ``wanted`` in the order their dependencies allow (``given`` columns are read,
    not computed)."""
    compiled = _compiled(plan.as_of, plan.authorities, plan.split)
    exprs, reads = compiled.exprs, compiled.reads
    person = [n for n in wanted if nodes[n].entity == PERSON]
    aggs = [n for n in wanted if nodes[n].aggregate]
    household = [n for n in wanted if nodes[n].entity == HOUSEHOLD and not nodes[n].aggregate]
    for stage in _levels(person, reads, set(person_schema()) | given):
        plan.person_stages.append([exprs[n] for n in stage])
    plan.aggs = [exprs[n] for n in aggs]
    for stage in _levels(household, reads, set(household_schema()) | set(aggs) | given):
        plan.household_stages.append([exprs[n] for n in stage])
    # The shared parts worked out among the households' columns are not the result's.
    plan.hidden = tuple(n for n in household if n in compiled.shared)


@functools.lru_cache(maxsize=256)
def compile_change(
    as_of: dt.date, authorities: tuple[str, ...], program: str, changed: str, detail: bool, split: bool = False
) -> Plan:
    """What changes in one program's result when one input column (``changed``) does: its status, its amount
    variable, and with ``detail`` its conditions, with only the nodes that read the column, directly or not.

    Every other column a node reads is ``given``: taken as it is from a run of the whole plan on the same
    households (``run(..., keep=True)``), where it was worked out already. ``inputs`` holds the columns to take.
    ``split`` as the whole plan's (``compile_plan``'s ``small``): the shared parts it takes are those it made."""
    compiled = _compiled(as_of, authorities, split)
    deps, columns, nodes, reads = compiled.deps, compiled.columns, compiled.nodes, compiled.reads
    spec = catalogue()[program]
    status = output_columns(program)["status"]
    roots = [status, *([spec["amount"]] if spec.get("amount") else [])]
    if detail:
        roots += [c.column for c in registry()[1].values() if c.program == program]
    plan = Plan(as_of, [], [], [], roots, deps, compiled.params, columns=columns, authorities=authorities)
    plan.split = split
    plan.table_leaves = compiled.table_leaves
    changes: dict[str, bool] = {}

    def reads_changed(name: str) -> bool:
        if name not in changes:
            changes[name] = name == changed or (name in nodes and any(reads_changed(d) for d in reads[name]))
        return changes[name]

    wanted = [n for n in _closure(roots, reads) if n in nodes and reads_changed(n)]
    computed = set(wanted)
    given = {d for n in wanted for d in reads[n] if d not in computed}
    # The result: what changes, and the amount whether it changes or not.
    plan.outputs = [r for r in roots if r in computed or r == spec.get("amount")]
    given |= {r for r in plan.outputs if r not in computed}
    plan.inputs = frozenset(given | {changed})
    _stage(plan, nodes, wanted, given)
    plan.result = [pl.col(columns[c]) for c in (HH, *plan.outputs)]
    return plan


# Parts a formula repeats are worked out once. Python builds a formula as a tree, so a part used twice (the test of
# ``Formula.either``, an age compared in three branches, a sum read by two rules) is in it twice, and Polars plans
# and evaluates every copy, in time that grows with the nodes below each node. ``_share`` finds the parts that
# recur, within a formula or across the formulas of an entity, and makes each its own column (``_s<N>``), worked
# out in an earlier stage and read where the part was: the same values, fewer and shallower nodes. The formulas
# themselves stay as the law reads; this is done on the compiled expressions (their serialized form), once per
# legal date and set of authorities.

# Functions that work row by row (a shared part must give, as its own column, the values it gives inline).
_ROWWISE = frozenset(
    {
        "FillNull",
        "ToPhysical",
        "Clip",
        "Bin",
        "TemporalExpr",
        "MinHorizontal",
        "MaxHorizontal",
        "SumHorizontal",
        "Boolean.Not",
        "Boolean.IsNull",
        "Boolean.IsNotNull",
        "Boolean.IsIn",
        "Boolean.AnyHorizontal",
        "Boolean.AllHorizontal",
        "ListExpr.Get",
        "ListExpr.Concat",
        "StringExpr.ConcatHorizontal",
    }
)
# Where each kind of node keeps its inputs; a kind not named here is left whole (never shared, nor looked into).
_INPUTS = {"BinaryExpr": ("left", "right"), "Ternary": ("predicate", "truthy", "falsy"), "Cast": ("expr",)}
# A part used once but this large is made a column too: Polars plans a node in time that grows with the nodes below
# it, so a deep formula costs less as a few shallow ones (measured: 4 to 16 nodes do about as well).
_SPLIT = 5


def _function_name(function: Any) -> str:
    if isinstance(function, str):
        return function
    kind, inner = next(iter(function.items()))
    if kind in ("Boolean", "ListExpr", "StringExpr"):
        return f"{kind}.{inner if isinstance(inner, str) else next(iter(inner))}"
    return str(kind)


class _Part:
    """One distinct subexpression: its serialized node, its inputs (as parts), and how often it occurs."""

    __slots__ = ("node", "inputs", "size", "rowwise", "column", "count", "name", "root")

    def __init__(self, node: dict[str, Any], inputs: list[_Part], *, rowwise: bool, column: bool) -> None:
        self.node, self.inputs = node, inputs
        self.size: int = 1 + sum(p.size for p in inputs)
        self.rowwise = rowwise  # worked out row by row all through
        self.column = column  # reads a column: as long as the frame
        self.count = 0
        self.name: str | None = None
        self.root = False  # a formula's whole expression (already a column of its own)

    @property
    def shareable(self) -> bool:
        return self.size > 1 and self.rowwise and self.column


class _Parts:
    """The distinct subexpressions of an entity's formulas (equal subtrees are one part)."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[Any, ...], _Part] = {}
        self.at: dict[int, _Part] = {}  # id of a serialized node → its part

    def scan(self, node: Any) -> _Part:
        """The part ``node`` is, counted once more (and so are the parts inside it)."""
        kind: str = ""
        body: Any = None
        if isinstance(node, dict) and len(node) == 1:
            kind, body = next(iter(node.items()))
        fields: tuple[str, ...] = ()
        if kind == "Function" and _function_name(body["function"]) in _ROWWISE:
            fields = ("input",)
        elif kind == "Gather" and isinstance(body["expr"], dict) and "Literal" in body["expr"]:
            fields = ("idx",)  # a lookup in a table of the law, by a column
        elif kind in _INPUTS:
            fields = _INPUTS[kind]
        inputs = [self.scan(c) for f in fields for c in (body[f] if kind == "Function" else [body[f]])]
        if fields:
            rest = json.dumps({k: v for k, v in body.items() if k not in fields}, sort_keys=True)
            key: tuple[Any, ...] = (kind, rest, *(id(p) for p in inputs))
        else:
            key = ("whole", json.dumps(node, sort_keys=True))
        part = self.by_key.get(key)
        if part is None:
            if fields:
                rowwise, column = all(p.rowwise for p in inputs), any(p.column for p in inputs)
            else:  # a column, a literal (one value for every row), or a kind left whole (neither)
                rowwise, column = kind in ("Column", "Literal"), kind == "Column"
            part = self.by_key[key] = _Part(node, inputs, rowwise=rowwise, column=column)
        part.count += 1
        self.at[id(node)] = part
        return part

    def choose(self, prefix: str, *, split: bool) -> list[_Part]:
        """The parts worth a column of their own, each named ``<prefix><N>``: those that occur more than once, and
        with ``split``, from the smallest up, those still large once the columns below them are read instead."""
        chosen: list[_Part] = []
        for part in sorted(self.by_key.values(), key=lambda p: -p.size):
            if not part.shareable or part.count < 2:
                continue
            part.name = f"{prefix}{len(chosen)}"
            chosen.append(part)
            # Its copies become one: the parts inside it occur that many times fewer.
            stack = [(p, part.count - 1) for p in part.inputs]
            while stack:
                inner, fewer = stack.pop()
                inner.count -= fewer
                stack.extend((p, fewer) for p in inner.inputs)
        size: dict[int, int] = {}  # nodes left in each part once its inputs that are columns are read
        for part in sorted(self.by_key.values(), key=lambda p: p.size) if split else ():
            size[id(part)] = 1 + sum(1 if p.name else size[id(p)] for p in part.inputs)
            if part.name is None and part.shareable and not part.root and size[id(part)] >= _SPLIT:
                part.name = f"{prefix}{len(chosen)}"
                chosen.append(part)
        return chosen

    def rewrite(self, node: Any, *, top: bool = False) -> Any:
        """``node`` with each shared part in it read from its column (``top``: the node itself is kept)."""
        if not isinstance(node, dict):
            return node
        part = self.at.get(id(node))
        if part is None:
            return node
        if part.name is not None and not top:
            return {"Column": part.name}
        kind, body = next(iter(node.items()))
        if kind == "Function":
            return {kind: {**body, "input": [self.rewrite(c) for c in body["input"]]}}
        if kind in _INPUTS:
            return {kind: {**body, **{k: self.rewrite(body[k]) for k in _INPUTS[kind]}}}
        if kind == "Gather" and part.inputs:
            return {kind: {**body, "idx": self.rewrite(body["idx"])}}
        return node


def _columns_of(node: Any, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        if len(node) == 1 and "Column" in node and isinstance(node["Column"], str):
            out.add(node["Column"])
        else:
            for value in node.values():
                _columns_of(value, out)
    elif isinstance(node, list):
        for value in node:
            _columns_of(value, out)
    return out


def _share(
    exprs: dict[str, pl.Expr], entities: dict[str, str], columns: dict[str, str], *, split: bool
) -> tuple[dict[str, pl.Expr], dict[str, set[str]], dict[str, str]]:
    """``exprs`` (each aliased to its short name) with the parts they repeat made columns of their own, and with
    ``split`` deep formulas cut into shallow ones: the new expressions (those of the parts included), what each
    reads (by name), and each part's entity."""
    names = {short: name for name, short in columns.items()}
    out: dict[str, pl.Expr] = {}
    reads: dict[str, set[str]] = {}
    entity_of: dict[str, str] = {}
    for entity in (PERSON, HOUSEHOLD):
        mine = [n for n, e in entities.items() if e == entity]
        trees = {n: json.loads(exprs[n].meta.undo_aliases().meta.serialize(format="json")) for n in mine}
        parts = _Parts()
        for tree in trees.values():
            parts.scan(tree).root = True
        chosen = parts.choose(f"_{'t' if split else 's'}{entity[0]}", split=split)
        defined = {p.name: parts.rewrite(p.node, top=True) for p in chosen if p.name}
        for name, tree in [*trees.items(), *defined.items()]:
            new = tree if name in defined else parts.rewrite(tree, top=False)
            alias = name if name in defined else columns[name]
            expr = pl.Expr.deserialize(io.StringIO(json.dumps(new)), format="json").alias(alias)
            out[name] = expr
            reads[name] = {names.get(c, c) for c in _columns_of(new, set())}
            if name in defined:
                entity_of[name] = entity
    return out, reads, entity_of


# Up to this many households the stages run as one lazy query (built once, see ``_SmallQuery``), with the
# expressions of each stage evaluated in turn: on a handful of rows a collect per stage and the parallel dispatch
# of each stage's expressions cost more than the work (see docs/performance.md).
SMALL = 64
# The stages are already ordered and pruned by hand; the optimizer would only add planning time.
_NO_OPTIMIZATIONS = pl.QueryOptFlags.none()


def run(plan: Plan, persons: pl.DataFrame, households: pl.DataFrame) -> pl.DataFrame:
    """Evaluate a plan on frames sorted by ``_hh`` where every household has at least one person.

    Whatever the size, the same expressions run in the same stages: small frames in one lazy query collected
    once (expressions in turn), large ones stage by stage with the expressions of a stage in parallel.
    """
    if households.height <= SMALL:
        layout = tuple(households.columns)
        return _named(
            plan, layout, _run_small(plan, _renamed(persons, plan.columns), _renamed(households, plan.columns))
        )
    return run_keeping(plan, persons, households)[0]


def run_keeping(
    plan: Plan, persons: pl.DataFrame, households: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """``run`` stage by stage (whatever the size), also giving the persons and the households with every column
    worked out on the way: what a plan of ``compile_change`` reads as given."""
    layout = tuple(households.columns)
    persons, households = _renamed(persons, plan.columns), _renamed(households, plan.columns)
    hh = plan.columns[HH]
    for stage in plan.person_stages:
        persons = persons.with_columns(stage)
    if plan.aggs:
        # The frames are sorted by household (the contract above): told so, Polars groups by slices, not hashes.
        agg = persons.with_columns(pl.col(hh).set_sorted()).group_by(hh, maintain_order=True).agg(plan.aggs)
        households = households.hstack(agg.drop(hh).get_columns())
    for stage in plan.household_stages:
        households = households.with_columns(stage)
    out = households if plan.detail else households.select(plan.result)
    out = _named(plan, layout, out)
    return out, _renamed(persons, plan.names), households if plan.detail else _renamed(households, plan.names)


def _named(plan: Plan, layout: tuple[str, ...], out: pl.DataFrame) -> pl.DataFrame:
    # The result is a frame of our own: it gets its names back in place (no clone), from a list worked out once
    # per layout of the input (reading ~290 names back from the frame would cost as much as the renaming).
    names = plan.result_names.get(layout)
    if names is None:
        names = plan.result_names[layout] = [plan.names.get(c, c) for c in out.columns]
        if plan.detail:  # in one order whatever the stages (a split plan's differ): inputs, then as registered
            order = {name: i for i, name in enumerate(nodes_info()[0])}
            hidden = set(plan.hidden)
            kept = [c for c in names if c not in hidden]
            plan.result_keep[layout] = sorted(kept, key=lambda c: order.get(c, -1))
        else:
            plan.result_keep[layout] = None
    out.columns = names
    keep = plan.result_keep[layout]
    # Without the shared parts (``_share``); picking columns by name plans no query, unlike ``drop``.
    return out if keep is None else out[keep]


def _run_small(plan: Plan, persons: pl.DataFrame, households: pl.DataFrame) -> pl.DataFrame:
    # One household with its members takes the aggregations over the whole frame, without a group_by to plan
    # (a household without members keeps the group_by, which gives it nulls rather than zero sums).
    one = households.height == 1 and persons.height > 0
    key = (tuple(persons.columns), tuple(households.columns), one)
    queries = plan.small_queries.queries
    small = queries.get(key)
    if small is None:
        small = queries[key] = _SmallQuery(plan, persons.schema, households.schema, one=one)
    return small.collect(persons, households)


class _SmallQuery:
    """The stages as one lazy query over two deferred frames, resolved once and collected for each input.

    Polars resolves a query (names, types, casts) on every collect, in time proportional to its ~2,000 expression
    nodes: on a single household, about a fifth of the time. A query resolved once (``collect_schema``) keeps its
    resolved plan, so the query is built once per thread and layout of the frames, and reads the frames of the
    call at hand from ``inputs`` when it is collected (the frames' types are checked against the schema it was
    built for).
    """

    def __init__(self, plan: Plan, persons: pl.Schema, households: pl.Schema, *, one: bool) -> None:
        self.inputs: list[pl.DataFrame] = []
        people = pl.defer(lambda: self.inputs[0], schema=persons, validate_schema=True)
        for stage in plan.person_stages:
            people = people.with_columns_seq(stage)
        query = pl.defer(lambda: self.inputs[1], schema=households, validate_schema=True)
        if plan.aggs:
            hh = plan.columns[HH]
            agg = people.select(plan.aggs) if one else people.group_by(hh, maintain_order=True).agg(plan.aggs).drop(hh)
            # In turn: in parallel, each input's frame would be read (a Python call) on a pool thread, a thread
            # handoff for the interpreter lock on every call.
            query = pl.concat([query, agg], how="horizontal", parallel=False)
        for stage in plan.household_stages:
            query = query.with_columns_seq(stage)
        if not plan.detail:
            query = query.select(plan.result)
        query.collect_schema()
        self.query = query

    def collect(self, persons: pl.DataFrame, households: pl.DataFrame) -> pl.DataFrame:
        self.inputs[:] = (persons, households)
        try:
            return self.query.collect(engine="in-memory", optimizations=_NO_OPTIMIZATIONS)
        finally:
            self.inputs.clear()  # no household is kept past its evaluation


def _renamed(frame: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """``frame`` with its columns renamed (those in ``names``), without copying data or planning a query."""
    out = frame.clone()
    out.columns = [names.get(c, c) for c in frame.columns]
    return out


def _amounts(pid: str) -> list[str]:
    """The variables that give a program's money: its amount, one-off payment and discount, where it has them."""
    spec = catalogue()[pid]
    return [spec[k] for k in ("amount", "one_off", "discount") if spec.get(k)]


def _used(plan: Plan, pid: str) -> set[str]:
    return set(plan.params_closure([catalogue()[pid]["variable"], *_amounts(pid)]))


def row_picker(plan: Plan, row: Mapping[str, Any]) -> Callable[[str], bool]:
    """Whether a household's detail ``row`` used a parameter: a table's leaf only where the row's key picks it (or
    the key is not known); any other parameter always. Every table's key is worked out at the first leaf asked
    about, in one select over the row."""
    keys: dict[int, str | None] = {}

    def picked(name: str) -> bool:
        leaf = plan.table_leaves.get(name)
        if leaf is None:
            return True
        if not keys:
            keys.update(_table_keys(plan, row))
        value = keys.get(id(leaf[0]))
        return value is None or value == leaf[1]

    return picked


def _table_keys(plan: Plan, row: Mapping[str, Any]) -> dict[int, str | None]:
    exprs = {id(key): key for key, _ in plan.table_leaves.values()}
    columns = {column for key in exprs.values() for column in key.meta.root_names()}
    try:
        frame = pl.DataFrame({c: [row.get(plan.names.get(c, c))] for c in columns}, strict=False)
        out = frame.select(key.cast(pl.String).alias(str(i)) for i, key in exprs.items()).row(0)
    except (pl.exceptions.PolarsError, TypeError, ValueError):  # a key not worked out: every row of its table counts
        return dict.fromkeys(exprs)
    return dict(zip(exprs, out, strict=True))


def program_confidence(plan: Plan, pid: str, picked: Callable[[str], bool] | None = None) -> str:
    """The worst confidence among the parameter values a program's result used on ``plan.as_of``; with a
    household's ``row_picker``, of a table only the leaf its answers pick."""
    if pid not in plan.confidence:
        plan.confidence[pid] = _confidence_levels(plan, pid)
    base, leaves = plan.confidence[pid]
    if picked is None:
        return worst_confidence([base, *(level for _, level in leaves)])
    return worst_confidence([base, *(level for name, level in leaves if picked(name))])


def _confidence_levels(plan: Plan, pid: str) -> tuple[str, list[tuple[str, str]]]:
    """The worst confidence of the parameters that are not a table's leaf, and the leaves that are worse."""
    levels = {n: get_parameter(n).confidence_at(plan.as_of) or "official" for n in _used(plan, pid)}
    base = worst_confidence(level for n, level in levels.items() if n not in plan.table_leaves)
    order = CONFIDENCE_ORDER.index
    leaves = [
        (n, level) for n, level in sorted(levels.items()) if n in plan.table_leaves and order(level) > order(base)
    ]
    return base, leaves


def program_figures_from(plan: Plan, pid: str, picked: Callable[[str], bool] | None = None) -> int | None:
    """The year of the oldest stale yearly figure a program's amount is worked out from on ``plan.as_of`` (the
    resident is told "some figures from YYYY" beside it): the figures its amount's formulas read, not those that
    only decide who is entitled (an eligibility or a condition the amount is gated by); with a household's
    ``row_picker``, of a table only the leaf its answers pick (a young single parent's income support does not use
    the 55-and-over row). None when they are all of the year of ``as_of``, or the program has no amount."""
    if pid not in plan.figures_from:
        plan.figures_from[pid] = _stale_figures(plan, pid)
    years = [year for year, name in plan.figures_from[pid] if picked is None or picked(name)]
    return min(years) if years else None


def _stale_figures(plan: Plan, pid: str) -> list[tuple[int, str]]:
    out = []
    # The figures the amounts' formulas read, not those that only decide who is entitled: whether it is paid,
    # not how much.
    for name in sorted(plan.params_closure(_amounts(pid), stop=_decides_entitlement)):
        param = get_parameter(name)
        stale = param.update == "yearly" and param.confidence_at(plan.as_of) == "stale"
        if stale and (item := param.latest(plan.as_of)) is not None:
            out.append((item.start.year, name))
    return out


def _decides_entitlement(name: str) -> bool:
    return (name.startswith("is_") and name.endswith("_eligible")) or name.startswith("cond__")
