from __future__ import annotations

from mizui.outreach.models.campaigns import (
    Campaign,
    CampaignChannel,
    CampaignStatus,
    CampaignTarget,
    Contact,
    ContactOutcome,
    Group,
    TargetStatus,
)
from mizui.outreach.models.population import (
    ImportStatus,
    PopulationMember,
    QuarantinedRow,
    RecordImport,
    Source,
)
from mizui.outreach.models.screening import (
    BatchRun,
    OutreachList,
    RunStatus,
    ScreenedHousehold,
    Tier,
    UnclaimedRight,
)

__all__ = [
    "BatchRun",
    "Campaign",
    "CampaignChannel",
    "CampaignStatus",
    "CampaignTarget",
    "Contact",
    "ContactOutcome",
    "Group",
    "ImportStatus",
    "OutreachList",
    "PopulationMember",
    "QuarantinedRow",
    "RecordImport",
    "RunStatus",
    "ScreenedHousehold",
    "Source",
    "TargetStatus",
    "Tier",
    "UnclaimedRight",
]
