from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.labor.daycare_subsidy.refs import SUBSIDY


class marked_in_daycare(Variable):
    label = "שורת הילד/ה עצמו/ה אומרת שהוא/היא במעון או במשפחתון מוכר (קובץ של הרשות: רשימת מעונות)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (SUBSIDY,)

    def formula(self, f: Formula) -> pl.Expr:
        # A municipal file (a day-care list, a welfare export) marks the child's own row. Only a "yes" there says
        # something: a child's blank is no answer (the applicant answers for the family), so it counts as not marked.
        return (f.var("role") == "child") & f.var("daycare_recognized").fill_null(False)
