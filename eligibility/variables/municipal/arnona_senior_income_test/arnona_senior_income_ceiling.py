from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA


class arnona_senior_income_ceiling(Variable):
    label = "תקרת ההכנסה להנחת אזרח ותיק לפי מבחן הכנסה (שכר ממוצע; לזוג פי 1.5)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (ARNONA,)

    def formula(self, f: Formula) -> pl.Expr:
        wage = f.lit("nii.general.average_wage")
        factor = (
            pl.when(f.var("has_partner"))
            .then(f.lit("municipal.arnona.categorical_senior_income_test.couple_factor"))
            .otherwise(1.0)
        )
        return wage * factor
