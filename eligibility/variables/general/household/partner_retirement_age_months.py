from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_retirement_age_months(Variable):
    label = "גיל הפרישה של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (CONTRACT,)
    aggregate = ("retirement_age_months", "partner")
