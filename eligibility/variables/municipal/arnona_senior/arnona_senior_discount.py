from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA


class arnona_senior_discount(Variable):
    label = "הנחה בארנונה – אזרח ותיק המקבל קצבת זקנה (אחוז מהחשבון אחרי תקרת השטח)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (ARNONA,)
    defined_for = "is_arnona_senior_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        rate = f.lit("municipal.arnona.categorical_senior.rate")
        return rate * f.area_share("municipal.arnona.categorical_senior.area_cap_sqm")
