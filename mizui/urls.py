from __future__ import annotations

from django.urls import include, path

from mizui.accounts.views import set_language
from mizui.errors import healthz

handler500 = "mizui.errors.server_error"

urlpatterns = [
    # First: API calls are the most frequent requests, and nothing else lives under api/v1/.
    path("api/v1/", include("mizui.api.urls")),
    path("", include("mizui.screening.urls")),
    path("", include("mizui.cases.urls")),
    path("", include("mizui.directory.urls")),
    path("", include("mizui.outcomes.urls")),
    path("", include("mizui.outreach.urls")),
    path("", include("mizui.community.urls")),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("mizui.accounts.urls")),
    path("", include("mizui.api.staff_urls")),
]
