from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.benefit_groups.logic import any_of, receives_or_entitled
from eligibility.variables.housing.rent_assistance.references import (
    RENT_EARNING_CAPACITY,
    RENT_GROUPS,
    RENT_WORKING_FAMILY,
)

W = "housing.rent_assistance.working_family."
# Pensions that are not a subsistence benefit (Kol Zchut's examples: a disability pension of 60%-74% without the
# dependants' increment, an old-age or survivors' pension without the income supplement); work beside one of them
# proves earning capacity whatever the salary.
PENSIONS = (
    "old_age_pension",
    "old_age_pension_disabled",
    "survivors_pension",
    "general_disability",
    "work_injury_pension",
)


def _spouse_may_work_enough(f: Formula, employment: pl.Expr, work: pl.Expr) -> pl.Expr:
    """A salaried spouse who earns at least 75% of the minimum wage may work full time (144 hours a month or 100% by
    the employer's certificate: the certificate is not a household input); a self-employed one must earn the minimum
    wage. Below that no spouse's job proves earning capacity. Before the first dated floor any job may."""
    works = employment.is_in(["employed", "self_employed"])  # unknown stays unknown, as with ==
    if f.p(W + "full_time_floor") is None or f.p(W + "self_employed_floor") is None:
        return works
    floor = f.either(employment == "self_employed", f.lit(W + "self_employed_floor"), f.lit(W + "full_time_floor"))
    return works & (work >= floor)


def _reduced_capacity(f: Formula, applicant_work: pl.Expr, partner_work: pl.Expr) -> pl.Expr:
    """One spouse with an incapacity of 60%-74% (75% and more opens the benefit group): half the minimum wage earned
    by either spouse is enough. Any member's degree is read, which can only leave a couple open."""
    if f.p(W + "reduced_capacity_floor") is None or f.p(W + "reduced_capacity_min_incapacity_percent") is None:
        return pl.lit(False)
    half = f.lit(W + "reduced_capacity_floor")
    degree = f.someone_at_least("incapacity_percent", f.lit(W + "reduced_capacity_min_incapacity_percent"))
    return degree & ((applicant_work >= half) | (partner_work >= half))


class rent_assistance_working_family(Variable):
    label = (
        "זוג שעשוי להוכיח מיצוי כושר השתכרות (ולכן נבחן במבחן ההכנסה של משרד הבינוי והשיכון לזוגות, שטבלתו העדכנית "
        "אינה בידינו)"
    )
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (RENT_WORKING_FAMILY, RENT_EARNING_CAPACITY, RENT_GROUPS)

    def formula(self, f: Formula) -> pl.Expr:
        # True: the couple may prove earning capacity (מיצוי כושר השתכרות) by one of the ministry's ways, and is then
        # judged by the income test for couples (all the family's gross income against the ministry's table by number
        # of children, "נכון ל-2024" on Kol Zchut, whose figures are not in our sources). False: no way can hold, so
        # the couple is outside the working-families track. The floors only rule couples out: a stale one is lower
        # than this year's, so it never rules out a couple that qualifies.
        applicant_work, partner_work = f.var("applicant_income_work"), f.var("partner_income_work")
        jobs = _spouse_may_work_enough(f, f.var("applicant_employment"), applicant_work) | _spouse_may_work_enough(
            f, f.var("partner_employment"), partner_work
        )
        reduced = _reduced_capacity(f, applicant_work, partner_work)
        receives_pension = any_of([f.var(f"hh_receives__{p}") for p in PENSIONS])
        works = (applicant_work > 0) | (partner_work > 0)
        pension = works & ((f.var("rent_couple_pension") > 0) | receives_pension)
        # Unemployment benefit paid on a full-time job also proves it (the rate it was paid on is not an input).
        unemployment = receives_or_entitled(f, "unemployment")
        return f.var("has_partner") & any_of([jobs, reduced, pension, unemployment])
