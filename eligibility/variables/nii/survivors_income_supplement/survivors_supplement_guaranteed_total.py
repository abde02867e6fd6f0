from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_income_supplement.references import AMOUNTS_PAGE

T = "nii.survivors_income_supplement.guaranteed_total"


class survivors_supplement_guaranteed_total(Variable):
    label = "הסכום הכולל המובטח לאלמן/ה (קצבת שאירים + תוספת השלמת הכנסה), לפי הגיל ומספר הילדים"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (AMOUNTS_PAGE,)

    def formula(self, f: Formula) -> pl.Expr:
        age, kids = f.var("applicant_age_years"), f.var("num_children")
        band = (
            pl.when(age >= f.p("nii.old_age.ages.higher_rate_age"))
            .then(pl.lit("age_80_plus"))
            .when(age >= f.p("nii.old_age.ages.absolute_age"))
            .then(pl.lit("age_70_79"))
            .when(age.is_not_null())
            .then(pl.lit("under_70"))
        )
        family = (
            pl.when(kids == 0)
            .then(pl.lit("no_children"))
            .when(kids == 1)
            .then(pl.lit("one_child"))
            .when(kids >= 2)
            .then(pl.lit("two_children"))
        )
        return f.table(T, pl.concat_str([band, pl.lit("."), family]), depth=2)
