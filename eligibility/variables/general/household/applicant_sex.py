from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_sex(Variable):
    label = "מין המבקש/ת"
    entity = HOUSEHOLD
    value_type = str
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("sex", "applicant")
