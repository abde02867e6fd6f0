from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.nii.nii_alimony.refs import INCOME


class nii_alimony_other_income_p(Variable):
    label = "הכנסה שלא מעבודה שמנוכה במלואה מדמי המזונות (קצבאות, הון, אחר) – שורת אדם"
    entity = PERSON
    value_type = float
    unit = "currency-ILS"
    reference = (INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("income_nii_benefits") + f.var("income_capital") + f.var("income_other")
