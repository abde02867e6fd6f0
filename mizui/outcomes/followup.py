"""Dependence and mobility: what became of an accompanied household within 12 months, read from its own screenings.

The program "City Promoting Rights" (עיר מקדמת זכויות) aims to raise take-up "in order to reduce their dependence
on welfare services and to help advance social mobility" (docs/kpis.md quotes it with its source). The center holds
no income record of its own, but each time a case is screened the household's facts are stored (encrypted, with the
rules version) and linked to the case (cases.CaseScreening). So a household's first screening on a case is its
baseline, and a later one its follow-up: comparing the two is the smallest honest measure of change.

- The **baseline** is the household's first screening on any of its cases.
- Its **12 months** end on the same day a year later; a household is counted in the month they end, and only once
  they have (so a figure never moves because a window is still open).
- The **follow-up** is the household's last screening more than FOLLOW_UP_AFTER after the baseline and within
  its 12 months; an earlier one is part of the intake (a correction), not a change.
- **Income from work** is the sum of every member's `income.work`; a child with no income given has none (the
  household contract's own default), any other member's missing amount leaves the sum unknown.
- **Income support** (גמלת הבטחת הכנסה, the subsistence benefit) is received when any member lists it in `receives`;
  not received when every adult's `receives` was answered without it; unknown otherwise.

Pure functions on the decoded household (the contract of docs/household.md): refresh.py reads the rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mizui.cases.services.casework import months_after
from mizui.outcomes.summary import FOLLOW_UP_COUNTS, add_months

WINDOW_MONTHS = 12  # the program's horizon for "within 12 months" (issue 22)
FOLLOW_UP_AFTER = dt.timedelta(days=90)  # a program definition (not law): an earlier screening corrects the intake
DUE_AFTER_MONTHS = 6  # from the baseline's month, the coordinator's home lists a household to screen again
INCOME_SUPPORT = "income_support"

COUNTS = FOLLOW_UP_COUNTS  # what one FollowUpFact row holds per month, each defined by Change.counts below


def window_end(baseline: dt.date) -> dt.date:
    """The day the household's 12 months end (the same day a year on; the month's last day where it has none)."""
    return months_after(baseline, WINDOW_MONTHS)


def due(baseline: dt.date, last: dt.date, today: dt.date) -> bool:
    """Whether a household should be screened again now: at least DUE_AFTER_MONTHS from its baseline, its 12
    months not over, and no follow-up yet (its last screening is part of the intake)."""
    return (
        add_months(baseline.replace(day=1), DUE_AFTER_MONTHS) <= today.replace(day=1)
        and today < window_end(baseline)
        and last <= baseline + FOLLOW_UP_AFTER
    )


def follow_up(baseline: dt.date, later: list[tuple[dt.date, int]]) -> int | None:
    """The follow-up screening among the later ones (day, id), in time order: the last in (baseline + 90 days,
    the window's end]; None where there is none."""
    end = window_end(baseline)
    chosen = None
    for day, screening in later:
        if baseline + FOLLOW_UP_AFTER < day <= end:
            chosen = screening
    return chosen


def _adult(member: dict[str, Any]) -> bool:
    return member.get("role") != "child"


def work_income(household: dict[str, Any]) -> Decimal | None:
    total = Decimal(0)
    for member in household.get("members", []):
        amount = (member.get("income") or {}).get("work")
        if amount is None:
            if _adult(member):
                return None
            continue
        total += Decimal(str(amount))
    return total


def receives_income_support(household: dict[str, Any]) -> bool | None:
    members = household.get("members", [])
    if any(INCOME_SUPPORT in (member.get("receives") or []) for member in members):
        return True
    if all("receives" in member for member in members if _adult(member)):
        return False
    return None


@dataclass(frozen=True)
class Change:
    """One household's 12 months, as the counts of COUNTS (each 0 or 1)."""

    followed: bool
    work: bool | None = None  # rose; None where not compared
    support: bool | None = None  # ended; None where not compared (not received at baseline, or unknown)

    def counts(self) -> dict[str, int]:
        return {
            "households": 1,
            "followed": int(self.followed),
            "work_compared": int(self.work is not None),
            "work_rose": int(bool(self.work)),
            "support_compared": int(self.support is not None),
            "support_ended": int(bool(self.support)),
        }


NOT_FOLLOWED = Change(followed=False)


def compare(baseline: dict[str, Any], later: dict[str, Any]) -> Change:
    """What changed from the baseline household to the follow-up one."""
    before, after = work_income(baseline), work_income(later)
    rose = None if before is None or after is None else after > before
    ended = None
    if receives_income_support(baseline) is True:
        still = receives_income_support(later)
        ended = None if still is None else not still
    return Change(followed=True, work=rose, support=ended)
