from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import CREDIT_POINTS, PARTIAL_YEAR

P = "tax_credit_refund"


class is_tax_credit_refund_eligible(Variable):
    label = "זכאות להחזר מס לשכיר/ה: בשל נקודות זיכוי שמערכת השכר אינה מחילה בלי בקשה, או בשל עבודה בחלק משנת המס שעברה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CREDIT_POINTS, PARTIAL_YEAR)

    def formula(self, f: Formula) -> pl.Expr:
        # Two ways to tax to get back (Kleene OR: true as soon as one is known to hold): points the payroll does not
        # apply this year, or a tax year worked only in part.
        points = f.cond(P, "employee_paying_tax") & f.cond(P, "unapplied_credit_points")
        return points | f.cond(P, "partial_year")
