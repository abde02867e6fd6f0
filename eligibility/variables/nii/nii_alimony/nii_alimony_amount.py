from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.nii_alimony.refs import AMOUNTS


class nii_alimony_amount(Variable):
    label = "דמי מזונות מהביטוח הלאומי לחודש: הנמוך מבין פסק הדין לבין הסכום שבתקנות אחרי ניכוי ההכנסות"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (AMOUNTS,)
    defined_for = "is_nii_alimony_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        after_income = (f.var("nii_alimony_table_amount") - f.var("nii_alimony_income_deduction")).clip(lower_bound=0)
        judgment = f.var("applicant_alimony_judgment_amount")
        # The lower of the two, unknown while either is (min_horizontal would skip an unknown judgment).
        return f.either(judgment < after_income, judgment, after_income)
