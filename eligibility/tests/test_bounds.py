"""Facts life bounds: a regular-service soldier is young, a Holocaust survivor was born by 1946. An unanswered
question outside those bounds decides nothing, so no right stays "maybe" on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import eligibility

AS_OF = dt.date(2026, 6, 1)


def _screen(born: str, **facts: Any) -> dict[str, dict[str, Any]]:
    household = {
        "as_of": AS_OF.isoformat(),
        "members": [{"id": "p1", "role": "applicant", "birth_date": born, **facts}],
    }
    return {p["id"]: p for p in eligibility.screen(household)["programs"]}


def _asked(result: dict[str, dict[str, Any]], question: str) -> list[str]:
    return [pid for pid, p in result.items() if question in {m["id"] for m in p["missing"]}]


def test_nobody_past_the_ages_of_regular_service_is_asked_whether_they_serve() -> None:
    older = _screen("1990-05-10")
    assert older["arnona_soldier"]["status"] == "not_eligible"
    assert _asked(older, "person.soldier") == []
    young = _screen("2005-05-10")
    assert young["arnona_soldier"]["status"] == "maybe"
    assert "person.soldier" in {m["id"] for m in young["arnona_soldier"]["missing"]}
    assert _screen("2005-05-10", soldier=True)["arnona_soldier"]["status"] != "not_eligible"


def test_a_yes_past_the_ages_of_regular_service_is_a_career_or_reserve_soldier() -> None:
    assert _screen("1976-05-10", soldier=True)["arnona_soldier"]["status"] == "not_eligible"


def test_nobody_born_after_1946_is_asked_whether_they_survived_the_holocaust() -> None:
    assert _asked(_screen("1950-01-01"), "person.holocaust_survivor") == []
    assert _asked(_screen("1940-01-01"), "person.holocaust_survivor") != []
