"""Authority API tokens: making keys, finding a key's token under row-level security, `authorize`.

A key is a random secret shown once; the database keeps its SHA-256 (`key_hash`) and its first 8
characters (`prefix`), so a leaked database does not leak working keys and a manager can still tell keys
apart. SHA-256 without a salt is enough here because the secret is 240 random bits, not a password.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from mizui.accounts.http import MizuiRequest
from mizui.accounts.ratelimit import allow, client_key
from mizui.accounts.tenancy import set_db_tenant
from mizui.api import errors
from mizui.api.models import ApiToken

PREFIX_LENGTH = 8
DEFAULT_ANON_RATE = 60  # requests a minute per client address, per operation
DEFAULT_TOKEN_RATE = 600  # requests a minute per token, per operation

View = Callable[..., HttpResponse]


class ApiRequest(MizuiRequest):
    """What `authorize` adds: the token's authority (None for anonymous callers) and the token."""

    api_token: ApiToken | None
    no_store: bool


class BadToken(Exception):
    pass


def new_key() -> str:
    """A random key whose prefix never starts with "-": staff type the prefix to revoke a key on the command line
    (`manage.py revoke_api_token PREFIX`), where a leading "-" reads as an option (1 key in 64 before)."""
    while (key := secrets.token_urlsafe(30)).startswith("-"):
        pass
    return key


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def bearer_key(request: HttpRequest) -> str | None:
    """The key from `Authorization: Bearer <key>`; None without the header; BadToken if it is malformed."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, key = header.partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key or len(key) > 200:
        raise BadToken
    return key


def find_token(key: str) -> ApiToken | None:
    """The unrevoked token for `key` of an active authority, read in the current transaction.

    Before the tenant is known, row-level security hides every token; the policy for this table also
    shows the one row whose hash equals `app.api_key_hash`, so the lookup sets that first.
    """
    digest = hash_key(key)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.api_key_hash', %s, true)", [digest])
    tokens = ApiToken.objects.active().filter(key_hash=digest, authority__is_active=True)
    return tokens.select_related("authority").first()


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.needs_touch(now):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def _rate_limit(request: HttpRequest, scope: str, token: ApiToken | None) -> HttpResponse | None:
    if token is None:
        key, limit = client_key(request), int(getattr(settings, "API_ANON_RATE", DEFAULT_ANON_RATE))
    else:
        key, limit = f"token-{token.pk}", int(getattr(settings, "API_TOKEN_RATE", DEFAULT_TOKEN_RATE))
    allowed, retry = allow(f"api-{scope}", key, limit=limit, window=60)
    if allowed:
        return None
    return errors.error_response(429, errors.RATE_LIMITED.format(retry=retry), headers={"Retry-After": str(retry)})


def authorize(scope: str) -> Callable[[View], View]:
    """Authenticate an optional `Authorization: Bearer` key, check its scope, rate-limit, set the tenant.

    Without a key the caller is anonymous: `request.authority` is None and the anonymous rate applies.
    A wrong, malformed or revoked key is 401, a key without `scope` 403, too many calls 429. With a valid
    key the rest of the request runs as the key's authority (row-level security included).
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            req = cast(ApiRequest, request)
            try:
                key = bearer_key(request)
                token = find_token(key) if key is not None else None
                if key is not None and token is None:
                    raise BadToken
            except BadToken:
                return errors.error_response(401, errors.UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
            if token is not None and not token.allows(scope):
                return errors.error_response(403, errors.FORBIDDEN)
            # A browser session (someone trying the docs page) does not make a call count for an authority.
            req.authority = token.authority if token is not None else None
            req.api_token = token
            if token is not None or request.user.is_authenticated:  # anonymous: no tenant was ever set
                set_db_tenant(authority_id=token.authority_id if token is not None else None, user_id=None)
            limited = _rate_limit(request, scope, token)
            if limited is not None:
                return limited
            if token is not None:
                _touch(token)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
