"""The building blocks of a rule: Variable (a column) and Condition (a named, cited, translated test)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl

from eligibility.parameters import Reference, get_parameter, load_parameters, parameter_for

PERSON = "person"
HOUSEHOLD = "household"
MONTH = "month"
ETERNITY = "eternity"
AGGREGATIONS = frozenset(
    {"applicant", "partner", "len", "sum", "sum_strict", "max", "min", "any", "count", "count_strict"}
)


def ref(title: str, href: str) -> Reference:
    return Reference(title, href)


class Formula:
    """What a formula sees: columns by name, parameters in force on ``as_of``; it records what it used."""

    def __init__(self, as_of: dt.date, authorities: tuple[str, ...], columns: Mapping[str, str] | None = None) -> None:
        self.as_of = as_of
        self.authorities = authorities
        self.used_vars: set[str] = set()
        self.used_params: set[str] = set()
        # A table's leaves (``table``), each with the expression whose value picks it and its key: a household's
        # amount used only the leaf its value picks (engine.program_figures_from).
        self.table_leaves: dict[str, tuple[pl.Expr, str]] = {}
        self.columns = columns or {}  # the engine's short name for each column (see engine.short_names)

    def var(self, name: str) -> pl.Expr:
        self.used_vars.add(name)
        return pl.col(self.columns.get(name, name))

    def p(self, name: str) -> Any:
        """A scalar parameter value; an expression over ``authority`` where some municipality overrides it."""
        self.used_params.add(name)
        national = get_parameter(name)(self.as_of)
        local = {a: parameter_for(name, a, self.as_of) for a in self.authorities}
        local = {a: v for a, v in local.items() if v != national}
        if not local:
            return national
        return self.var("authority").replace_strict(local, default=national, return_dtype=pl.Float64)

    def lit(self, name: str) -> pl.Expr:
        """A parameter as an expression (null when no value is in force on ``as_of``)."""
        value = self.p(name)
        return value if isinstance(value, pl.Expr) else pl.lit(value, dtype=pl.Float64)

    def lit_where(self, name: str, used: pl.Expr) -> pl.Expr:
        """``lit`` for a figure an amount uses only where ``used`` holds (a top-up some families get): a household's
        "figures from YYYY" and confidence count it only then (or where ``used`` is unknown), like a table's leaf."""
        value = self.lit(name)
        self.table_leaves[name] = (used, "true")
        return value

    def table(self, prefix: str, key: pl.Expr, dtype: pl.DataType | None = None, depth: int = 1) -> pl.Expr:
        """Look ``key`` up among the leaves under ``prefix`` (e.g. a family type); null if absent.

        With ``depth`` 2 the keys are the two last parts of the names (e.g. ``under_70.single``).
        """
        mapping = {}
        for name in load_parameters():
            short = name[len(prefix) + 1 :]
            if name.startswith(prefix + ".") and short.count(".") < depth:
                self.used_params.add(name)
                mapping[short] = get_parameter(name)(self.as_of)
                self.table_leaves[name] = (key, short)
        # An Enum cast turns the key into a position, and a gather reads the value: the cheapest lookup
        # on small frames, where replace_strict would build a hash table on every call.
        keys = sorted(mapping)
        values = pl.Series([mapping[k] for k in keys], dtype=dtype or pl.Float64)
        return pl.lit(values).gather(key.cast(pl.Enum(keys), strict=False).to_physical())

    def table_by_count(self, rows: list[list[str]], count: pl.Expr) -> pl.Expr:
        """``rows[i]`` names the values for a count of ``i + 1`` (e.g. household size 1..9), as a list column:
        a list of nulls for a count of 0, null beyond ``len(rows)``."""
        # One gather of a whole row from a typed literal Series: next to nothing to plan, unlike a lookup per
        # column (and clipping the count would cost more than the lookup).
        values = [[None] * len(rows[0]), *([self.p(name) for name in row] for row in rows)]
        return pl.lit(pl.Series(values, dtype=pl.List(pl.Float64))).gather(count, null_on_oob=True)

    def choose(self, index: pl.Expr, values: list[Any]) -> pl.Expr:
        """``values[index]`` for an integer column ``index`` (null where it is null); each value is a
        parameter value, or an expression where a municipality overrides it."""
        # A gather from a typed literal Series costs next to nothing to plan, unlike a when/then per value.
        if not any(isinstance(v, pl.Expr) for v in values):
            return pl.lit(pl.Series(values, dtype=pl.Float64)).gather(index)
        exprs = [v if isinstance(v, pl.Expr) else pl.lit(v, dtype=pl.Float64) for v in values]
        return pl.concat_list(exprs).list.get(index, null_on_oob=True)

    def scale(self, name: str, value: pl.Expr) -> pl.Expr:
        """A bracket table: the amount of the last bracket whose threshold is at most ``value``."""
        thresholds, amounts = self._brackets(name)
        return pl.lit(amounts).gather(value.cast(pl.Int64).bin_intervals(thresholds, labels=False))

    def scale_by_month(self, name: str, date: pl.Expr) -> pl.Expr:
        """``scale`` for thresholds that are months (YYYYMM), looked up by the month of ``date``."""
        # A date is in month YYYYMM or later exactly when it is on or after that month's first day: binning the
        # date itself spares the planner the year * 100 + month arithmetic.
        thresholds, amounts = self._brackets(name)
        firsts = [dt.date(int(t) // 100, int(t) % 100, 1) for t in thresholds]
        return pl.lit(amounts).gather(date.bin_intervals(firsts, labels=False))

    def _brackets(self, name: str) -> tuple[list[Any], pl.Series]:
        """The thresholds in force on ``as_of`` (ascending) and the amounts below, above and between them."""
        self.used_params.add(name)
        brackets = get_parameter(name).metadata.get("_brackets") or []
        rows = sorted((b["threshold"](self.as_of), b["amount"](self.as_of)) for b in brackets)
        rows = [(t, a) for t, a in rows if t is not None]
        return [t for t, _ in rows], pl.Series([None, *(a for _, a in rows)], dtype=pl.Float64)

    def area_share(self, cap_name: str) -> pl.Expr | float:
        """The share of the home's area that a discount with an area cap covers (1 when there is no cap)."""
        cap = self.p(cap_name)
        if cap is None:
            return 1.0
        share = (cap / self.var("arnona_area_sqm")).clip(upper_bound=1.0)
        return pl.when(cap.is_null()).then(1.0).otherwise(share) if isinstance(cap, pl.Expr) else share

    @staticmethod
    def either(test: pl.Expr, yes: Any, no: Any) -> pl.Expr:
        """``yes`` where ``test`` holds, ``no`` where it fails, and unknown (null) where ``test`` is unknown.

        Polars' ``when(test).then(yes).otherwise(no)`` reads an unknown test as false, which would answer as if
        the missing fact had one value; a rule may only answer what every value of the missing facts agrees on.
        """
        return pl.when(test).then(yes).when(test.not_()).then(no)

    def someone_at_least(self, percent: str, threshold: Any) -> pl.Expr:
        """Whether some member's ``percent`` (``incapacity_percent`` or ``medical_percent``) is at least ``threshold``:
        true if a known one is, false if no member's could be (an unknown one may be anything up to 100)."""
        return (
            pl.when(self.var(f"max_{percent}") >= threshold)
            .then(True)
            .when(self.var(f"max_{percent}_upper") < threshold)
            .then(False)
        )

    def cond(self, program: str, condition: str) -> pl.Expr:
        return self.var(condition_column(program, condition))

    def all_conditions(self, program: str) -> pl.Expr:
        """Kleene AND of every condition of ``program``: false if one fails, unknown if one is unknown."""
        from eligibility.engine import registry

        columns = [c.column for c in registry()[1].values() if c.program == program]
        if not columns:
            raise ValueError(f"{program} has no conditions")
        return _all_of([self.var(c) for c in columns])


def _all_of(flags: list[pl.Expr]) -> pl.Expr:
    # A balanced tree of & (Kleene AND, as all_horizontal): Polars turns all_horizontal into a chain of & that
    # is as deep as it is long, and plans each node in time proportional to the nodes below it.
    if len(flags) == 1:
        return flags[0]
    half = len(flags) // 2
    return _all_of(flags[:half]) & _all_of(flags[half:])


class Variable:
    """A vectorized column over persons or households (OpenFisca-style metadata, Polars formula)."""

    label: ClassVar[str] = ""
    entity: ClassVar[str] = HOUSEHOLD
    value_type: ClassVar[type] = float
    definition_period: ClassVar[str] = MONTH
    unit: ClassVar[str] = ""
    reference: ClassVar[tuple[Reference, ...]] = ()
    defined_for: ClassVar[str | None] = None
    aggregate: ClassVar[tuple[str, str] | None] = None
    adds: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def name(cls) -> str:
        return cls.__name__

    def formula(self, f: Formula) -> pl.Expr:
        if self.adds:
            return pl.sum_horizontal([f.var(v).fill_null(0) for v in self.adds])
        raise NotImplementedError(self.name())


Text = Mapping[str, str]


@dataclass(frozen=True)
class Condition:
    """A named eligibility test with its legal reference and a sentence per language.

    ``test`` returns a tri-state boolean column (null = unknown because an answer is missing);
    ``value`` names the household's figure and ``threshold`` the legal one, both shown in the text;
    ``asks`` lists the question ids that would decide an unknown result.
    """

    program: str
    id: str
    test: Callable[[Formula], pl.Expr]
    text: Text
    reference: tuple[Reference, ...]
    asks: tuple[str, ...] = ()
    value: str | None = None
    threshold: Callable[[Formula], Any] | None = None
    fmt: str = "money"
    params: tuple[str, ...] = field(default=())

    @property
    def column(self) -> str:
        return condition_column(self.program, self.id)


def condition_column(program: str, condition: str) -> str:
    return f"cond__{program}__{condition}"


STATUS = pl.Enum(["eligible", "maybe", "not_eligible", "already_receiving"])
