from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import MAJORITY


class is_dependent_child(Variable):
    label = "ילד/ה קטין/ה במשפחה"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (MAJORITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return (f.var("role") == "child") & f.var("is_minor")
