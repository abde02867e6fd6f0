from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT


class residence_months(Variable):
    label = "חודשי תושבות בישראל עד יום הבדיקה"
    entity = PERSON
    value_type = int
    unit = "month"
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        since = f.var("resident_since")
        months = (f.as_of.year - since.dt.year().cast(pl.Int32)) * 12 + (
            f.as_of.month - since.dt.month().cast(pl.Int32)
        )
        return months - (since.dt.day().cast(pl.Int32) > f.as_of.day).cast(pl.Int32)
