from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.general_disability.references import DISABILITY


class general_disability_work_income_limit(Variable):
    label = "תקרת ההכנסה מעבודה לקצבת נכות כללית (60% מהשכר הממוצע במשק)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (DISABILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.lit("nii.general_disability.eligibility.work_income_share") * f.lit("nii.general.average_wage")
