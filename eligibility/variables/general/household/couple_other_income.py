from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import IS_INCOME


class couple_other_income(Variable):
    label = "הכנסה שלא מעבודה של בני הזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)
    aggregate = ("couple_other_income_p", "sum_strict")
