from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import ARNONA_INCOME


class household_arnona_income(Variable):
    label = "ההכנסה הכוללת של משק הבית למבחן ההכנסה בארנונה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (ARNONA_INCOME,)
    aggregate = ("arnona_countable_income", "sum_strict")
