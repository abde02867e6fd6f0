from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import PARTIAL_YEAR, REFUND


class tax_partial_year_refund_amount(Variable):
    label = (
        "החזר המס לשנת המס שעברה בשל עבודה בחלק מהשנה: המס שנוכה חודש בחודש פחות המס על ההכנסה השנתית, ולא פחות "
        "מאפס (0 למי שלא עבד/ה חלק מהשנה בלבד)"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (PARTIAL_YEAR, REFUND)
    defined_for = "is_tax_credit_refund_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        withheld, annual = f.var("applicant_last_year_tax_withheld"), f.var("applicant_last_year_annual_tax")
        refund = (withheld - annual).clip(0).round(2)
        return f.either(f.cond("tax_credit_refund", "partial_year"), refund, 0.0)
