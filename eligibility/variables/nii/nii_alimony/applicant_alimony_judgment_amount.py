from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.nii_alimony.refs import AMOUNTS


class applicant_alimony_judgment_amount(Variable):
    label = "סכום המזונות החודשי שנפסק בפסק הדין"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (AMOUNTS,)
    aggregate = ("alimony_judgment_amount", "applicant")
