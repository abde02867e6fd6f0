from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SINGLE_PARENT


class is_single_parent(Variable):
    label = "הורה עצמאי/ת: ללא בן/בת זוג, עם ילד/ה קטין/ה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SINGLE_PARENT,)

    def formula(self, f: Formula) -> pl.Expr:
        together = f.var("applicant_marital_status").is_in(["married", "common_law"])
        return f.var("has_partner").not_() & (f.var("num_children") > 0) & together.not_()
