from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.disabled_child_benefit.references import DISABLED_CHILD


class is_disabled_child_benefit_eligible(Variable):
    label = "זכאות לגמלת ילד נכה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (DISABLED_CHILD,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("disabled_child_benefit")
