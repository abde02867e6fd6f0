from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.rent_assistance_immigrants.references import IMMIGRANT_RENT

E = "housing.rent_assistance_immigrants.eligibility."


class immigrant_rent_months(Variable):
    label = "משך הסיוע בשכר דירה לעולים מיום העלייה (בחודשים): חמש שנים, להורה עצמאי שש"
    entity = HOUSEHOLD
    value_type = float
    unit = "month"
    reference = (IMMIGRANT_RENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.either(f.var("is_single_parent"), f.lit(E + "months_single_parent"), f.lit(E + "months"))
