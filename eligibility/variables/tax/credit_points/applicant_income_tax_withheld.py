from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import CREDIT_POINTS, TAX_RATES
from eligibility.variables.tax.credit_points.tax_math import tax_before_credits


class applicant_income_tax_withheld(Variable):
    label = "מס ההכנסה שמנוכה בחודש משכרו/ה של המבקש/ת כשכיר/ה, לפי המדרגות ונקודות הזיכוי שמוחלות בלי טופס 101 (0 למי שאינו/ה שכיר/ה)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (TAX_RATES, CREDIT_POINTS)

    def formula(self, f: Formula) -> pl.Expr:
        credits = f.var("applicant_default_credit_points") * f.lit("tax.credit_points.point_value")
        tax = (tax_before_credits(f, f.var("applicant_income_work")) - credits).clip(lower_bound=0)
        # Only a salary has tax withheld by a payroll; the self-employed settle theirs in the annual return.
        return f.either(f.var("applicant_employment") == "employed", tax, 0.0)
