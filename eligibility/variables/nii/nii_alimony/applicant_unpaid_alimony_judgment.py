from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.nii_alimony.refs import ALIMONY_LAW


class applicant_unpaid_alimony_judgment(Variable):
    label = "בידי המבקש/ת פסק דין למזונות שהחייב/ת אינו/ה משלם/ת"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (ALIMONY_LAW,)
    aggregate = ("unpaid_alimony_judgment", "applicant")
