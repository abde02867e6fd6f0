from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.special_old_age_benefit.references import SPECIAL_OLD_AGE


class special_old_age_benefit_amount(Variable):
    label = "סכום הגמלה המיוחדת לחודש: כקצבת הזקנה הבסיסית (בלי תוספת ותק), עד הסכום המובטח פחות ההכנסות"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SPECIAL_OLD_AGE,)
    defined_for = "is_special_old_age_benefit_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        # Its rates are the old-age pension's, without the seniority and deferral increments; income other than
        # from work above the income supplement's room lowers it (what is left of the guaranteed total).
        room = f.var("supplement_guaranteed_total") - f.var("special_old_age_other_income")
        full = f.var("old_age_pension_full")
        return f.either(room < full, room, full).clip(lower_bound=0)
