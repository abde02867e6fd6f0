from __future__ import annotations

import time
from typing import cast

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from mizui.accounts import mfa
from mizui.accounts.access import access_membership
from mizui.accounts.audit import log_access
from mizui.accounts.decorators import mfa_required, staff_required
from mizui.accounts.demo import DEMO_PASSWORD
from mizui.accounts.forms import LoginForm, SwitchAuthorityForm, TokenForm
from mizui.accounts.http import StaffRequest
from mizui.accounts.middleware import AUTHORITY, LOGIN_AT
from mizui.accounts.models import TEAM_ADMIN_ROLES, AccessAction, AccessLog, Membership, User
from mizui.accounts.services import deactivate_membership, remember_session
from mizui.accounts.tenancy import set_db_tenant
from mizui.lib import spreadsheet

ACCESS_LOG_PAGE = 50


def _next_url(request: HttpRequest, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    return default


def _demo_logins() -> list[dict[str, str]]:
    """The demo page lists who can log in and the code their authenticator would show now."""
    devices = TOTPDevice.objects.filter(confirmed=True, user__email__endswith=".demo").select_related("user")
    return [
        {"email": d.user.email, "name": d.user.full_name, "code": mfa.current_code(d)}
        for d in devices.order_by("user__email")
    ]


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and mfa.is_verified(request.user):
        return redirect(_next_url(request, reverse("accounts:home")))
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        request.session[LOGIN_AT] = time.time()
        remember_session(request, user)
        target = "accounts:mfa" if mfa.has_confirmed_totp(user) else "accounts:mfa-setup"
        query = urlencode({"next": _next_url(request, reverse("accounts:home"))})
        return HttpResponseRedirect(f"{reverse(target)}?{query}")
    context = {"form": form, "next": _next_url(request, "")}
    if settings.MIZUI_DEMO:
        context["demo_logins"] = _demo_logins()
        context["demo_password"] = DEMO_PASSWORD
    return render(request, "accounts/login.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def mfa_view(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not mfa.has_confirmed_totp(user):
        return redirect("accounts:mfa-setup")
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            request.session.cycle_key()
            remember_session(request, user)
            return redirect(_next_url(request, reverse("accounts:home")))
        form.add_error("token", _("הקוד שגוי או שפג תוקפו. נסו את הקוד החדש שמופיע באפליקציה."))
    return render(request, "accounts/mfa.html", {"form": form, "next": _next_url(request, "")})


@require_http_methods(["GET", "POST"])
@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if mfa.has_confirmed_totp(user):
        return redirect("accounts:mfa")
    device = mfa.pending_totp_device(user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if mfa.confirm_totp_device(device, form.cleaned_data["token"]):
            django_otp.login(request, device)
            request.session.cycle_key()
            remember_session(request, user)
            codes = mfa.new_recovery_codes(user)
            log_access(request, AccessAction.CREATE, "mfa_device", device.pk)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request, reverse("accounts:home"))},
            )
        form.add_error("token", _("הקוד לא התאים. ודאו שהשעון בטלפון מכוון ונסו את הקוד החדש."))
    context = {
        "form": form,
        "qr": mfa.qr_data_uri(device),
        "key": mfa.manual_key(device),
        "next": _next_url(request, ""),
    }
    return render(request, "accounts/mfa_setup.html", context)


