from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import IS_LAW


class is_child_exempting_from_work_test(Variable):
    label = "ילד/ה שטרם מלאו לו/ה שנתיים: אחד מהוריו/ה פטור ממבחן התעסוקה להבטחת הכנסה"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (IS_LAW,)

    def formula(self, f: Formula) -> pl.Expr:
        return (f.var("role") == "child") & (
            f.var("age_years") < f.lit("nii.income_support.eligibility.work_test_exempt_child_age")
        )
