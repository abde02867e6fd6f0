from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_last_year_months_worked(Variable):
    label = "החודשים בשנת המס שעברה (ינואר עד דצמבר) שבהם קיבל/ה המבקש/ת משכורת כשכיר/ה"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (CONTRACT,)
    aggregate = ("last_year_months_worked", "applicant")
