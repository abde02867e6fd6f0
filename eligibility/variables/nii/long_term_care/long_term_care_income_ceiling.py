from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.long_term_care.references import INCOME_TEST

T = "nii.long_term_care.income_test."


class long_term_care_income_ceiling(Variable):
    label = "תקרת ההכנסה לגמלת סיעוד (מעליה אין זכאות): פעם וחצי השכר הממוצע ליחיד, פעמיים ורבע לזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (INCOME_TEST,)

    def formula(self, f: Formula) -> pl.Expr:
        wage = f.lit("nii.general.average_wage")
        return f.either(f.var("has_partner"), wage * f.lit(T + "couple_half"), wage * f.lit(T + "single_half"))
