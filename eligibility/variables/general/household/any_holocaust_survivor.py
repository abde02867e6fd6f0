from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class any_holocaust_survivor(Variable):
    label = "ניצול/ת שואה במשק הבית"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("is_holocaust_survivor", "any")
