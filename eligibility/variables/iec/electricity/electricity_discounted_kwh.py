from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.iec.electricity.refs import ELECTRICITY


class electricity_discounted_kwh(Variable):
    label = 'הצריכה החודשית (קוט"ש) שעליה חלה ההנחה בחשבון החשמל'
    entity = HOUSEHOLD
    value_type = float
    unit = "kWh"
    reference = (ELECTRICITY,)
    defined_for = "is_electricity_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return f.lit("iec.electricity.monthly_kwh_cap")
