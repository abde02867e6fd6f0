from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.maternity_allowance.references import MATERNITY


class is_maternity_allowance_eligible(Variable):
    label = "זכאות לדמי לידה (ליולדת שעבדה)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (MATERNITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("maternity_allowance")
