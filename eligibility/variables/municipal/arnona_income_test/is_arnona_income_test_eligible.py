from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA_INCOME


class is_arnona_income_test_eligible(Variable):
    label = "זכאות להנחה בארנונה לפי מבחן הכנסה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (ARNONA_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("arnona_income_test")
