"""The work grant's income bands: the law's schedule has one for a single parent and one for everyone else."""

from __future__ import annotations

import polars as pl

from eligibility.model import Formula

BANDS = "tax.work_grant.income_band."


def by_family(f: Formula, leaf: str) -> pl.Expr:
    """The band's ``leaf`` (floor, ceiling, ceiling_small_family) for this household: a single parent's, or the
    general one (unknown while whether the applicant is a single parent is)."""
    single = f.var("is_single_parent")
    return (
        pl.when(single)
        .then(f.lit(BANDS + "single_parent." + leaf))
        .when(single.not_())
        .then(f.lit(BANDS + "general." + leaf))
    )
