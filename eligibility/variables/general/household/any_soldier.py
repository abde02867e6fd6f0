from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class any_soldier(Variable):
    label = "בן/בת משפחה בשירות סדיר"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("in_regular_service", "any")
