from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.long_term_care.references import LONG_TERM_CARE


class is_long_term_care_eligible(Variable):
    label = "זכאות לגמלת סיעוד"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (LONG_TERM_CARE,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("long_term_care")
