"""Whose fact a right reads: the applicant's, or the partner's where the right is the partner's own.

The person answering is often not the one a right belongs to (the younger of a couple, the one who does not work, the
one without the disability). Each such right has a ``<right>_claimant_is_partner`` variable saying when it is the
partner's, and reads each fact through ``partner_or_applicant``.
"""

from __future__ import annotations

import polars as pl

from eligibility.model import Formula


def partner_or_applicant(f: Formula, switch: str, fact: str) -> pl.Expr:
    """The partner's ``fact`` where the variable ``switch`` holds, the applicant's where it fails, unknown while it
    is (unless both are the same)."""
    return f.either(f.var(switch), f.var(f"partner_{fact}"), f.var(f"applicant_{fact}"))
