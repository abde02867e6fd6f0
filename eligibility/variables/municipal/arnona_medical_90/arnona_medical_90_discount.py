from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA


class arnona_medical_90_discount(Variable):
    label = "הנחה בארנונה – נכות רפואית 90% ומעלה (אחוז מהחשבון אחרי תקרת השטח)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (ARNONA,)
    defined_for = "is_arnona_medical_90_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        rate = f.lit("municipal.arnona.categorical_medical_90.rate")
        return rate * f.area_share("municipal.arnona.categorical_medical_90.area_cap_sqm")
