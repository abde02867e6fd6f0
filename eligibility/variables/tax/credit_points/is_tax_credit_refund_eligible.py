from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import CREDIT_POINTS


class is_tax_credit_refund_eligible(Variable):
    label = "זכאות להחזר מס לשכיר/ה בשל נקודות זיכוי שמערכת השכר אינה מחילה בלי בקשה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CREDIT_POINTS,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("tax_credit_refund")
