from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.credit_points.references import CREDIT_POINTS, REFUND


class tax_credit_refund_amount(Variable):
    label = (
        "שווי נקודות הזיכוי שלא הוחלו בשכר, לחודש עבודה: הנקודות כפול שווי נקודה, ולא יותר ממס ההכנסה שמנוכה "
        "מהשכר בלעדיהן"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CREDIT_POINTS, REFUND)
    defined_for = "is_tax_credit_refund_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        worth = f.var("applicant_unapplied_credit_points") * f.lit("tax.credit_points.point_value")
        withheld = f.var("applicant_income_tax_withheld")
        # A credit point only reduces tax: what comes back is never more than the tax withheld. (min_horizontal
        # would skip an unknown side and answer with the other.)
        return pl.when(worth.is_not_null() & withheld.is_not_null()).then(pl.min_horizontal(worth, withheld))
