from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.tax.credit_points.references import DISCHARGED_SOLDIER


class applicant_discharged_soldier_credit_points(Variable):
    label = "נקודות הזיכוי לשנה של המבקש/ת כחייל/ת משוחרר/ת"
    entity = HOUSEHOLD
    value_type = float
    unit = "/1"
    reference = (DISCHARGED_SOLDIER,)
    aggregate = ("discharged_soldier_credit_points_p", "applicant")
