from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import IS_INCOME


class couple_nii_benefits_p(Variable):
    label = "קצבאות ביטוח לאומי של המבקש/ת ובן/בת הזוג (שורת אדם)"
    entity = PERSON
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        return pl.when(f.var("is_couple_member")).then(f.var("income_nii_benefits")).otherwise(0.0)
