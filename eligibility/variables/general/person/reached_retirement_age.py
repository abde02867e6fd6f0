from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import RETIREMENT


class reached_retirement_age(Variable):
    label = "הגיע/ה לגיל הפרישה"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (RETIREMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        age = f.var("age_months")
        # The sex sets the age; without it, below both sexes' ages is "not yet" and past both is "reached" (a partner
        # of 32 whose sex was not asked has not reached it).
        women, men = f.var("retirement_age_months_women"), f.var("retirement_age_months_men")
        by_sex = age >= f.var("retirement_age_months")
        return (
            # Past the absolute age (70) everyone is past retirement age, even where the birth cohort is not tabled.
            pl.when(f.var("age_years") >= f.lit("nii.old_age.ages.absolute_age"))
            .then(pl.lit(True))
            .when(by_sex.is_not_null())
            .then(by_sex)
            .when((age < women) & (age < men))
            .then(pl.lit(False))
            .when((age >= women) & (age >= men))
            .then(pl.lit(True))
            .otherwise(pl.lit(None, dtype=pl.Boolean))
        )
