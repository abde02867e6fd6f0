from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from mizui.accounts.audit import log_access
from mizui.accounts.http import MizuiRequest
from mizui.accounts.mfa import is_verified
from mizui.accounts.models import AccessAction, Role

ViewFunc = Callable[..., HttpResponse]


def mfa_required(view: ViewFunc) -> ViewFunc:
    """Logged in with a password *and* a second factor in this session."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not is_verified(request.user):
            return redirect(f"{reverse('accounts:mfa')}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapper


def staff_required(roles: Iterable[Role] | None = None) -> Callable[[ViewFunc], ViewFunc]:
    """MFA-verified, a member of the current authority, and (optionally) in one of `roles`.

    The view then receives a StaffRequest. A role outside `roles` gets 403 and an access-log denial; a
    user with no authority gets a page that says so. Objects of other authorities are answered with 404
    by the access_* helpers.
    """
    allowed = frozenset(roles) if roles is not None else None

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = cast(MizuiRequest, request).membership
            if membership is None:
                return render(request, "accounts/no_authority.html", status=403)
            if allowed is not None and membership.role not in allowed:
                page = request.resolver_match.view_name if request.resolver_match else ""
                log_access(request, AccessAction.DENIED, "page", page)
                return render(request, "accounts/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        return mfa_required(wrapper)

    return decorator
