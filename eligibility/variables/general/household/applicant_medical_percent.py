from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_medical_percent(Variable):
    label = "הנכות הרפואית של המבקש/ת"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)
    aggregate = ("medical_percent", "applicant")
