from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.long_term_care.references import INCOME_TEST


class long_term_care_income(Variable):
    label = "הכנסת המבקש/ת ובן/בת הזוג בחודש, במבחן ההכנסות לגמלת סיעוד"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (INCOME_TEST,)

    def formula(self, f: Formula) -> pl.Expr:
        applicant = f.var("applicant_total_income")
        return f.either(f.var("has_partner"), applicant + f.var("partner_total_income"), applicant)
