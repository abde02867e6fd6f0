"""The manager's page for the authority's API keys: list, create (the key is shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mizui.accounts.access import fetch_for_authority
from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import TEAM_ADMIN_ROLES, AccessAction
from mizui.api.forms import ApiTokenForm
from mizui.api.models import ApiToken
from mizui.api.services import create_api_token, revoke_api_token


@require_http_methods(["GET", "POST"])
@staff_required(TEAM_ADMIN_ROLES)
def token_list(request: StaffRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        token, new_key = create_api_token(
            request.user,
            authority=request.authority,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            request=request,
        )
        # Rendered, not redirected: the secret must not travel through the session or a URL.
        form = ApiTokenForm()
    else:
        log_access(request, AccessAction.VIEW, "api_tokens", request.authority.pk)
    tokens = ApiToken.objects.for_authority(request.authority).select_related("created_by")
    context = {"form": form, "tokens": tokens, "new_key": new_key}
    return render(request, "api/tokens.html", context)


@require_POST
@staff_required(TEAM_ADMIN_ROLES)
def token_revoke(request: StaffRequest, pk: int) -> HttpResponse:
    token = fetch_for_authority(request, ApiToken.objects.all(), pk, object_type="api_token")
    revoke_api_token(request.user, token=token, request=request)
    messages.success(request, _("המפתח %(name)s בוטל ואינו פועל עוד.") % {"name": token.name})
    return redirect("api-tokens:list")
