from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_retirement_age_months(Variable):
    label = "גיל הפרישה של המבקש/ת"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (CONTRACT,)
    aggregate = ("retirement_age_months", "applicant")
