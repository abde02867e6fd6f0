from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT

PERCENT_MAX = 100.0  # the household contract's upper bound for a percent (docs/household.md)


class incapacity_percent_upper(Variable):
    label = "דרגת אי-הכושר של האדם, ואם לא נמסרה – 100 (הגבוהה האפשרית)"
    entity = PERSON
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("adult_incapacity_percent").fill_null(PERCENT_MAX)
