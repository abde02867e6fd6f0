from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.long_term_care.references import INCOME_TEST

T = "nii.long_term_care.income_test."


class long_term_care_full_rate_ceiling(Variable):
    label = "ההכנסה שעד אליה משולמת גמלת סיעוד מלאה (מעליה – מחצית): פעם אחת השכר הממוצע ליחיד, פעם וחצי לזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (INCOME_TEST,)

    def formula(self, f: Formula) -> pl.Expr:
        wage = f.lit("nii.general.average_wage")
        return f.either(f.var("has_partner"), wage * f.lit(T + "couple_full"), wage * f.lit(T + "single_full"))