@require_POST
@mfa_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, only after a fresh code from the authenticator (ASVS 7.5.1)."""
    user = cast(User, request.user)
    form = TokenForm(request.POST)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if not form.is_valid() or device is None or not device.verify_token(form.cleaned_data["token"]):
        messages.error(request, _("כדי להפיק קודי שחזור חדשים יש להקליד קוד נוכחי מאפליקציית האימות."))
        return redirect("accounts:home")
    log_access(request, AccessAction.UPDATE, "mfa_recovery_codes", user.pk)
    codes = mfa.new_recovery_codes(user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:home")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        log_access(request, AccessAction.LOGOUT, "user", request.user.pk, authority=None)
    logout(request)
    return redirect("accounts:login")


@require_GET
@staff_required()
def home(request: StaffRequest) -> HttpResponse:
    user = request.user
    # Their own sign-ins (no authority) and what they did in this authority.
    recent = (
        AccessLog.objects.filter(Q(authority=request.authority) | Q(authority__isnull=True), user=user)
        .select_related("user")
        .order_by("-at", "-pk")[:8]
    )
    context = {
        "team_size": Membership.objects.for_authority(request.authority).active().count(),
        "recent_access": list(recent),
        "recovery_codes_left": mfa.recovery_codes_left(user),
        "can_manage_team": request.membership.role in TEAM_ADMIN_ROLES,
    }
    return render(request, "accounts/home.html", context)


@require_POST
@staff_required()
def switch_authority(request: StaffRequest) -> HttpResponse:
    form = SwitchAuthorityForm(request.POST)
    slug = form.cleaned_data["authority"] if form.is_valid() else ""
    membership = next((m for m in request.memberships if m.authority.slug == slug), None)
    if membership is None:
        log_access(request, AccessAction.DENIED, "authority", slug)
        messages.error(request, _("אין לך הרשאה ברשות הזו."))
    else:
        request.session[AUTHORITY] = membership.authority_id
        set_db_tenant(authority_id=membership.authority_id, user_id=request.user.pk)
        log_access(request, AccessAction.VIEW, "authority", membership.authority_id, authority=membership.authority)
        messages.success(request, _("עברת לעבוד ברשות: %(name)s") % {"name": membership.authority.name_he})
    return redirect("accounts:home")


@require_GET
@staff_required(TEAM_ADMIN_ROLES)
def team(request: StaffRequest) -> HttpResponse:
    members = (
        Membership.objects.for_authority(request.authority)
        .select_related("user")
        .order_by("-is_active", "user__full_name")
    )
    log_access(request, AccessAction.VIEW, "team", request.authority.pk)
    return render(request, "accounts/team.html", {"members": members})


@require_GET
@staff_required(TEAM_ADMIN_ROLES)
def member(request: StaffRequest, pk: int) -> HttpResponse:
    membership = access_membership(request, pk)
    activity = AccessLog.objects.filter(user=membership.user, authority=request.authority).order_by("-at")[:20]
    return render(request, "accounts/member.html", {"member": membership, "activity": list(activity)})


@require_POST
@staff_required(TEAM_ADMIN_ROLES)
def member_deactivate(request: StaffRequest, pk: int) -> HttpResponse:
    membership = access_membership(request, pk)
    if membership.user_id == request.user.pk:
        messages.error(request, _("אי אפשר להשבית את עצמך."))
    else:
        deactivate_membership(request, request.user, membership=membership)
        messages.success(
            request, _("%(name)s הושבת/ה ברשות וכל החיבורים שלו/ה נותקו.") % {"name": membership.user.full_name}
        )
    return redirect("accounts:member", pk=membership.pk)


@require_GET
@staff_required(TEAM_ADMIN_ROLES)
def access_log(request: StaffRequest) -> HttpResponse:
    entries = AccessLog.objects.filter(authority=request.authority).select_related("user").order_by("-at", "-pk")
    page = Paginator(entries, ACCESS_LOG_PAGE).get_page(request.GET.get("page"))
    log_access(request, AccessAction.VIEW, "access_log", request.authority.pk)
    return render(request, "accounts/access_log.html", {"page": page})


@require_GET
@staff_required(TEAM_ADMIN_ROLES)
def access_log_csv(request: StaffRequest) -> HttpResponse:
    """The authority's whole access log as CSV, for the periodic review the privacy regulations require."""
    entries = AccessLog.objects.filter(authority=request.authority).select_related("user").order_by("-at", "-pk")
    rows: list[list[object]] = [[_("מתי"), _("מי"), _("דוא״ל"), _("פעולה"), _("סוג"), _("מזהה"), _("בקשה"), _("כתובת")]]
    rows += [
        [
            timezone.localtime(e.at).isoformat(timespec="seconds"),
            e.user.full_name if e.user else "",
            e.user.email if e.user else "",
            e.get_action_display(),
            e.object_type,
            e.object_id,
            e.request_id,
            e.ip or "",
        ]
        for e in entries.iterator()
    ]
    log_access(request, AccessAction.EXPORT, "access_log", request.authority.pk)
    response = HttpResponse(spreadsheet.csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mizui-access-log.csv"'
    return response
