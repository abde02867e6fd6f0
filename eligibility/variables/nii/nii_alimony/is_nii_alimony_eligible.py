from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.nii_alimony.refs import ALIMONY_LAW


class is_nii_alimony_eligible(Variable):
    label = "זכאות לדמי מזונות מהביטוח הלאומי"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (ALIMONY_LAW,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("nii_alimony")
