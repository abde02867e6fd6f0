from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_walking_difficulty(Variable):
    label = "המבקש/ת מתקשה ללכת בגלל בעיה ברגליים"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("walking_difficulty", "applicant")
