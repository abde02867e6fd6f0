"""Issuing and revoking authority API keys; each writes the access log."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from mizui.accounts.audit import log_access, record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.api.auth import PREFIX_LENGTH, hash_key, new_key
from mizui.api.models import ApiToken, Scope


def _log(request: HttpRequest | None, actor: User | None, action: AccessAction, token: ApiToken) -> None:
    if request is not None:
        log_access(request, action, "api_token", token.pk)
    else:  # a management command
        record(actor=actor, authority=token.authority, action=action, object_type="api_token", object_id=token.pk)


def create_api_token(
    actor: User | None,
    *,
    authority: Authority,
    name: str,
    scopes: list[str],
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """A new key for `authority`. Returns the token and the secret, which is never stored or shown again."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValueError(f"unknown or no scopes: {sorted(unknown)}")
    key = new_key()
    with tenant_context(authority, actor), transaction.atomic():
        token = ApiToken.objects.create(
            authority=authority,
            name=name,
            key_hash=hash_key(key),
            prefix=key[:PREFIX_LENGTH],
            scopes=sorted(set(scopes)),
            created_by=actor,
        )
        _log(request, actor, AccessAction.CREATE, token)
    return token, key


def revoke_api_token(actor: User | None, *, token: ApiToken, request: HttpRequest | None = None) -> None:
    """Stop a key from working at once. Revoking twice keeps the first time."""
    with tenant_context(token.authority, actor), transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
        _log(request, actor, AccessAction.UPDATE, token)
