"""The demo's outreach: a small synthetic city's municipal files (arnona payers, welfare clients, the national
insurer's recipients, new immigrants; `outreach.city`) imported through their sources, the population screened, and
a phone campaign with a 10% holdout, some calls logged and three responses that became inquiries. Loading twice
changes nothing."""

from __future__ import annotations

from mizui.accounts.models import Authority, Membership, Role
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import city
from mizui.outreach.models import Campaign, CampaignTarget, Group, OutreachList, RecordImport
from mizui.outreach.services import batch, campaigns, evaluation

PERSONS = 1_200
SEED = {"ashdod-demo": 8, "beersheva-demo": 6}  # ID ranges apart from each other and from the cases demo
MESSAGE = (
    "שלום {name}, כאן {center}. לפי הרישומים ייתכן שמגיעים לכם {rights} (כ-{monthly} בחודש). "
    "נשמח לעזור לממש את הזכות, בלי עלות."
)


def load(authorities: list[Authority]) -> None:
    for authority in authorities:
        if authority.slug in SEED:
            _load(authority)


def _load(authority: Authority) -> None:
    with tenant_context(authority):
        coordinator = (
            Membership.objects.for_authority(authority).filter(role=Role.COORDINATOR).select_related("user").first()
        )
        if RecordImport.objects.for_authority(authority).exists():
            return
    town = city.generate(PERSONS, SEED[authority.slug], authority=authority.slug)
    evaluation.import_files(authority, town.files, city.SOURCES)
    with tenant_context(authority):
        run = batch.start_run(None, authority=authority)
    batch.execute_run(run)
    user = coordinator.user if coordinator else None
    if user is None:
        return
    with tenant_context(authority, user):
        saved = OutreachList.objects.create(
            authority=authority, name="כל המועמדים, לפי הכסף הצפוי", filters={}, created_by=user
        )
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
