"""A resident's link of a new case in an authority (the access matrix names this, not imports it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from mizui.accounts.models import Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import ResidentLink, ResidentLinkChannel
from mizui.test import make_case


def make_resident_link(authority: Authority, actor: User) -> Any:
    case = make_case(authority)
    with tenant_context(authority):
        return ResidentLink.objects.create(
            authority=authority,
            case=case,
            language="he",
            channel=ResidentLinkChannel.PRINT,
            token_hash="0" * 64,
            expires_at=timezone.now() + dt.timedelta(days=30),
            created_by=actor,
        )
