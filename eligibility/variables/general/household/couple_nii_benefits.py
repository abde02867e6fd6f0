from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import IS_INCOME


class couple_nii_benefits(Variable):
    label = "קצבאות ביטוח לאומי של בני הזוג"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)
    aggregate = ("couple_nii_benefits_p", "sum_strict")
