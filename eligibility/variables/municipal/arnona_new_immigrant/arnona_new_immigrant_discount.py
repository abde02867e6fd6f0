from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA


class arnona_new_immigrant_discount(Variable):
    label = "הנחה בארנונה – עולה חדש/ה (אחוז מהחשבון אחרי תקרת השטח)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (ARNONA,)
    defined_for = "is_arnona_new_immigrant_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        rate = f.lit("municipal.arnona.categorical_new_immigrant.rate")
        return rate * f.area_share("municipal.arnona.categorical_new_immigrant.area_cap_sqm")
