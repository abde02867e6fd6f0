from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.public_housing.references import PUBLIC_HOUSING


class public_housing_by_benefit(Variable):
    label = "זכאות לדיור ציבורי דרך קצבה: קשיש/ה עם השלמת הכנסה, או זוג שלאחד מהם אי-כושר יציב של 75% ומעלה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (PUBLIC_HOUSING,)

    def formula(self, f: Formula) -> pl.Expr:
        # The eligibility column, not all_conditions(X) inlined: a long AND chain costs more to plan than a stage
        # would, and the longest chain of stages is elsewhere (no stage is added).
        elderly = f.var("claimant_reached_retirement_age") & (
            f.var("hh_receives__old_age_income_supplement") | f.var("is_old_age_income_supplement_eligible")
        )
        incapacity = f.lit("housing.public_housing.eligibility.min_incapacity_percent")
        return elderly | (f.var("has_partner") & f.someone_at_least("incapacity_percent", incapacity))
