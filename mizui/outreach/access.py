"""access_* helpers of outreach: 404 for another authority's object, logged (accounts.access)."""

from __future__ import annotations

from mizui.accounts.access import fetch_for_authority
from mizui.accounts.http import StaffRequest
from mizui.outreach.models import BatchRun, Campaign, CampaignTarget, RecordImport, Source


def access_source(request: StaffRequest, pk: int) -> Source:
    return fetch_for_authority(request, Source.objects.all(), pk, object_type="outreach_source")


def access_import(request: StaffRequest, pk: int) -> RecordImport:
    imports = RecordImport.objects.select_related("source", "authority")
    return fetch_for_authority(request, imports, pk, object_type="record_import")


def access_run(request: StaffRequest, pk: int) -> BatchRun:
    return fetch_for_authority(request, BatchRun.objects.select_related("authority"), pk, object_type="batch_run")


def access_campaign(request: StaffRequest, pk: int) -> Campaign:
    campaigns = Campaign.objects.select_related("outreach_list", "authority")
    return fetch_for_authority(request, campaigns, pk, object_type="campaign")


def access_target(request: StaffRequest, pk: int) -> CampaignTarget:
    targets = CampaignTarget.objects.select_related("campaign", "campaign__authority", "member", "authority")
    return fetch_for_authority(request, targets, pk, object_type="campaign_target")
