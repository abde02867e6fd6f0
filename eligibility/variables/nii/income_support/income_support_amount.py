from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class income_support_amount(Variable):
    label = "סכום גמלת הבטחת הכנסה לחודש"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_AMOUNT,)
    defined_for = "is_income_support_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("income_support_amount_before_test").clip(lower_bound=0)
