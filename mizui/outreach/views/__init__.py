"""Outreach pages: imports, batch runs, lists and campaigns (thin: parse → access → service → render)."""

from __future__ import annotations

from typing import Any

from mizui.accounts.models import Role
from mizui.outreach import tasks
from mizui.outreach.services import leases
from mizui.outreach.services.leases import Job

# Aggregates (reconciliations, run totals, funnels, uplift): the casework roles and analysts.
VIEW_ROLES = frozenset({Role.MANAGER, Role.LAWYER, Role.COORDINATOR, Role.ANALYST})
# Names, phones, addresses, exports and every action: the casework roles only.
PERSONAL_ROLES = frozenset({Role.MANAGER, Role.LAWYER, Role.COORDINATOR})


def job_state(job: Job, *, can_act: bool, resumable: bool) -> dict[str, Any]:
    """What a job's page shows of its lease: whether it stopped (its worker died) and since when, and whether
    this person sees the button that takes it up again (`resumable`: also for reasons other than a stale lease)."""
    stale = tasks.is_stale(job)
    return {"stale": stale, "since": leases.last_seen(job), "can_resume": can_act and (stale or resumable)}
