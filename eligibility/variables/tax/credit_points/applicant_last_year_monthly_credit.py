from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import CREDIT_POINTS, PARTIAL_YEAR
from eligibility.variables.tax.credit_points.tax_math import last_tax_year_end, p_on

P = "tax.credit_points."


class applicant_last_year_monthly_credit(Variable):
    label = (
        "שווי נקודות הזיכוי לחודש בשנת המס שעברה, בנקודות שכל מערכת שכר מחילה בלי טופס 101 (2.25 לתושב/ת, 2.75 "
        "לאישה), כפול שווי הנקודה באותה שנה"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CREDIT_POINTS, PARTIAL_YEAR)

    def formula(self, f: Formula) -> pl.Expr:
        day = last_tax_year_end(f)
        resident = pl.lit(p_on(f, P + "points.resident", day), dtype=pl.Float64)
        woman = pl.lit(p_on(f, P + "points.woman", day), dtype=pl.Float64)
        points = f.either(f.var("applicant_sex") == "female", resident + woman, resident)
        return points * pl.lit(p_on(f, P + "point_value", day), dtype=pl.Float64)
