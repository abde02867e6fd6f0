from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.water.water_allocation.refs import WATER


class water_allocation_disability_p(Variable):
    label = "מקבל/ת קצבת נכות כללית עם נכות רפואית של 70% לפחות – המבקש/ת או בן/בת הזוג (שורת אדם)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (WATER,)

    def formula(self, f: Formula) -> pl.Expr:
        medical = f.var("medical_percent") >= f.lit("water.water_allocation.min_medical_percent")
        return f.var("is_couple_member") & f.var("receives_general_disability") & medical
