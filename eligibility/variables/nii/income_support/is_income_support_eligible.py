from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_LAW


class is_income_support_eligible(Variable):
    label = "זכאות לגמלת הבטחת הכנסה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (IS_LAW,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("income_support")
