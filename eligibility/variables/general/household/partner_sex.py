from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_sex(Variable):
    label = "מין בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = str
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("sex", "partner")
