from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_employment_service_registered(Variable):
    label = "בן/בת הזוג רשום/ה בשירות התעסוקה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("employment_service_registered", "partner")
