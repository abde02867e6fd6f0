from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.aliyah.absorption_basket.references import BASKET


class applicant_months_in_israel_before_aliyah(Variable):
    label = "חודשי המגורים של המבקש/ת בישראל לפני העלייה"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (BASKET,)
    aggregate = ("months_in_israel_before_aliyah", "applicant")
