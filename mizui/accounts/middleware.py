from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mizui.accounts.audit import flush_access_log
from mizui.accounts.http import MizuiRequest
from mizui.accounts.models import AccessLog, Membership
from mizui.accounts.tenancy import set_db_tenant

Handler = Callable[[HttpRequest], HttpResponse]

LOGIN_AT = "mizui_login_at"
AUTHORITY = "mizui_authority_id"


class RequestIdMiddleware:
    """Give every request an id that the access log and error reports share."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        cast(MizuiRequest, request).request_id = request_id
        response = self.get_response(request)
        response["X-Request-Id"] = request_id
        return response


class SessionLimitsMiddleware:
    """End a session 12 hours after login, however active it was (the idle limit is the cookie age)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            login_at = request.session.get(LOGIN_AT)
            if login_at is None or time.time() - float(login_at) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("פג תוקף ההתחברות. נא להתחבר מחדש."))
                return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        return self.get_response(request)


class StaffLanguageMiddleware:
    """Staff pages in the language the staff member chose (User.preferred_language, kept by the header's language
    switch), on any browser they sign in from. This browser's own choice (the language cookie, which the switch and
    the screener's first page set) comes first; with neither, the browser's Accept-Language, as LocaleMiddleware
    already chose. After AuthenticationMiddleware, which tells who the user is."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        chosen = getattr(user, "preferred_language", "") if user.is_authenticated else ""
        if chosen in dict(settings.LANGUAGES) and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Browser features no Mizui page uses are switched off for every page and anything it might embed."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreMiddleware:
    """No page a signed-in user sees may be kept by a browser or proxy cache (ASVS 14.3.2)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or getattr(request, "no_store", False):
            response["Cache-Control"] = "no-store, private"
        return response


class TenantMiddleware:
    """Resolve the user's current authority and run the request inside that tenant's transaction.

    The transaction wraps the view, so the PostgreSQL setting `app.authority_id` holds for every query
    the view makes, and the access log the view queued is written in the same transaction as its writes.
    A view that raises (a denial included) has its writes rolled back, and its queued entries are then
    written in a transaction of their own: what it read or was refused stays on record.
    An anonymous request sets nothing: a setting never set in the transaction reads as no tenant, as an
    empty one does (`rls.py`), and a request that never queries the database (an anonymous API
    screening) then costs no round trip beyond the connection's health check.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        req = cast(MizuiRequest, request)
        req.authority = None
        req.membership = None
        req.memberships = []
        req.pending_access_log = []
        nested = transaction.get_connection().in_atomic_block  # only in tests, inside each test's transaction
        with transaction.atomic():
            if request.user.is_authenticated:
                self._activate(req)
            elif nested:  # there a tenant set by an earlier request would still hold
                set_db_tenant(authority_id=None, user_id=None)
            # Django turns the view's exception into a response before it gets here: process_exception marks it.
            response = self.get_response(request)
            failed = getattr(request, "view_failed", False)
            if not failed:
                flush_access_log(request)
        if failed and req.pending_access_log:
            self._flush_alone(req)
        return response

    @staticmethod
    def _flush_alone(request: MizuiRequest) -> None:
        """Write the access log of a request whose transaction was rolled back, each entry as its authority.

        The view may have set the tenant itself (a partner's link names its authority only there).
        """
        entries = request.pending_access_log
        with transaction.atomic():
            # As the entry's own authority and user: an entry outside any authority (a user's own event) is
            # visible, and so may be written with RETURNING, only as that user (rls.py).
            for authority_id, user_id in dict.fromkeys((entry.authority_id, entry.user_id) for entry in entries):
                set_db_tenant(authority_id=authority_id, user_id=user_id)
                AccessLog.objects.bulk_create(
                    [e for e in entries if (e.authority_id, e.user_id) == (authority_id, user_id)]
                )
            set_db_tenant(authority_id=None, user_id=None)  # matters only nested, inside a test's transaction
        entries.clear()

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        cast(MizuiRequest, request).view_failed = True
        transaction.set_rollback(True)  # the tenant transaction: nothing the view wrote before it raised stays

    @staticmethod
    def _activate(request: MizuiRequest) -> None:
        user_id = cast(int, request.user.pk)
        set_db_tenant(authority_id=None, user_id=user_id)
        memberships = list(
            Membership.objects.active()
            .filter(user_id=user_id)
            .select_related("authority")
            .order_by("authority__name_he")
        )
        wanted = request.session.get(AUTHORITY)
        chosen = next((m for m in memberships if m.authority_id == wanted), memberships[0] if memberships else None)
        request.memberships = memberships
        if chosen is not None:
            request.membership = chosen
            request.authority = chosen.authority
            set_db_tenant(authority_id=chosen.authority_id, user_id=user_id)
