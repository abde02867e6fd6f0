from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import include, path
from django.views.decorators.http import require_GET
from django.views.i18n import set_language


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


@require_GET
def root(request: HttpRequest) -> HttpResponse:
    # The public screener takes "/" in the screening app; until then staff land on their home.
    return redirect("accounts:home")


urlpatterns = [
    path("", root, name="root"),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("mizui.accounts.urls")),
]
