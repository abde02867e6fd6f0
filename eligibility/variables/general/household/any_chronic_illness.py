from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class any_chronic_illness(Variable):
    label = "חולה כרוני/ת במשק הבית"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("chronic_illness", "any")
