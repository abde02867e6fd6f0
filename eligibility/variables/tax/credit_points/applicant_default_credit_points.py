from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import CREDIT_POINTS

P = "tax.credit_points.points."


class applicant_default_credit_points(Variable):
    label = "נקודות הזיכוי שמערכת שכר מחילה גם בלי טופס 101: 2.25 לתושב/ת, ועוד 0.5 לאישה"
    entity = HOUSEHOLD
    value_type = float
    unit = "/1"
    reference = (CREDIT_POINTS,)

    def formula(self, f: Formula) -> pl.Expr:
        resident = f.lit(P + "resident")
        return f.either(f.var("applicant_sex") == "female", resident + f.lit(P + "woman"), resident)
