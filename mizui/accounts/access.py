"""Every fetch of a tenant-owned object by id goes through an access_* helper here.

Each answers 404 both when the object does not exist and when it belongs to another authority, so ids
of other authorities cannot even be probed, and logs the access (or the denial) in the access log.
Later apps add their helpers here (STYLE.md §3).
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404, HttpRequest

from mizui.accounts.audit import log_access
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Membership, Passkey, TenantQuerySet

M = TypeVar("M", bound=models.Model)


def fetch_for_authority(request: StaffRequest, queryset: TenantQuerySet[M], pk: int, *, object_type: str) -> M:
    obj = queryset.for_authority(request.authority).filter(pk=pk).first()
    if obj is None:
        log_access(request, AccessAction.DENIED, object_type, pk)
        raise Http404
    log_access(request, AccessAction.VIEW, object_type, pk)
    return obj


def access_membership(request: StaffRequest, pk: int) -> Membership:
    return fetch_for_authority(request, Membership.objects.select_related("user"), pk, object_type="membership")


def access_passkey(request: HttpRequest, pk: int) -> Passkey:
    """One of the signed-in user's own passkeys; anyone else's is answered as missing."""
    passkey = Passkey.objects.filter(user_id=request.user.pk, pk=pk).first()
    if passkey is None:
        log_access(request, AccessAction.DENIED, "passkey", pk)  # seen by the managers of the current authority
        raise Http404
    return passkey
