"""A sum the law sets once for a person alone and once for a couple."""

from __future__ import annotations

import polars as pl

from eligibility.model import Formula


def single_or_couple(f: Formula, single: str, couple: str) -> pl.Expr:
    """The parameter ``couple`` for a household with a partner, ``single`` otherwise (an unknown partner reads as
    none, as the household's own members say)."""
    return pl.when(f.var("has_partner")).then(f.lit(couple)).otherwise(f.lit(single))
