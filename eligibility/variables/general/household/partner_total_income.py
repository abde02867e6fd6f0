from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_total_income(Variable):
    label = "סך הכנסת בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONTRACT,)
    aggregate = ("total_income", "partner")
