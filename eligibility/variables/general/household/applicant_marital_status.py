from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_marital_status(Variable):
    label = "מצב משפחתי של המבקש/ת"
    entity = HOUSEHOLD
    value_type = str
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("marital_status", "applicant")
