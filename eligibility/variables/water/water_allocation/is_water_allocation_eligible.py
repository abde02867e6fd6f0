from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.water.water_allocation.refs import WATER


class is_water_allocation_eligible(Variable):
    label = "זכאות להקצאת מים נוספת בתעריף הנמוך"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (WATER,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("water_allocation")
