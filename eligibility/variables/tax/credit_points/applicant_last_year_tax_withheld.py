from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import PARTIAL_YEAR, TAX_RATES
from eligibility.variables.tax.credit_points.tax_math import last_tax_year_end, tax_before_credits


class applicant_last_year_tax_withheld(Variable):
    label = (
        "מס ההכנסה שנוכה מהשכר בשנת המס שעברה: בכל חודש עבודה המס לפי המדרגות החודשיות פחות נקודות הזיכוי של "
        "החודש, כפול מספר חודשי העבודה"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (TAX_RATES, PARTIAL_YEAR)

    def formula(self, f: Formula) -> pl.Expr:
        salary = f.var("applicant_last_year_monthly_salary")
        monthly = tax_before_credits(f, salary, last_tax_year_end(f)) - f.var("applicant_last_year_monthly_credit")
        # In shekels and agorot: a batch and a single household add the same parts in a different order.
        return (f.var("applicant_last_year_months_worked") * monthly.clip(lower_bound=0)).round(2)
