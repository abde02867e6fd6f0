from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.nii_alimony.refs import INCOME


class nii_alimony_other_income(Variable):
    label = "הכנסת המבקש/ת שלא מעבודה שמנוכה במלואה מדמי המזונות"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (INCOME,)
    aggregate = ("nii_alimony_other_income_p", "applicant")
