from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_pension.references import SURVIVORS


class is_survivors_pension_eligible(Variable):
    label = "זכאות לקצבת שאירים (אלמן/ה)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SURVIVORS,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("survivors_pension")
