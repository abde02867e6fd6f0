"""Outreach pages: imports, batch runs, lists and campaigns (thin: parse → access → service → render)."""

from __future__ import annotations

from mizui.accounts.models import Role

# Aggregates (reconciliations, run totals, funnels, uplift): the casework roles and analysts.
VIEW_ROLES = frozenset({Role.MANAGER, Role.LAWYER, Role.COORDINATOR, Role.ANALYST})
# Names, phones, addresses, exports and every action: the casework roles only.
PERSONAL_ROLES = frozenset({Role.MANAGER, Role.LAWYER, Role.COORDINATOR})
