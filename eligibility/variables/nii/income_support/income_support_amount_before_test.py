from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class income_support_amount_before_test(Variable):
    label = "הגמלה המרבית פחות ניכוי ההכנסות (שלילי = אין זכאות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_AMOUNT,)

    def formula(self, f: Formula) -> pl.Expr:
        return (
            f.var("income_support_max_benefit")
            - f.var("income_support_work_deduction")
            - f.var("income_support_other_income")
        )
