from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class couple_holocaust_survivor(Variable):
    label = "המבקש/ת או בן/בת הזוג ניצול/ת שואה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("couple_holocaust_survivor_p", "any")
