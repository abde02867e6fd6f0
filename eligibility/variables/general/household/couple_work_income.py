from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import IS_INCOME


class couple_work_income(Variable):
    label = "הכנסה מעבודה ומפנסיה של בני הזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)
    aggregate = ("couple_work_income_p", "sum_strict")
