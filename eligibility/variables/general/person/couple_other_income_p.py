from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import IS_INCOME


class couple_other_income_p(Variable):
    label = "הכנסה שלא מעבודה של המבקש/ת ובן/בת הזוג (שורת אדם)"
    entity = PERSON
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        other = f.var("income_nii_benefits") + f.var("income_alimony") + f.var("income_capital") + f.var("income_other")
        return pl.when(f.var("is_couple_member")).then(other).otherwise(0.0)
