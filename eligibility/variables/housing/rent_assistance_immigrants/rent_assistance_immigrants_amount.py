from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.rent_assistance_immigrants.references import IMMIGRANT_RENT

A = "housing.rent_assistance_immigrants."


class rent_assistance_immigrants_amount(Variable):
    label = "סכום הסיוע החודשי האוטומטי בשכר דירה לעולים, לפי הרכב המשפחה והשנה מיום העלייה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IMMIGRANT_RENT,)
    defined_for = "is_rent_assistance_immigrants_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        months = f.var("applicant_full_months_since_aliyah")
        family = f.var("has_partner") | (f.var("num_children") > 0)
        return f.either(
            f.var("is_single_parent"),
            f.scale(A + "amount_single_parent", months),
            f.either(family, f.scale(A + "amount_family", months), f.scale(A + "amount_single", months)),
        )
