from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.general_disability.references import DISABILITY


class is_general_disability_eligible(Variable):
    label = 'זכאות לקצבת נכות כללית (לכל היותר "ייתכן": הוועדה הרפואית מכריעה)'
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (DISABILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("general_disability")
