from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.housing.rent_assistance.references import RENT_EARNING_CAPACITY


class rent_couple_pension(Variable):
    label = "קצבאות ביטוח לאומי ופנסיה של בני הזוג (לדרך 'עבודה לצד קצבה שאינה קצבת קיום' במיצוי כושר השתכרות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (RENT_EARNING_CAPACITY,)
    aggregate = ("rent_couple_pension_p", "sum_strict")
