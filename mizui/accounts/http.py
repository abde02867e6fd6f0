from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from mizui.accounts.models import AccessLog, Authority, Membership, User


class MizuiRequest(HttpRequest):
    """What our middleware adds to every request (for type checking only)."""

    htmx: HtmxDetails
    request_id: str
    authority: Authority | None
    membership: Membership | None
    memberships: list[Membership]
    pending_access_log: list[AccessLog]
    view_failed: bool  # set by TenantMiddleware.process_exception


class StaffRequest(MizuiRequest):
    """A request that passed `staff_required`: logged in, MFA-verified, a member of `authority`."""

    user: User
    authority: Authority
    membership: Membership
