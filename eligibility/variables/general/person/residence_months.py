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
        # dt.year() is already Int32 and a month or day difference fits the Int8 of dt.month() and dt.day():
        # no casts to plan (the sum is Int32).
        months = (f.as_of.year - since.dt.year()) * 12 + (f.as_of.month - since.dt.month())
        return months - (since.dt.day() > f.as_of.day).cast(pl.Int32)
