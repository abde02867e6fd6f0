from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.aliyah.absorption_basket.references import BASKET


class applicant_full_months_since_aliyah(Variable):
    label = "חודשים שלמים מעליית המבקש/ת"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (BASKET,)
    aggregate = ("full_months_since_aliyah", "applicant")
