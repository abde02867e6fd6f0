from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.iec.electricity.refs import ELECTRICITY


class is_electricity_eligible(Variable):
    label = "זכאות להנחה בחשבון החשמל"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (ELECTRICITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("electricity")
