from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from mizui.accounts.mfa import is_verified

# (url name, label, roles that see it); None = every member. Apps add their pages here.
NAV: list[tuple[str, Any, frozenset[str] | None]] = [
    ("accounts:home", _("ראשי"), None),
    ("cases:queues", _("תורי עבודה"), frozenset({"manager", "lawyer", "coordinator", "volunteer", "admin"})),
    ("cases:inquiries", _("פניות"), frozenset({"manager", "lawyer", "coordinator", "admin"})),
    ("cases:search", _("חיפוש תושבים"), frozenset({"manager", "lawyer", "coordinator", "admin"})),
    ("cases:barriers", _("חסמים"), frozenset({"manager", "lawyer", "coordinator", "analyst", "admin"})),
    ("cases:partners", _("גופים שותפים"), frozenset({"manager", "lawyer", "coordinator", "analyst", "admin"})),
    ("community:me", _("הפעילות שלי"), frozenset({"volunteer"})),
    ("community:leads", _("השכנים שהפניתי"), frozenset({"trustee"})),
    ("community:volunteers", _("מתנדבים ונאמנים"), frozenset({"manager", "lawyer", "coordinator", "admin"})),
    (
        "community:events",
        _("פעילות קהילתית ופורום"),
        frozenset({"manager", "lawyer", "coordinator", "analyst", "admin"}),
    ),
    ("community:roundtable", _("שולחן עגול ארצי"), frozenset({"national", "admin"})),
    ("outreach:index", _("איתור יזום"), frozenset({"manager", "lawyer", "coordinator", "analyst"})),
    ("outcomes:dashboard", _("מדדים"), frozenset({"manager", "lawyer", "coordinator", "analyst", "admin"})),
    ("outcomes:national", _("תמונה ארצית"), frozenset({"national"})),
    ("directory:index", _("מדריך שירותים"), None),
    ("accounts:team", _("צוות"), frozenset({"manager", "admin"})),
    ("accounts:access-log", _("יומן גישה"), frozenset({"manager", "admin"})),
    ("api-tokens:list", _("מפתחות API"), frozenset({"manager", "admin"})),
]


def nav_items(request: HttpRequest, role: str) -> list[dict[str, Any]]:
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for name, label, roles in NAV:
        if roles is not None and role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # an app that is not installed in this deployment
            continue
        items.append({"url": url, "label": label, "current": name == current})
    return items


def staff(request: HttpRequest) -> dict[str, object]:
    """The authority switcher and navigation need the user's memberships on every page."""
    verified = is_verified(getattr(request, "user", None))
    membership = getattr(request, "membership", None)
    return {
        # The navigation appears only past the second factor.
        "show_staff_chrome": verified and getattr(request, "membership", None) is not None,
        "nav_items": nav_items(request, membership.role) if verified and membership is not None else [],
        "current_authority": getattr(request, "authority", None),
        "current_membership": getattr(request, "membership", None),
        "user_memberships": getattr(request, "memberships", []),
        "demo_mode": settings.MIZUI_DEMO,
    }
