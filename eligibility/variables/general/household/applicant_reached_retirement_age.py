from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_reached_retirement_age(Variable):
    label = "המבקש/ת הגיע/ה לגיל פרישה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("reached_retirement_age", "applicant")
