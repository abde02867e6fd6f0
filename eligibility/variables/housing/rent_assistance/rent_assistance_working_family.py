from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.rent_assistance.references import RENT_GROUPS


def _works(employment: pl.Expr) -> pl.Expr:
    return employment.is_in(["employed", "self_employed"])  # unknown stays unknown, as with ==; cheaper to plan


class rent_assistance_working_family(Variable):
    label = "זוג שעובד (נבחן במבחן ההכנסה של משרד הבינוי והשיכון, שטבלאותיו העדכניות אינן בידינו)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (RENT_GROUPS,)

    def formula(self, f: Formula) -> pl.Expr:
        # A single parent's income test is encoded (rent_assistance_single_parent); a couple's tables are not.
        partner = f.var("has_partner")
        return partner & (_works(f.var("applicant_employment")) | _works(f.var("partner_employment")))
