from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA_INCOME


class arnona_income_test_max_income(Variable):
    label = "ההכנסה המרבית שעדיין מזכה בהנחה (המדרגה הרביעית)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (ARNONA_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("arnona_income_band_ceilings").list.get(3)
