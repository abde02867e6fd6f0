from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from mizui.accounts.mfa import is_verified


def staff(request: HttpRequest) -> dict[str, object]:
    """The authority switcher and navigation need the user's memberships on every page."""
    verified = is_verified(getattr(request, "user", None))
    return {
        # The navigation appears only past the second factor.
        "show_staff_chrome": verified and getattr(request, "membership", None) is not None,
        "current_authority": getattr(request, "authority", None),
        "current_membership": getattr(request, "membership", None),
        "user_memberships": getattr(request, "memberships", []),
        "demo_mode": settings.MIZUI_DEMO,
    }
