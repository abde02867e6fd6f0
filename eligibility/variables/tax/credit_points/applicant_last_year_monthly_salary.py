from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_last_year_monthly_salary(Variable):
    label = "השכר החודשי הממוצע (ברוטו) של המבקש/ת בחודשים שעבד/ה כשכיר/ה בשנת המס שעברה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONTRACT,)
    aggregate = ("last_year_monthly_salary", "applicant")
