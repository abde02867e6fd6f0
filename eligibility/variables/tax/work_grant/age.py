"""The work grant's age test, read of the applicant and of the partner alike."""

from __future__ import annotations

import polars as pl

from eligibility.model import Formula

E = "tax.work_grant.eligibility."


def of_age(f: Formula, age: pl.Expr) -> pl.Expr:
    """A parent from the grant's age with children, or anyone from 55 even without children."""
    return ((age >= f.lit(E + "min_age_with_children")) & (f.var("num_children") > 0)) | (
        age >= f.lit(E + "min_age_without_children")
    )
