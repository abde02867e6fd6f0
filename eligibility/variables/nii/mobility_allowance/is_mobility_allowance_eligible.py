from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.mobility_allowance.references import MOBILITY


class is_mobility_allowance_eligible(Variable):
    label = "זכאות לגמלת ניידות"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (MOBILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("mobility_allowance")
