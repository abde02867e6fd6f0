"""Small helpers for the API tests (STYLE.md §9: make_* functions, no fixtures files)."""

from __future__ import annotations

import json
from typing import Any

from django.core.cache import cache
from django.test import Client

from mizui.accounts.models import Authority
from mizui.api.models import ApiToken, Scope
from mizui.api.services import create_api_token
from mizui.test import MizuiTestCase

SCREENINGS_URL = "/api/v1/screenings"
RIGHTS_URL = "/api/v1/rights"


def make_api_token(authority: Authority, **overrides: Any) -> tuple[ApiToken, str]:
    """A token of `authority` and its secret key (both scopes unless `scopes=` says otherwise)."""
    options: dict[str, Any] = {"name": "אתר העירייה", "scopes": list(Scope.values), **overrides}
    return create_api_token(None, authority=authority, **options)


def make_household(**overrides: Any) -> dict[str, Any]:
    """A divorced working mother of one, renting: eligible for some rights, not for others."""
    household: dict[str, Any] = {
        "as_of": "2026-01-15",
        "members": [
            {
                "id": "p1",
                "role": "applicant",
                "birth_date": "1988-05-01",
                "sex": "female",
                "marital_status": "divorced",
                "employment": "employed",
                "income": {"work": 4200, "pension_occupational": 0, "nii_benefits": 0, "alimony": 0},
                "receives": ["child_allowance"],
            },
            {"id": "c1", "role": "child", "birth_date": "2015-03-01"},
        ],
        "housing": {"tenure": "renter", "rent_monthly": 3500, "arnona_area_sqm": 70},
        "assets": {"car_value": 0, "financial_assets": 5000},
    }
    household.update(overrides)
    return household


def screen(client: Client, body: Any, *, key: str | None = None, query: str = "", raw: bool = False) -> Any:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    data = body if raw else json.dumps(body)
    return client.post(f"{SCREENINGS_URL}{query}", data, content_type="application/json", headers=headers)


class ApiTestCase(MizuiTestCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # nothing of one test's caching may leak into the next (rate limits roll back with the test)
