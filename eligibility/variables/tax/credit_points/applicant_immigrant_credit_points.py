from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.tax.credit_points.references import NEW_IMMIGRANT


class applicant_immigrant_credit_points(Variable):
    label = "נקודות הזיכוי לשנה של המבקש/ת כעולה חדש/ה"
    entity = HOUSEHOLD
    value_type = float
    unit = "/1"
    reference = (NEW_IMMIGRANT,)
    aggregate = ("immigrant_credit_points_p", "applicant")
