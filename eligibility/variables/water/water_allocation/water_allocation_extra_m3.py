from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.water.water_allocation.conditions import EXTRA, GROUP_SETS
from eligibility.variables.water.water_allocation.refs import WATER


class water_allocation_extra_m3(Variable):
    label = 'כמות המים הנוספת בתעריף הנמוך לכל נפש זכאית (מ"ק לחודש)'
    entity = HOUSEHOLD
    value_type = float
    unit = "m3"
    reference = (WATER,)
    defined_for = "is_water_allocation_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        # Every group gets the same quantity (at most once a person); the sets differ only in their start date.
        quantities = [q for q in (f.p(EXTRA + name) for name in GROUP_SETS) if q is not None]
        return pl.lit(max(quantities, default=0.0), dtype=pl.Float64)
