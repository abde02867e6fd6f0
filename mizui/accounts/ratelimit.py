"""Rate limits for public pages and the API, counted in one place that every worker and machine shares.

- With `REDIS_URL` set, a fixed window per key in Redis (one INCR per request): the choice for production.
- Otherwise in the database (`RateLimitHit`): one row per counted request, counted over the window. Rows are only
  inserted, never updated, so two requests of one client never wait on each other's transaction; a refused request
  writes nothing, so a flood cannot grow the table past the limit. Each process deletes old rows every ten minutes.

Either way the count is shared: four gunicorn workers allow `limit` requests between them, not four times as many
(the per-process cache counted 216 anonymous API calls a minute against a limit of 60). Keys hash the client's
address (mizui/lib/clientip.py, behind the trusted proxy), so no store holds an IP address in clear.

A view opts in with `@rate_limited(scope, limit=…, window=…, methods=…)`; `methods` lets a form count submissions
and not page views.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from functools import cache, wraps
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from mizui.accounts.models import Authority, RateLimitHit
from mizui.lib.clientip import client_ip

logger = logging.getLogger(__name__)
OLDEST_WINDOW = dt.timedelta(hours=2)  # the longest window in use is an hour; rows older than this are deleted
SWEEP_SECONDS = 600  # each process deletes old rows at most this often (a clock that time travel does not move)
_next_sweep = [time.monotonic() + SWEEP_SECONDS]


def client_key(request: HttpRequest) -> str:
    address = client_ip(request) or ""
    return hashlib.sha256(address.encode()).hexdigest()[:24]


@cache
def _redis(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)


def allow(scope: str, key: str, *, limit: int, window: int) -> tuple[bool, int]:
    """Count one hit; return (allowed, seconds until the caller may try again)."""
    url = getattr(settings, "REDIS_URL", "")
    if url:
        import redis

        try:
            return _allow_redis(_redis(url), f"ratelimit:{scope}:{key}", limit=limit, window=window)
        except redis.RedisError:
            # Redis down must not take the screener down with it: the database keeps counting meanwhile.
            logger.warning("rate limit: Redis at REDIS_URL does not answer; counting in the database")
    return _allow_database(f"{scope}:{key}", limit=limit, window=window)


def _allow_redis(client: Any, key: str, *, limit: int, window: int) -> tuple[bool, int]:
    now = time.time()
    slot = int(now // window)
    bucket = f"{key}:{slot}"
    pipe = client.pipeline()
    pipe.incr(bucket)
    pipe.expire(bucket, window + 1)
    count, _ = pipe.execute()
    return int(count) <= limit, int((slot + 1) * window - now) + 1


def _allow_database(key: str, *, limit: int, window: int) -> tuple[bool, int]:
    now = timezone.now()
    since = now - dt.timedelta(seconds=window)
    # One round trip: record the hit only if the window holds fewer than `limit` (counted no further than that).
    table = connection.ops.quote_name(RateLimitHit._meta.db_table)
    insert = (
        f"INSERT INTO {table} (key, at) SELECT %s, %s WHERE ("  # noqa: S608 (the table name comes from the model)
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE key = %s AND at > %s LIMIT %s) AS hits) < %s RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(insert, [key, now, key, since, limit, limit])
        recorded = cursor.fetchone() is not None
    if recorded:
        if time.monotonic() >= _next_sweep[0]:
            _next_sweep[0] = time.monotonic() + SWEEP_SECONDS
            RateLimitHit.objects.filter(at__lt=now - OLDEST_WINDOW).delete()
        return True, 0
    first = RateLimitHit.objects.filter(key=key, at__gt=since).order_by("at").values_list("at", flat=True)[:1]
    oldest = first[0] if first else now
    return False, max(1, int((oldest - since).total_seconds()) + 1)


def refusal(request: HttpRequest, retry: int) -> HttpResponse:
    """The page for a refused request: when to try again, and the centers' phone numbers meanwhile."""
    lang = translation.get_language() or "he"
    centers = [
        {"name": a.name(lang), "phone": a.center_phone, "hours": a.center_hours}
        for a in Authority.objects.filter(is_active=True).exclude(center_phone="")
    ]
    response = render(request, "rate_limited.html", {"retry": retry, "centers": centers}, status=429)
    response["Retry-After"] = str(retry)
    return response


def rate_limited(
    scope: str, *, limit: int, window: int = 60, methods: Iterable[str] = ("GET", "HEAD", "POST")
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    counted = frozenset(methods)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in counted:
                allowed, retry = allow(scope, client_key(request), limit=limit, window=window)
                if not allowed:
                    return refusal(request, retry)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
