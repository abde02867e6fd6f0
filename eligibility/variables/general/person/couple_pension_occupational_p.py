from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import IS_INCOME


class couple_pension_occupational_p(Variable):
    label = "פנסיה מעבודה של המבקש/ת ובן/בת הזוג (שורת אדם)"
    entity = PERSON
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        return pl.when(f.var("is_couple_member")).then(f.var("income_pension_occupational")).otherwise(0.0)
