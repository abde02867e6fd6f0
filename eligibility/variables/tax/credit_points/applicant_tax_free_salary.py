from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import CREDIT_POINTS, TAX_RATES
from eligibility.variables.tax.credit_points.tax_math import tax_free_salary


class applicant_tax_free_salary(Variable):
    label = "השכר החודשי שעד אליו לא מנוכה מס הכנסה, בנקודות הזיכוי שמוחלות בלי טופס 101"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (TAX_RATES, CREDIT_POINTS)

    def formula(self, f: Formula) -> pl.Expr:
        credits = f.var("applicant_default_credit_points") * f.lit("tax.credit_points.point_value")
        return tax_free_salary(f, credits)
