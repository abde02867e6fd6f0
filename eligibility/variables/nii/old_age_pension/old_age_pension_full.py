from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE


class old_age_pension_full(Variable):
    label = "קצבת זקנה: בסיסית + תוספת בן/בת זוג + תוספת ילדים (ללא תוספת ותק)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        older = f.var("claimant_age_years") >= f.p("nii.old_age.ages.higher_rate_age")
        basic = f.either(older, f.lit("nii.old_age.pension.basic_80_plus"), f.lit("nii.old_age.pension.basic_under_80"))
        # The spouse increment is for a partner below retirement age whose own income, from work and not, is at
        # most 57% of the average wage (s. 238). Its age conditions (a wife of 45 or over or with a child of the
        # claimant, a husband of 50 or over) are not asked, so they are not checked (value_note).
        income = f.var("spouse_total_income")
        dependent = (
            f.var("has_partner")
            & f.var("spouse_reached_retirement_age").not_()
            & ((income == 0) | (income <= f.lit("nii.old_age.pension.spouse_income_limit")))
        )
        spouse = f.either(dependent, f.lit("nii.old_age.pension.spouse_increment"), 0.0)
        kids = f.var("num_children").clip(upper_bound=f.p("nii.old_age.pension.children_with_increment"))
        return basic + spouse + kids * f.lit("nii.old_age.pension.child_increment")
