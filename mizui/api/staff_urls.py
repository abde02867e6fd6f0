"""The staff page for API keys, outside /api/v1/ (included at the site root by mizui/urls.py)."""

from __future__ import annotations

from django.urls import path

from mizui.api.views import tokens

app_name = "api-tokens"

urlpatterns = [
    path("staff/api-tokens/", tokens.token_list, name="list"),
    path("staff/api-tokens/<int:pk>/revoke/", tokens.token_revoke, name="revoke"),
]
