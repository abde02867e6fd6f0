from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.health_fund.health_exemptions.refs import HEALTH


class is_health_exemptions_eligible(Variable):
    label = "זכאות לפטור או להנחה בהשתתפות העצמית בקופת החולים"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (HEALTH,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("health_exemptions")
