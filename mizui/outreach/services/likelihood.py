"""How likely a candidate right is to be confirmed once the household is reached.

A batch run knows three things about a right from the engine's three-valued answer on the household's facts
(`outreach.models.Tier`): eligible on them; `maybe` with one question that decides it; `maybe` with more left
open. Until campaigns have outcomes, each tier has a stated prior: municipal files are partial and go stale, so
even "eligible" is not certain, and a right one question decides is about as likely to go either way.
"""

from __future__ import annotations

from mizui.outreach.models import Tier

PRIORS = {Tier.ELIGIBLE: 0.85, Tier.ONE_FACT: 0.45, Tier.OPEN: 0.15}


def prior(tier: str) -> float:
    return PRIORS[Tier(tier)]
