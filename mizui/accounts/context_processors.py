from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def staff(request: HttpRequest) -> dict[str, object]:
    """The authority switcher and navigation need the user's memberships on every page."""
    return {
        "current_authority": getattr(request, "authority", None),
        "current_membership": getattr(request, "membership", None),
        "user_memberships": getattr(request, "memberships", []),
        "demo_mode": settings.MIZUI_DEMO,
    }
