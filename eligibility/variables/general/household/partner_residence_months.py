from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_residence_months(Variable):
    label = "חודשי התושבות של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (CONTRACT,)
    aggregate = ("residence_months", "partner")
