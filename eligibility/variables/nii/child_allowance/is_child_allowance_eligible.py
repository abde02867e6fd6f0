from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import CHILDREN


class is_child_allowance_eligible(Variable):
    label = "זכאות לקצבת ילדים"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CHILDREN,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("child_allowance")
