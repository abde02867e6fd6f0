from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_medical_percent(Variable):
    label = "הנכות הרפואית של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)
    aggregate = ("medical_percent", "partner")
