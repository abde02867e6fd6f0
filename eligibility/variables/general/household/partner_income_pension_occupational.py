from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_income_pension_occupational(Variable):
    label = "פנסיה מעבודה של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONTRACT,)
    aggregate = ("income_pension_occupational", "partner")
