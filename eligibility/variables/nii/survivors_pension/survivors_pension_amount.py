from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled
from eligibility.variables.nii.survivors_pension.references import RATES, TWO_PENSIONS

A = "nii.survivors.pension."
E = "nii.survivors.eligibility."


class survivors_pension_amount(Variable):
    label = "קצבת שאירים לאלמן/ה לחודש: לפי מספר הילדים שאיתו/ה, ובלי ילדים לפי הגיל; עם קצבת אזרח ותיק – מחצית"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (RATES, TWO_PENSIONS)
    defined_for = "is_survivors_pension_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        kids, age = f.var("num_children"), f.var("applicant_age_years")
        further = (kids - 2).clip(lower_bound=0) * f.lit(A + "each_further_child")
        with_kids = pl.when(kids == 1).then(f.lit(A + "one_child")).otherwise(f.lit(A + "two_children") + further)
        by_age = (
            pl.when(age >= f.lit(E + "higher_rate_age"))
            .then(f.lit(A + "widow_80_plus"))
            .when(age >= f.lit(E + "full_rate_age"))
            .then(f.lit(A + "widow_50_plus"))
            .when(age < f.lit(E + "full_rate_age"))
            .then(f.lit(A + "widow_40_50"))
        )
        full = pl.when(kids > 0).then(with_kids).when(kids == 0).then(by_age)
        # Whoever also gets an old-age pension is paid it in full and half of the survivors' pension (s. 320).
        # Only at retirement age can the widow(er) be the one paid an old-age pension.
        old_age = f.var("applicant_reached_retirement_age") & receives_or_entitled(f, "old_age_pension")
        return f.either(old_age, f.lit(A + "half_with_old_age"), full)
