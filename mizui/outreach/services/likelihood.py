"""How likely a candidate right is to be confirmed once the household is reached.

A batch run knows four things about a right (`outreach.models.Tier`): eligible on the household's facts; `maybe`
with one question that decides it; `maybe`, but eligible when the facts a municipal file rarely holds take their
usual value (``presumed``); `maybe` with more left open. Until campaigns have outcomes, each tier has a stated
prior: files are partial and go stale, so even "eligible" is not certain, and a right one question decides is
about as likely to go either way.
"""

from __future__ import annotations

import polars as pl

from eligibility.inputs import inputs
from mizui.outreach.models import Tier

PRIORS = {Tier.ELIGIBLE: 0.85, Tier.ONE_FACT: 0.45, Tier.LIKELY: 0.35, Tier.OPEN: 0.05}

# What most people's answer is to the facts municipal files rarely hold. Never an age, a family or a tenure, and an
# income only beside another one a file gives (below): those decide means tests and are left unknown. Presumed only
# to rank a list: the list says which rights rest on them, and the answer a resident gets never does.
USUAL: dict[str, object] = {
    "car_value": 0.0,
    "financial_assets": 0.0,
    "owns_other_property": False,
    "student": False,
    "soldier": False,
    "holocaust_survivor": False,
    "chronic_illness": False,
    "blind": False,
    "medical_percent": 0.0,
    "incapacity_percent": 0.0,
    "receives_general_disability": False,
    "debt_total": 0.0,
    "debt_includes_alimony": False,
    "debt_enforcement_file": False,
    "receives": "",  # no source says they receive anything: nothing
}


# The kinds of income the household contract declares (income from work, occupational pension, ...).
INCOMES = tuple(spec.column for spec in inputs() if spec.column.startswith("income_"))


def presumed(persons: pl.DataFrame) -> pl.DataFrame:
    """A batch's persons with the usual value where a fact is missing (``USUAL``); a person without a known
    immigration date has lived in Israel since birth, and a renter or a public-housing tenant never owned a home."""
    columns = persons.columns
    filled = [(pl.col(c).fill_null(pl.lit(v)) if c in columns else pl.lit(v)).alias(c) for c, v in USUAL.items()]
    if "birth_date" in columns:
        kind = persons.schema["birth_date"]
        since = pl.col("resident_since") if "resident_since" in columns else pl.lit(None, dtype=kind)
        arrived = pl.col("immigration_date") if "immigration_date" in columns else pl.lit(None, dtype=kind)
        filled.append(
            pl.when(since.is_null() & arrived.is_null())
            .then(pl.col("birth_date"))
            .otherwise(since.cast(kind))
            .alias("resident_since")
        )
    # A person some file gives an income for has, of the kinds no file gives, none: a welfare export lists the
    # incomes a family has. A person no file gives any income for keeps every income unknown.
    given = [c for c in INCOMES if c in columns]
    if given:
        some = pl.any_horizontal(pl.col(c).is_not_null() for c in given)
        filled += [
            (
                pl.when(some).then(pl.col(c).fill_null(0.0)).otherwise(pl.col(c))
                if c in columns
                else pl.when(some).then(pl.lit(0.0)).otherwise(pl.lit(None, dtype=pl.Float64))
            ).alias(c)
            for c in INCOMES
        ]
    if "tenure" in columns:
        owned = pl.col("ever_owned_home") if "ever_owned_home" in columns else pl.lit(None, dtype=pl.Boolean)
        filled.append(
            pl.when(owned.is_null() & pl.col("tenure").is_in(["renter", "public_housing"]))
            .then(pl.lit(False))
            .otherwise(owned)
            .alias("ever_owned_home")
        )
    return persons.with_columns(filled)
