from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.labor.daycare_subsidy.refs import SUBSIDY


class child_marked_in_daycare(Variable):
    label = "לפחות ילד/ה אחד/ת שבשורה שלו/ה נרשם שהוא/היא במעון או במשפחתון מוכר"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SUBSIDY,)
    aggregate = ("marked_in_daycare", "any")
