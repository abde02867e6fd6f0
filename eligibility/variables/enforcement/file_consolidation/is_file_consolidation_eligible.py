from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.enforcement.file_consolidation.refs import CONSOLIDATION


class is_file_consolidation_eligible(Variable):
    label = "זכות לבקש איחוד תיקים בהוצאה לפועל"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONSOLIDATION,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("file_consolidation")
