from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.housing.rent_assistance.references import RENT_EARNING_CAPACITY


class rent_couple_pension_p(Variable):
    label = "קצבאות ופנסיה של המבקש/ת ובן/בת הזוג (לדרך 'עבודה לצד קצבה שאינה קצבת קיום' במיצוי כושר השתכרות; שורת אדם)"
    entity = PERSON
    value_type = float
    unit = "currency-ILS"
    reference = (RENT_EARNING_CAPACITY,)

    def formula(self, f: Formula) -> pl.Expr:
        pension = f.var("income_nii_benefits") + f.var("income_pension_occupational")
        return pl.when(f.var("is_couple_member")).then(pension).otherwise(0.0)
