"""A fixed-window rate limit on Django's cache, for public pages and the API.

Keys hash the client address, so the cache never holds an IP address in clear.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mizui.lib.clientip import client_ip


def client_key(request: HttpRequest) -> str:
    address = client_ip(request) or ""
    return hashlib.sha256(address.encode()).hexdigest()[:24]


def allow(scope: str, key: str, *, limit: int, window: int) -> tuple[bool, int]:
    """Count one hit; return (allowed, seconds until the window resets)."""
    now = time.time()
    slot = int(now // window)
    bucket = f"ratelimit:{scope}:{key}:{slot}"
    cache.add(bucket, 0, window + 1)
    try:
        count = cache.incr(bucket)
    except ValueError:  # the bucket expired between add and incr
        cache.set(bucket, 1, window + 1)
        count = 1
    return count <= limit, int((slot + 1) * window - now) + 1


def rate_limited(
    scope: str, *, limit: int, window: int = 60
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            allowed, retry = allow(scope, client_key(request), limit=limit, window=window)
            if not allowed:
                response = render(request, "rate_limited.html", {"retry": retry}, status=429)
                response["Retry-After"] = str(retry)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
