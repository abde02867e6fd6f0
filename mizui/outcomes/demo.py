"""The demo's outcome tables, rebuilt once every other app's demo rows exist: the dashboard shows real figures the
moment the demo is loaded, before any change schedules a rebuild (freshness.py)."""

from __future__ import annotations

from mizui.accounts.models import Authority
from mizui.outcomes.tasks import refresh


def load(authorities: list[Authority]) -> None:
    for authority in authorities:
        refresh(authority)
