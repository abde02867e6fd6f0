"""The address of the person making a request, as the rate limits, the login lockout and the access log see it.

Behind a reverse proxy (docs/deployment.md) `REMOTE_ADDR` is the proxy: every resident of a city would share one
address, so one person could lock the whole city out of the help form. The proxy adds the address it received
the request from to `X-Forwarded-For`. With `TRUSTED_PROXY_COUNT` = N proxies in front of Mizui, the client is the
N-th address from the end of that header; anything further left was written by the client and is not trusted.
With N = 0 (no proxy, the default) the header is ignored, so nobody can choose their own address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through all of them (or a proxy is misconfigured).
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
