from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import MAJORITY


class age_months(Variable):
    label = "גיל בחודשים שלמים ביום הבדיקה"
    entity = PERSON
    value_type = int
    unit = "month"
    reference = (MAJORITY,)

    def formula(self, f: Formula) -> pl.Expr:
        birth = f.var("birth_date")
        months = (f.as_of.year - birth.dt.year().cast(pl.Int32)) * 12 + (
            f.as_of.month - birth.dt.month().cast(pl.Int32)
        )
        return months - (birth.dt.day().cast(pl.Int32) > f.as_of.day).cast(pl.Int32)
