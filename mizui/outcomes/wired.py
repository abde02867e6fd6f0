"""Figures whose rows live in outreach and community, read through those apps' own report functions.

Unlike the ledger KPIs these are read live (their apps own the queries and their indexes): campaigns are few,
hours and events are small tables, and the batch estimate is one grouped query over its latest run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

import eligibility
from mizui.accounts.models import Authority
from mizui.cases.models import Decision, Entitlement, Stage
from mizui.community.services.reports import event_attribution, volunteer_hours
from mizui.outcomes.refresh import GROUP_LANGUAGES
from mizui.outcomes.summary import Filters
from mizui.outreach.models import BatchRun, Campaign, PopulationMember
from mizui.outreach.services.batch import GROUPS, estimated_eligible_by_right
from mizui.outreach.services.measure import campaign_funnel, campaign_uplift

RECEIVING = Q(stage__in=[Stage.PAID, Stage.RENEWAL_DUE]) | Q(
    stage=Stage.DECIDED, decision__in=[Decision.APPROVED, Decision.PARTIAL]
)


@dataclass(frozen=True)
class TakeUp:
    program: str
    receiving: int  # households the ledger shows approved or paid today
    in_progress: int  # households with the right on the ledger, not yet decided (or appealing), not given up
    unclaimed: int  # households the latest batch run estimates eligible and not on the ledger at all
    as_of: dt.date

    @property
    def rate(self) -> Decimal | None:
        # The batch leaves out every household already on the ledger, so those the center is still working on
        # count here: eligible (as far as anyone knows) and not receiving yet.
        total = self.receiving + self.in_progress + self.unclaimed
        return (Decimal(self.receiving) * 100 / total).quantize(Decimal("0.1")) if total else None


def take_up(authority: Authority) -> list[TakeUp]:
    """Estimated take-up per right: receiving ÷ (receiving + in progress at the center + estimated eligible and
    not on the ledger, from the latest batch run). Denied and given-up rows count in neither. A right the run
    found no one left to claim, with households on the ledger, is listed too: that is full take-up."""
    estimate = estimated_eligible_by_right(authority)
    if estimate:
        as_of = next(iter(estimate.values()))["as_of"]
    else:
        run = BatchRun.objects.for_authority(authority).latest_done()
        if run is None:
            return []
        as_of = run.as_of
    # The run screens every right of the catalogue, so a right it does not list has no one left unclaimed.
    catalogue = [p["id"] for p in eligibility.programs("en")]
    rows = Entitlement.objects.for_authority(authority).filter(program__in=catalogue)

    def households(selected: Any) -> dict[str, int]:
        counted = selected.values("program").annotate(n=Count("household", distinct=True))
        return dict(counted.values_list("program", "n"))

    receiving = households(rows.filter(RECEIVING))
    in_progress = households(
        rows.exclude(RECEIVING).exclude(stage=Stage.DROPPED).exclude(stage=Stage.DECIDED, decision=Decision.DENIED)
    )
    programs = sorted(set(estimate) | set(receiving) | set(in_progress))
    unclaimed = {program: int(row["households"]) for program, row in estimate.items()}
    return [
        TakeUp(program, receiving.get(program, 0), in_progress.get(program, 0), unclaimed.get(program, 0), as_of)
        for program in programs
    ]


@dataclass(frozen=True)
class CampaignResult:
    name: str
    launched_on: dt.date
    funnel: dict[str, int]
    uplift: dict[str, Any]

    @property
    def uplift_points(self) -> Decimal | None:
        """Treatment take-up minus holdout take-up, in percentage points (intention to treat)."""
        difference = self.uplift.get("uplift")
        return None if difference is None else (Decimal(str(difference)) * 100).quantize(Decimal("0.1"))


def campaigns(authority: Authority, filters: Filters) -> list[CampaignResult]:
    """Campaigns launched in the period: the treatment group's funnel and the uplift over the holdout."""
    launched = Campaign.objects.for_authority(authority).filter(
        launched_at__date__gte=filters.start, launched_at__date__lte=filters.end_day
    )
    out = []
    for campaign in launched.order_by("launched_at", "pk"):
        assert campaign.launched_at is not None
        out.append(
            CampaignResult(
                campaign.name,
                campaign.launched_at.date(),
                campaign_funnel(campaign),
                campaign_uplift(campaign).as_dict(),
            )
        )
    return out


@dataclass(frozen=True)
class Community:
    volunteer_hours: Decimal
    volunteers: int
    volunteer_cases: int
    events: list[Any]


def community(authority: Authority, filters: Filters) -> Community:
    hours = volunteer_hours(authority, filters.start, filters.end_day)
    events = [e for e in event_attribution(authority, filters.start, filters.end_day) if e.inquiries or e.held_on]
    return Community(
        sum((row.hours for row in hours), Decimal(0)),
        len(hours),
        sum(row.cases for row in hours),  # a case two volunteers helped counts twice
        events,
    )


def population_shares(authority: Authority) -> dict[str, Decimal]:
    """Each reach group's share (%) of the imported municipal population (outreach imports): the language groups
    from the imported persons as they are now, the other groups from the latest finished batch run's counts (age,
    disability, immigration and family status are read only when a run decrypts everyone to screen them)."""
    shares: dict[str, Decimal] = {}
    members = PopulationMember.objects.for_authority(authority)
    counts = dict(members.values("language").annotate(n=Count("id")).values_list("language", "n"))
    total = sum(counts.values())
    if total:
        for group, code in GROUP_LANGUAGES.items():
            shares[group] = (Decimal(counts.get(code, 0)) * 100 / total).quantize(Decimal("0.1"))
    run = BatchRun.objects.for_authority(authority).latest_done()
    screened = run.group_counts if run is not None else {}
    if screened.get("total"):
        for group in GROUPS:
            if group in screened:
                shares[group] = (Decimal(screened[group]) * 100 / screened["total"]).quantize(Decimal("0.1"))
    return shares
