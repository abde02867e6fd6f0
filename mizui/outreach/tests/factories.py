"""Small outreach objects of one authority, for the access matrix and the tests."""

from __future__ import annotations

import io
from typing import Any

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import synthetic
from mizui.outreach.models import (
    BatchRun,
    Campaign,
    CampaignTarget,
    Group,
    OutreachList,
    PopulationMember,
    QuarantinedRow,
    RecordImport,
    RunStatus,
    Source,
)
from mizui.outreach.services.importer import run_import, start_import

IDENTITY_MAPPING = {c: c for c in synthetic.COLUMNS}


def make_source(authority: Authority, name: str = "ארנונה", mapping: dict[str, str] | None = None) -> Source:
    with tenant_context(authority):
        source, _ = Source.objects.get_or_create(
            authority=authority, name=name, defaults={"mapping": mapping or IDENTITY_MAPPING}
        )
    return source


def make_import(t: Any, authority: Authority | None = None, households: int = 5, run: bool = False) -> RecordImport:
    authority = authority or t.a
    source = make_source(authority)
    content = synthetic.csv_bytes(list(synthetic.rows(households, seed=households)))
    with tenant_context(authority):
        item, _ = start_import(None, authority=authority, source=source, name="arnona.csv", fileobj=io.BytesIO(content))
    if run:
        run_import(item)
    return item


def make_run(t: Any, authority: Authority | None = None) -> BatchRun:
    authority = authority or t.a
    with tenant_context(authority):
        return BatchRun.objects.create(authority=authority, as_of="2026-01-15", status=RunStatus.DONE, progress=100)


def make_campaign(t: Any, authority: Authority | None = None, **overrides: Any) -> Campaign:
    authority = authority or t.a
    with tenant_context(authority):
        saved = OutreachList.objects.create(authority=authority, name="כולם", filters={})
        fields = {"name": "קמפיין", "channel": "phone", "holdout_percent": 10, "seed": 1, "message_he": "שלום {name}"}
        return Campaign.objects.create(authority=authority, outreach_list=saved, **{**fields, **overrides})


def make_target(t: Any, authority: Authority | None = None) -> CampaignTarget:
    authority = authority or t.a
    make_import(t, authority, households=1, run=True)
    campaign = make_campaign(t, authority, status="launched")
    with tenant_context(authority):
        member = PopulationMember.objects.for_authority(authority).first()
        assert member is not None
        return CampaignTarget.objects.create(
            authority=authority,
            campaign=campaign,
            member=member,
            household_key=member.household_key,
            group=Group.TREATMENT,
            stratum="x",
            programs="income_support",
        )


def make_quarantined(t: Any, authority: Authority | None = None) -> dict[str, int]:
    """A done import of `authority` with one quarantined row: the kwargs of its correction page."""
    authority = authority or t.a
    item = make_import(t, authority, households=1, run=True)
    with tenant_context(authority):
        row = QuarantinedRow.objects.create(
            authority=authority, record_import=item, row_number=99, field="id_number", reason="x", cells="{}"
        )
    return {"pk": item.pk, "row": row.pk}
