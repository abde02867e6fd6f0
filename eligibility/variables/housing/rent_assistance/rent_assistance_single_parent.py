from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.rent_assistance.references import RENT_SINGLE_PARENT

INCOME = "housing.rent_assistance.single_parent_income."


class rent_assistance_single_parent(Variable):
    label = "הורה עצמאי/ת שעובד/ת או מקבל/ת מזונות, שהכנסתו/ה עד תקרת מבחן ההכנסה של משרד הבינוי והשיכון"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (RENT_SINGLE_PARENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # A single parent qualifies with any work (part-time too) or on the alimony of a former partner alone, up
        # to the income ceiling; a parent living on an NII benefit is in the benefit group instead.
        works = f.var("applicant_employment").is_in(["employed", "self_employed"])
        alimony = f.var("rent_applicant_alimony") > 0
        return (
            f.var("is_single_parent") & (works | alimony) & (f.var("rent_parent_income") <= f.lit(INCOME + "ceiling"))
        )
