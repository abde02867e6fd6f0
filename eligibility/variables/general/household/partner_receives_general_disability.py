from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_receives_general_disability(Variable):
    label = "בן/בת הזוג מקבל/ת קצבת נכות כללית"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("receives_general_disability", "partner")
