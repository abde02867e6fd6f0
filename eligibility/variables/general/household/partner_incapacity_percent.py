from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_incapacity_percent(Variable):
    label = "דרגת אי-הכושר של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)
    aggregate = ("incapacity_percent", "partner")
