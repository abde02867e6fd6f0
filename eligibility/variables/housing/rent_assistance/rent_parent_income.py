from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.housing.rent_assistance.references import RENT_SINGLE_PARENT


class rent_parent_income(Variable):
    label = "הכנסת ההורה העצמאי/ת למבחן ההכנסה של הסיוע בשכר דירה (ברוטו, מלבד קצבאות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (RENT_SINGLE_PARENT,)
    aggregate = ("rent_parent_income_p", "applicant")
