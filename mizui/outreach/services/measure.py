"""What a campaign achieved, from the ledger only: the funnel and the uplift over the holdout.

Households are matched to the center's ledger (cases.Entitlement) through the ID number's blind index of the
campaign's contact person and the rights the campaign targeted for that household, counting only steps on or
after the launch day. The uplift is intention-to-treat: every household drawn into the treatment group counts,
reached or not, so the comparison with the randomized holdout stays fair. Take-up is a CONFIRMED award
(basis confirmed, decision approved or partial); estimates never count.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from mizui.cases.models import Basis, Decision, Entitlement
from mizui.outreach.models import Campaign, CampaignTarget, Group, PopulationMember, TargetStatus

Z95 = 1.959963984540054  # the two-sided 95% quantile of the standard normal distribution
APPROVED = (Decision.APPROVED, Decision.PARTIAL)


@dataclass(frozen=True)
class Steps:
    applied: bool = False
    approved: bool = False
    paid: bool = False
    confirmed_award: bool = False


def _launch_day(campaign: Campaign) -> dt.date:
    return timezone.localdate(campaign.launched_at) if campaign.launched_at else timezone.localdate()


def _ledger_steps(campaign: Campaign, targets: list[CampaignTarget]) -> dict[int, Steps]:
    """Per target id: how far the targeted rights got on the ledger since the launch."""
    since = _launch_day(campaign)
    members = dict(
        PopulationMember.objects.for_authority(campaign.authority)
        .filter(pk__in={t.member_id for t in targets})
        .values_list("pk", "id_index")
    )
    rows: dict[str, list[dict[str, Any]]] = {}
    keys = sorted(set(members.values()))
    for start in range(0, len(keys), 2000):
        found = Entitlement.objects.for_authority(campaign.authority).filter(
            household__members__id_index__in=keys[start : start + 2000]
        )
        fields = (
            "household__members__id_index",
            "program",
            "submitted_on",
            "decision",
            "decided_on",
            "paid_on",
            "basis",
        )
        for row in found.values(*fields):
            rows.setdefault(row["household__members__id_index"], []).append(row)
    out = {}
    for target in targets:
        wanted = set(target.program_list())
        mine = [r for r in rows.get(members.get(target.member_id, ""), []) if r["program"] in wanted]
        approved = [r for r in mine if r["decision"] in APPROVED and r["decided_on"] and r["decided_on"] >= since]
        out[target.pk] = Steps(
            applied=any(r["submitted_on"] and r["submitted_on"] >= since for r in mine),
            approved=bool(approved),
            paid=any(r["paid_on"] and r["paid_on"] >= since for r in mine),
            confirmed_award=any(r["basis"] == Basis.CONFIRMED for r in approved),
        )
    return out


def campaign_funnel(campaign: Campaign) -> dict[str, int]:
    """list → contacted → responded → applied → approved → paid, for the treatment group; `holdout` its size."""
    targets = list(campaign.targets.all().only("pk", "member_id", "group", "status", "programs"))
    treatment = [t for t in targets if t.group == Group.TREATMENT]
    steps = _ledger_steps(campaign, treatment)
    return {
        "list": len(treatment),
        "contacted": sum(t.status in {TargetStatus.CONTACTED, TargetStatus.RESPONDED} for t in treatment),
        "responded": sum(t.status == TargetStatus.RESPONDED for t in treatment),
        "applied": sum(steps[t.pk].applied for t in treatment),
        "approved": sum(steps[t.pk].approved for t in treatment),
        "paid": sum(steps[t.pk].paid for t in treatment),
        "skipped": sum(t.status == TargetStatus.SKIPPED for t in treatment),
        "holdout": len(targets) - len(treatment),
    }


@dataclass(frozen=True)
class Uplift:
    treatment: int
    treatment_takers: int
    holdout: int
    holdout_takers: int

    @property
    def treatment_rate(self) -> float | None:
        return self.treatment_takers / self.treatment if self.treatment else None

    @property
    def holdout_rate(self) -> float | None:
        return self.holdout_takers / self.holdout if self.holdout else None

    @property
    def difference(self) -> float | None:
        if self.treatment_rate is None or self.holdout_rate is None:
            return None
        return self.treatment_rate - self.holdout_rate

    @property
    def interval(self) -> tuple[float, float] | None:
        """Wald 95% interval of the difference of two proportions."""
        t, h, diff = self.treatment_rate, self.holdout_rate, self.difference
        if t is None or h is None or diff is None:
            return None
        se = math.sqrt(t * (1 - t) / self.treatment + h * (1 - h) / self.holdout)
        return (diff - Z95 * se, diff + Z95 * se)

    def as_dict(self) -> dict[str, Any]:
        return {
            "treatment": self.treatment,
            "treatment_takers": self.treatment_takers,
            "holdout": self.holdout,
            "holdout_takers": self.holdout_takers,
            "treatment_rate": self.treatment_rate,
            "holdout_rate": self.holdout_rate,
            "uplift": self.difference,
            "ci95": self.interval,
        }


def campaign_uplift(campaign: Campaign) -> Uplift:
    """Take-up (a confirmed award of a targeted right since launch) in treatment minus holdout."""
    targets = list(campaign.targets.all().only("pk", "member_id", "group", "programs"))
    steps = _ledger_steps(campaign, targets)
    treated = [t for t in targets if t.group == Group.TREATMENT]
    held = [t for t in targets if t.group == Group.HOLDOUT]
    return Uplift(
        treatment=len(treated),
        treatment_takers=sum(steps[t.pk].confirmed_award for t in treated),
        holdout=len(held),
        holdout_takers=sum(steps[t.pk].confirmed_award for t in held),
    )


def confirmed_programs(campaign: Campaign, targets: list[CampaignTarget]) -> dict[int, set[str]]:
    """Per target id: the targeted rights awarded on the ledger (confirmed basis, approved or partial) since the
    launch — each right on its own, for the likelihood's calibration."""
    since = _launch_day(campaign)
    members = dict(
        PopulationMember.objects.for_authority(campaign.authority)
        .filter(pk__in={t.member_id for t in targets})
        .values_list("pk", "id_index")
    )
    awarded: dict[str, set[str]] = {}
    keys = sorted(set(members.values()))
    for start in range(0, len(keys), 2000):
        found = Entitlement.objects.for_authority(campaign.authority).filter(
            household__members__id_index__in=keys[start : start + 2000],
            decision__in=APPROVED,
            basis=Basis.CONFIRMED,
            decided_on__gte=since,
        )
        for index, program in found.values_list("household__members__id_index", "program"):
            awarded.setdefault(index, set()).add(program)
    return {t.pk: awarded.get(members.get(t.member_id, ""), set()) & set(t.program_list()) for t in targets}
