"""The engine works out a part that formulas repeat once, as a column of its own (``engine._share``): the values
must be those of the formulas as written, and only parts worked out row by row may be shared."""

from __future__ import annotations

import polars as pl

from eligibility.engine import _share
from eligibility.model import HOUSEHOLD


def _evaluate(frame: pl.DataFrame, exprs: dict[str, pl.Expr], reads: dict[str, set[str]]) -> pl.DataFrame:
    """Each expression once what it reads is there (a stage at a time, as the engine does)."""
    done = set(frame.columns)
    todo = dict(exprs)
    while todo:
        ready = {n: e for n, e in todo.items() if reads[n] <= done}
        assert ready, f"nothing can be worked out among {sorted(todo)}"
        frame = frame.with_columns(ready.values())
        done |= set(ready)
        todo = {n: e for n, e in todo.items() if n not in ready}
    return frame


def test_a_repeated_part_becomes_one_column_and_the_values_stay_those_of_the_formulas() -> None:
    frame = pl.DataFrame(
        {"a": [1.0, None, 5.0, 7.0, -2.0], "b": [None, 2.0, 3.0, 4.0, 0.0], "s": ["x", "y", None, "x", "y"]},
    )
    older = (pl.col("a") * 2 + pl.col("b")).clip(lower_bound=0) > 3  # in both formulas, twice in the first
    exprs = {
        "first": pl.when(older).then(pl.col("a")).when(older.not_()).then(pl.col("b")).alias("first"),
        "second": (pl.when(older).then(1.0).otherwise(0.5) * (pl.col("s") == "x").cast(pl.Float64)).alias("second"),
        "alone": (pl.col("a") + 1).alias("alone"),
    }
    shared, reads, parts = _share(
        exprs, dict.fromkeys(exprs, HOUSEHOLD), {n: n for n in ["a", "b", "s", *exprs]}, split=True
    )
    assert parts, "the repeated test was not shared"
    assert all(parts[p] == HOUSEHOLD for p in parts)
    assert sum(str(e).count("clip") for e in shared.values()) == 1, "the repeated test is worked out more than once"
    got = _evaluate(frame, shared, reads).select(list(exprs))
    assert got.equals(frame.with_columns(exprs.values()).select(list(exprs)), null_equal=True)
    assert got.schema == frame.with_columns(exprs.values()).select(list(exprs)).schema


def test_a_part_that_is_not_worked_out_row_by_row_is_never_shared() -> None:
    frame = pl.DataFrame({"a": [1.0, 2.0, 3.0], "b": [1.0, None, 0.0]})
    total = pl.col("a").sum() + pl.col("b").max()  # a whole column's sum: not a row's value
    exprs = {"x": (pl.col("a") / total).alias("x"), "y": (pl.col("b") * total).alias("y")}
    shared, reads, parts = _share(
        exprs, dict.fromkeys(exprs, HOUSEHOLD), {n: n for n in ["a", "b", *exprs]}, split=True
    )
    assert not parts
    assert _evaluate(frame, shared, reads).equals(frame.with_columns(exprs.values()), null_equal=True)
