from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.housing.rent_assistance.references import RENT_SINGLE_PARENT


class rent_parent_income_p(Variable):
    label = "הכנסת ההורה למבחן ההכנסה של הסיוע בשכר דירה: כל הכנסותיו ברוטו מלבד קצבאות הביטוח הלאומי"
    entity = PERSON
    value_type = float
    unit = "currency-ILS"
    reference = (RENT_SINGLE_PARENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # Salary, self-employment and the alimony of a divorce agreement count; a subsistence benefit is the other
        # track (a parent living on one is in the benefit group), so NII benefits are left out.
        return f.var("total_income") - f.var("income_nii_benefits")
