from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.public_housing.references import PUBLIC_HOUSING_FAMILIES


class public_housing_family_income(Variable):
    label = "ההכנסה החודשית של בני הזוג (או ההורה העצמאי) לבדיקת ההכנסה המזכה בדיור ציבורי"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (PUBLIC_HOUSING_FAMILIES,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("couple_work_income") + f.var("couple_other_income")
