"""Writing the access log (Data Security Regulations reg. 10; reference/security-checklist.md §5.11)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest

from mizui.accounts.models import AccessAction, AccessLog, Authority, User
from mizui.lib.clientip import client_ip


def log_access(
    request: HttpRequest,
    action: AccessAction,
    object_type: str,
    object_id: object = "",
    *,
    user: User | None = None,
    authority: Authority | None | Literal["current"] = "current",
) -> None:
    """Queue an access-log entry for this request.

    TenantMiddleware writes the queue after the view returns, in the request's tenant transaction,
    so a denial still lands when the view's own transaction rolls back.
    """
    actor = user if user is not None else getattr(request, "user", None)
    entry = AccessLog(
        user=actor if actor is not None and actor.is_authenticated else None,
        authority=getattr(request, "authority", None) if authority == "current" else authority,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        request_id=getattr(request, "request_id", ""),
        ip=client_ip(request),
    )
    queue = getattr(request, "pending_access_log", None)
    if queue is None:
        entry.save()
    else:
        queue.append(entry)


def flush_access_log(request: HttpRequest) -> None:
    queue = getattr(request, "pending_access_log", None)
    if queue:
        AccessLog.objects.bulk_create(queue)
        queue.clear()


def record(
    *,
    actor: User | None,
    authority: Authority | None,
    action: AccessAction,
    object_type: str,
    object_id: object = "",
) -> AccessLog:
    """Write an entry outside a request (management commands, background tasks)."""
    return AccessLog.objects.create(
        user=actor, authority=authority, action=action, object_type=object_type, object_id=str(object_id)[:64]
    )
