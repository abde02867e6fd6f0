from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.public_housing_rent_discount.refs import GRADED_RENT


class is_public_housing_rent_discount_eligible(Variable):
    label = "זכאות להנחה בשכר הדירה (שכר דירה מדורג) לשוכרי דירה בדיור הציבורי"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (GRADED_RENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("public_housing_rent_discount")
