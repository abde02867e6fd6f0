from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_soldier(Variable):
    label = "המבקש/ת בשירות סדיר"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("in_regular_service", "applicant")
