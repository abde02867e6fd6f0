from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_is_immigrant(Variable):
    label = "המבקש/ת עולה (יש תאריך עלייה)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("is_immigrant", "applicant")
