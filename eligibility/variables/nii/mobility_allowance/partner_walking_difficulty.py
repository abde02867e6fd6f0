from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_walking_difficulty(Variable):
    label = "בן/בת הזוג מתקשה ללכת בגלל בעיה ברגליים"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("walking_difficulty", "partner")
