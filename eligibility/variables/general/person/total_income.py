from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import CONTRACT


class total_income(Variable):
    label = "סך ההכנסה החודשית ברוטו של האדם (לא ידוע אם חסר רכיב)"
    entity = PERSON
    value_type = float
    unit = "currency-ILS"
    reference = (CONTRACT,)

    def formula(self, f: Formula) -> pl.Expr:
        parts = [
            "income_work",
            "income_pension_occupational",
            "income_nii_benefits",
            "income_alimony",
            "income_capital",
            "income_other",
        ]
        total = f.var(parts[0])
        for name in parts[1:]:
            total = total + f.var(name)
        return total
