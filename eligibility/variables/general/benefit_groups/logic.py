"""Small tri-state helpers shared by the rights that open to lists of benefit recipients (gateways)."""

from __future__ import annotations

import polars as pl

from eligibility.model import Formula

# Kleene logic does the tri-state work with plain operators: true & unknown is unknown, false & unknown is false,
# true | unknown is true. A when/then costs a single-household screen several times as much.
UNKNOWN = pl.lit(None, dtype=pl.Boolean)


def any_of(flags: list[pl.Expr]) -> pl.Expr:
    """True if one flag is true; unknown if none is true and one is unknown (Kleene OR)."""
    # A balanced tree of |, not a chain: Polars plans each node in time proportional to the nodes below it.
    if len(flags) == 1:
        return flags[0]
    half = len(flags) // 2
    return any_of(flags[:half]) | any_of(flags[half:])


def unknown_if(flag: pl.Expr) -> pl.Expr:
    """False where ``flag`` is false; unknown where it is true or unknown.

    For a group that a household *may* belong to but only the agency's records can confirm (a benefit level,
    an income-based Holocaust award): answering "no" rules it out, answering "yes" leaves the result open.
    """
    return flag & UNKNOWN


def receives_or_entitled(f: Formula, program: str) -> pl.Expr:
    """Someone receives ``program`` already, or our rules find the household entitled to it (a gateway)."""
    return f.var(f"hh_receives__{program}") | f.var(f"is_{program}_eligible")


def pension_with_supplement(f: Formula) -> pl.Expr:
    """At retirement age, an old-age or a survivors' pension with its income supplement, received or owed: the group
    the arnona regulations and the Ministry of Housing name (a widow not insured for old age gets the survivors'
    supplement, not the old-age one)."""
    survivors = f.var("applicant_reached_retirement_age") & receives_or_entitled(f, "survivors_income_supplement")
    return receives_or_entitled(f, "old_age_income_supplement") | survivors
