from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_months_since_immigration(Variable):
    label = "חודשים מעליית המבקש/ת"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (CONTRACT,)
    aggregate = ("months_since_immigration", "applicant")
