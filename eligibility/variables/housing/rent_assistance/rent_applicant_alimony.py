from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.housing.rent_assistance.references import RENT_SINGLE_PARENT


class rent_applicant_alimony(Variable):
    label = "מזונות שהמבקש/ת מקבל/ת (מבן/בת זוג לשעבר או מהביטוח הלאומי)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (RENT_SINGLE_PARENT,)
    aggregate = ("income_alimony", "applicant")
