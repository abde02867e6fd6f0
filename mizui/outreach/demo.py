"""The demo's outreach: a synthetic arnona file imported, the population screened, and a phone campaign with a
10% holdout, some calls logged and three responses that became inquiries. Loading twice changes nothing."""

from __future__ import annotations

import io

from mizui.accounts.models import Authority, Membership, Role
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import synthetic
from mizui.outreach.models import Campaign, CampaignTarget, Group, OutreachList, RecordImport, Source
from mizui.outreach.services import batch, campaigns
from mizui.outreach.services.importer import run_import, start_import

HOUSEHOLDS = 300
PREFIX = {"ashdod-demo": 8, "beersheva-demo": 6}  # ID ranges apart from the cases demo (9xxxxxxxx)
MESSAGE = (
    "שלום {name}, כאן {center}. לפי הרישומים ייתכן שמגיעים לכם {rights} (כ-{monthly} בחודש). "
    "נשמח לעזור לממש את הזכות, בלי עלות."
)


def load(authorities: list[Authority]) -> None:
    for authority in authorities:
        if authority.slug in PREFIX:
            _load(authority)


def _load(authority: Authority) -> None:
    with tenant_context(authority):
        coordinator = (
            Membership.objects.for_authority(authority).filter(role=Role.COORDINATOR).select_related("user").first()
        )
        source, _ = Source.objects.get_or_create(
            authority=authority, name="משלמי ארנונה (הדגמה)", defaults={"mapping": {c: c for c in synthetic.COLUMNS}}
        )
        if RecordImport.objects.for_authority(authority).filter(source=source).exists():
            return
        rows = list(synthetic.rows(HOUSEHOLDS, seed=PREFIX[authority.slug], prefix=PREFIX[authority.slug]))
        rows[4][0] = rows[4][0][:8] + str((int(rows[4][0][8]) + 1) % 10)  # one bad check digit, to be quarantined
        content = synthetic.csv_bytes(rows)
        item, _ = start_import(
            None, authority=authority, source=source, name="arnona-2026.csv", fileobj=io.BytesIO(content)
        )
    run_import(item)
    with tenant_context(authority):
        run = batch.start_run(None, authority=authority)
    batch.execute_run(run)
    user = coordinator.user if coordinator else None
    if user is None:
        return
    with tenant_context(authority, user):
        saved = OutreachList.objects.create(authority=authority, name="כל הזכאים, לפי כסף", filters={}, created_by=user)
        campaign = campaigns.create_campaign(
            user,
            authority=authority,
            outreach_list=saved,
            name="טלפונים: זכויות שלא מומשו",
            channel="phone",
            holdout_percent=10,
            messages={"he": MESSAGE},
            seed=2026,
        )
        campaigns.launch(user, campaign)
        _calls(user, campaign)


def _calls(user: object, campaign: Campaign) -> None:
    targets = list(campaign.targets.filter(group=Group.TREATMENT).order_by("-annual", "pk")[:12])
    outcomes = ["reached", "no_answer", "reached", "not_home", "reached", "refused", "reached", "no_answer"]
    for target, outcome in zip(targets, outcomes, strict=False):
        campaigns.log_contact(user, target, outcome=outcome)  # type: ignore[arg-type]
    for target in targets[8:11]:
        campaigns.record_response(user, target)  # type: ignore[arg-type]
    assert CampaignTarget.objects.filter(campaign=campaign, group=Group.HOLDOUT, contacts__isnull=False).count() == 0
