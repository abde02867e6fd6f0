from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.aliyah.absorption_basket.references import BASKET


class is_absorption_basket_eligible(Variable):
    label = "זכאות לסל קליטה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (BASKET,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("absorption_basket")
