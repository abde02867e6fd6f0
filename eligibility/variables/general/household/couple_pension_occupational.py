from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import IS_INCOME


class couple_pension_occupational(Variable):
    label = "פנסיה מעבודה של בני הזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)
    aggregate = ("couple_pension_occupational_p", "sum_strict")
