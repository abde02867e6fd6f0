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
        # dt.year() is already Int32 and a month or day difference fits the Int8 of dt.month() and dt.day():
        # no casts to plan (the sum is Int32).
        months = (f.as_of.year - birth.dt.year()) * 12 + (f.as_of.month - birth.dt.month())
        return months - (birth.dt.day() > f.as_of.day).cast(pl.Int32)
