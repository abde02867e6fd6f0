from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.iec.electricity.refs import ELECTRICITY


class electricity_discount(Variable):
    label = "הנחה בחשבון החשמל (אחוז מהתעריף הביתי על הצריכה עד התקרה החודשית)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (ELECTRICITY,)
    defined_for = "is_electricity_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return f.lit("iec.electricity.rate")
