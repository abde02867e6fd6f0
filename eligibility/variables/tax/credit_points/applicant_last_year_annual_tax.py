from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import PARTIAL_YEAR, TAX_RATES
from eligibility.variables.tax.credit_points.tax_math import last_tax_year_end, tax_before_credits


class applicant_last_year_annual_tax(Variable):
    label = (
        "מס ההכנסה השנתי על שכר שנת המס שעברה: המס על ההכנסה השנתית לפי המדרגות השנתיות (12 כפול החודשיות) פחות "
        "נקודות הזיכוי של 12 חודשים, ולא פחות מאפס"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (TAX_RATES, PARTIAL_YEAR)

    def formula(self, f: Formula) -> pl.Expr:
        # The annual brackets and the annual point are 12 times the monthly ones (84,120 = 12 x 7,010; 2,904 = 12 x
        # 242), so the tax on the year's income is 12 times the monthly tax on a twelfth of it.
        twelfth = f.var("applicant_last_year_months_worked") * f.var("applicant_last_year_monthly_salary") / 12
        monthly = tax_before_credits(f, twelfth, last_tax_year_end(f)) - f.var("applicant_last_year_monthly_credit")
        return (12 * monthly.clip(lower_bound=0)).round(2)
