from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT


class is_birth_grant_eligible(Variable):
    label = "זכאות למענק לידה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (BIRTH_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("birth_grant")
