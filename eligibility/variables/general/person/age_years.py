from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import MAJORITY


class age_years(Variable):
    label = "גיל בשנים שלמות ביום הבדיקה"
    entity = PERSON
    value_type = int
    unit = "year"
    reference = (MAJORITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("age_months") // 12
