from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import PARTIAL_YEAR, TAX_RATES
from eligibility.variables.tax.credit_points.tax_math import last_tax_year_end, tax_free_salary


class applicant_last_year_tax_free_salary(Variable):
    label = "השכר החודשי שעד אליו לא נוכה מס הכנסה בשנת המס שעברה, בנקודות שמוחלות בלי טופס 101"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (TAX_RATES, PARTIAL_YEAR)

    def formula(self, f: Formula) -> pl.Expr:
        return tax_free_salary(f, f.var("applicant_last_year_monthly_credit"), last_tax_year_end(f)).round(2)
