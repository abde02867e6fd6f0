from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.unemployment.references import UNEMPLOYMENT


class is_unemployment_eligible(Variable):
    label = 'זכאות לדמי אבטלה (לכל היותר "ייתכן": הביטוח הלאומי בודק את תקופת האכשרה והשכר)'
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (UNEMPLOYMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("unemployment")
