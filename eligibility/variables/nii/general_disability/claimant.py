"""Whose disability the general disability pension reads: the applicant's, or, where the applicant has none and the
partner has one, the partner's (``disability_claimant_is_partner``).

The person answering is often not the one with the disability: a wife answering for a husband whose earning capacity
is gone. The pension is his own, so the rules read his age, disability and work income (``disability_claimant_*``).
"""

from __future__ import annotations

import polars as pl

from eligibility.model import Formula
from eligibility.variables.general.household.whose import partner_or_applicant


def of_claimant(f: Formula, fact: str) -> pl.Expr:
    """The partner's ``fact`` where the partner is the one whose disability is read, else the applicant's."""
    return partner_or_applicant(f, "disability_claimant_is_partner", fact)
