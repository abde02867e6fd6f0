from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.public_housing.references import PUBLIC_HOUSING


class is_public_housing_eligible(Variable):
    label = "זכאות לדיור ציבורי"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (PUBLIC_HOUSING,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("public_housing")
