from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class income_support_benefit_room(Variable):
    label = "מה שנותר מהגמלה המרבית אחרי ההכנסות שאינן מעבודה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_AMOUNT,)

    def formula(self, f: Formula) -> pl.Expr:
        return (f.var("income_support_max_benefit") - f.var("income_support_other_income")).clip(lower_bound=0)
