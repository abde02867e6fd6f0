"""State changes and figures of community (STYLE.md §3). Other apps (outcomes) read the plain functions of
`reports`: `volunteer_hours(authority, start, end)` and `event_attribution(authority, start, end)`."""

from __future__ import annotations

from mizui.community.services.reports import (
    EventAttributionRow,
    Money,
    VolunteerHoursRow,
    event_attribution,
    volunteer_hours,
)
from mizui.community.services.training import CommunityError

__all__ = [
    "CommunityError",
    "EventAttributionRow",
    "Money",
    "VolunteerHoursRow",
    "event_attribution",
    "volunteer_hours",
]
