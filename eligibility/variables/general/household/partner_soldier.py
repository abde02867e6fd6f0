from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_soldier(Variable):
    label = "בן/בת הזוג בשירות סדיר"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("in_regular_service", "partner")
