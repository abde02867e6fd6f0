"""Whose old age the old-age rights read: the applicant's, or, when only the partner has reached the retirement age,
the partner's (``old_age_claimant_is_partner``).

The person answering is often the younger of a couple: a woman of 58 whose husband of 70 is owed his old-age pension
and its income supplement. The pension is his own, so the rules read his age, residence, insurance and incomes
(``claimant_*``), and hers as his spouse's (``spouse_*``). Unknown whose (the partner's birth date not given) leaves
what differs unknown.
"""

from __future__ import annotations

import polars as pl

from eligibility.model import Formula
from eligibility.variables.general.household.whose import partner_or_applicant


def of_claimant(f: Formula, fact: str) -> pl.Expr:
    """The partner's ``fact`` where the partner is the old-age claimant, else the applicant's."""
    return partner_or_applicant(f, "old_age_claimant_is_partner", fact)


def of_spouse(f: Formula, fact: str) -> pl.Expr:
    """The other member of the couple's ``fact``: the applicant's where the partner claims, else the partner's."""
    return f.either(f.var("old_age_claimant_is_partner"), f.var(f"applicant_{fact}"), f.var(f"partner_{fact}"))
