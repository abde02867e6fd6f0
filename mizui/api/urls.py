"""/api/v1/: the django-ninja operations, the OpenAPI schema and its docs page.

Every answer under this prefix is JSON, errors included: django-ninja's own 405 and 404 are rewritten
into `{"error": ...}`, and a last pattern answers any other path with a JSON 404. The staff page that
manages keys lives at /staff/api-tokens/ (staff_urls.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, re_path

from mizui.api import errors
from mizui.api.api import api

app_name = "api"


def json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)  # keeps csrf_exempt: API calls carry a key, not a session cookie
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return errors.error_response(404, errors.NOT_FOUND)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            return errors.error_response(405, errors.NOT_ALLOWED, headers={"Allow": response.get("Allow", "")})
        return response

    return wrapper


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return errors.error_response(404, errors.NOT_FOUND)


def _json_errors(pattern: Any) -> Any:
    if isinstance(pattern, URLPattern):
        return URLPattern(pattern.pattern, json_errors(pattern.callback), pattern.default_args, pattern.name)
    return pattern


urlpatterns = [_json_errors(p) for p in api.urls[0]]
urlpatterns.append(re_path(r"^(?P<rest>.*)$", not_found))
