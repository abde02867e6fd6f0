from __future__ import annotations

import time
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as set_browser_language

from mizui.accounts import activity, mfa, passkeys
from mizui.accounts.access import access_membership, access_passkey
from mizui.accounts.audit import log_access
from mizui.accounts.decorators import mfa_required, staff_required
from mizui.accounts.demo import DEMO_PASSWORD
from mizui.accounts.forms import LoginForm, NewPasskeyForm, PasskeyForm, SwitchAuthorityForm, TokenForm
from mizui.accounts.home import panels as home_panels
from mizui.accounts.http import StaffRequest
from mizui.accounts.middleware import AUTHORITY, LOGIN_AT
from mizui.accounts.models import TEAM_ADMIN_ROLES, AccessAction, AccessLog, Membership, Passkey, TOTPDevice, User
from mizui.accounts.services import choose_language, deactivate_membership, remember_session
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


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}" if next_url else reverse(name)


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
        target = "accounts:mfa" if mfa.has_second_factor(user) else "accounts:mfa-setup"
        response = HttpResponseRedirect(_with_next(target, _next_url(request, reverse("accounts:home"))))
        if user.preferred_language in dict(settings.LANGUAGES):
            # The language they chose, on this browser too, from the second factor on (StaffLanguageMiddleware).
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite="Lax",
            )
        return response
    context = {"form": form, "next": _next_url(request, "")}
    if settings.MIZUI_DEMO:
        context["demo_logins"] = _demo_logins()
        context["demo_password"] = DEMO_PASSWORD
    return render(request, "accounts/login.html", context)


def _passed(request: HttpRequest, user: User, device: mfa.Factor) -> HttpResponse:
    mfa.mark_verified(request, device)
    remember_session(request, user)
    return redirect(_next_url(request, reverse("accounts:home")))


def _reverify(request: HttpRequest, back: str) -> HttpResponse:
    """Changing second factors needs one passed in the last minutes (ASVS 7.5.1): back through the MFA page."""
    if mfa.is_verified(request.user):
        messages.info(request, _("לפני שינוי אמצעי האימות, אשרו שוב שזה אתם."))
    return redirect(_with_next("accounts:mfa", back))


def _held_message(held: mfa.Refusal) -> str:
    minutes = max(1, -(-held.seconds // 60))
    if held.account_wide:
        return ngettext(
            "היו ניסיונות רבים לנחש קוד לחשבון הזה, ולכן כניסה בקוד ממקום חדש מושהית. אפשר להיכנס עם מפתח גישה, ממקום שנכנסתם ממנו בעבר, או לנסות שוב בעוד דקה.",
            "היו ניסיונות רבים לנחש קוד לחשבון הזה, ולכן כניסה בקוד ממקום חדש מושהית. אפשר להיכנס עם מפתח גישה, ממקום שנכנסתם ממנו בעבר, או לנסות שוב בעוד %(minutes)d דקות.",
            minutes,
        ) % {"minutes": minutes}
    return ngettext(
        "הוקלדו כאן כמה קודים שגויים ברצף. אפשר לנסות שוב בעוד דקה.",
        "הוקלדו כאן כמה קודים שגויים ברצף. אפשר לנסות שוב בעוד %(minutes)d דקות.",
        minutes,
    ) % {"minutes": minutes}


def _mfa_page(request: HttpRequest, user: User, form: TokenForm, *, status: int = 200) -> HttpResponse:
    context: dict[str, object] = {"form": form, "next": _next_url(request, "")}
    if mfa.has_passkey(user) and passkeys.available(request):
        context["passkey_options"] = passkeys.authentication_options(request, user)
        context["passkey_form"] = PasskeyForm()
    return render(request, "accounts/mfa.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def mfa_view(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not mfa.has_second_factor(user):
        return redirect(_with_next("accounts:mfa-setup", _next_url(request, "")))
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        held = mfa.refusal(user, mfa.client_address(request))
        if held is not None:
            form.add_error("token", _held_message(held))
            return _mfa_page(request, user, form, status=429)
        device = mfa.verify_code(user, request, form.cleaned_data["token"])
        if device is not None:
            return _passed(request, user, device)
        log_access(request, AccessAction.DENIED, "mfa", user.pk, authority=None)
        form.add_error("token", _("הקוד שגוי או שפג תוקפו. נסו את הקוד החדש שמופיע באפליקציה."))
    return _mfa_page(request, user, form)


@require_POST
@login_required
def passkey_login(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = PasskeyForm(request.POST)
    try:
        if not form.is_valid():
            raise passkeys.PasskeyError("no answer from the browser")
        passkey = passkeys.authenticate(request, user, credential=form.cleaned_data["credential"])
    except passkeys.PasskeyError:
        log_access(request, AccessAction.DENIED, "passkey", user.pk, authority=None)
        messages.error(request, _("מפתח הגישה לא אומת. נסו שוב, או הקלידו קוד."))
        return redirect(_with_next("accounts:mfa", _next_url(request, "")))
    mfa.record_passkey_success(user, request)
    return _passed(request, user, passkey)


def _enrolled(request: HttpRequest, user: User, device: mfa.Factor, *, first: bool) -> HttpResponse:
    """A new factor: the first one verifies this session and comes with recovery codes, shown once."""
    if not first:
        messages.success(request, _("אמצעי האימות נוסף."))
        return redirect("accounts:security")
    mfa.mark_verified(request, device)
    remember_session(request, user)
    codes = mfa.new_recovery_codes(user)
    next_url = _next_url(request, reverse("accounts:home"))
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})


@require_http_methods(["GET", "POST"])
@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """The first second factor after the password, or another one later (from the security page)."""
    user = cast(User, request.user)
    first = not mfa.has_second_factor(user)
    if not first and not mfa.is_fresh(request):
        return _reverify(request, reverse("accounts:mfa-setup"))
    device = None if mfa.has_confirmed_totp(user) else mfa.pending_totp_device(user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and device is not None and form.is_valid():
        if mfa.confirm_totp_device(device, form.cleaned_data["token"]):
            log_access(request, AccessAction.CREATE, "mfa_device", device.pk, authority=None)
            return _enrolled(request, user, device, first=first)
        form.add_error("token", _("הקוד לא התאים. ודאו שהשעון בטלפון מכוון ונסו את הקוד החדש."))
    context: dict[str, object] = {"form": form, "first": first, "next": _next_url(request, "")}
    if device is not None:
        context |= {"qr": mfa.qr_data_uri(device), "key": mfa.manual_key(device)}
    if passkeys.available(request):
        context["passkey_options"] = passkeys.registration_options(request, user)
        context["passkey_form"] = NewPasskeyForm()
    return render(request, "accounts/mfa_setup.html", context)


@require_POST
@login_required
def passkey_register(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    first = not mfa.has_second_factor(user)
    if not first and not mfa.is_fresh(request):
        return _reverify(request, reverse("accounts:mfa-setup"))
    form = NewPasskeyForm(request.POST)
    try:
        if not form.is_valid():
            raise passkeys.PasskeyError("no answer from the browser")
        name = form.cleaned_data["name"] or _("מפתח גישה")
        passkey = passkeys.register(request, user, credential=form.cleaned_data["credential"], name=name)
    except passkeys.PasskeyError:
        messages.error(request, _("מפתח הגישה לא נשמר. נסו שוב, או השתמשו באפליקציית אימות."))
        return redirect(_with_next("accounts:mfa-setup", _next_url(request, "")))
    log_access(request, AccessAction.CREATE, "passkey", passkey.pk, authority=None)
    return _enrolled(request, user, passkey, first=first)


@require_GET
@mfa_required
def security(request: HttpRequest) -> HttpResponse:
    """The user's second factors: add, remove, new recovery codes. Opens only after a recent second factor."""
    user = cast(User, request.user)
    if not mfa.is_fresh(request):
        return _reverify(request, reverse("accounts:security"))
    context = {
        "totp": mfa.confirmed_totp(user),
        "passkeys": Passkey.objects.filter(user=user).order_by("created_at", "pk"),
        "recovery_codes_left": mfa.recovery_codes_left(user),
        "can_remove": mfa.factor_count(user) > 1,
    }
    return render(request, "accounts/security.html", context)


@require_POST
@mfa_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, only after a recent second factor (ASVS 7.5.1)."""
    user = cast(User, request.user)
    if not mfa.is_fresh(request):
        return _reverify(request, reverse("accounts:security"))
    log_access(request, AccessAction.UPDATE, "mfa_recovery_codes", user.pk, authority=None)
    codes = mfa.new_recovery_codes(user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:security")})


@require_POST
@mfa_required
def passkey_remove(request: HttpRequest, pk: int) -> HttpResponse:
    passkey = access_passkey(request, pk)
    if not mfa.is_fresh(request):
        return _reverify(request, reverse("accounts:security"))
    return _remove_factor(request, passkey, "passkey")


@require_POST
@mfa_required
def totp_remove(request: HttpRequest) -> HttpResponse:
    device = mfa.confirmed_totp(cast(User, request.user))
    if device is None or not mfa.is_fresh(request):
        return _reverify(request, reverse("accounts:security"))
    return _remove_factor(request, device, "mfa_device")


def _remove_factor(request: HttpRequest, device: TOTPDevice | Passkey, object_type: str) -> HttpResponse:
    # Everyone keeps at least one factor: every staff page needs one, administrators' above all.
    if mfa.factor_count(cast(User, request.user)) <= 1:
        messages.error(request, _("זה אמצעי האימות היחיד שלך. הוסיפו אמצעי אחר לפני שמסירים אותו."))
    else:
        log_access(request, AccessAction.UPDATE, object_type, device.pk, authority=None)
        device.delete()
        messages.success(request, _("אמצעי האימות הוסר."))
    return redirect("accounts:security")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        log_access(request, AccessAction.LOGOUT, "user", request.user.pk, authority=None)
    logout(request)
    return redirect("accounts:login")


@require_GET
@staff_required()
def home(request: StaffRequest) -> HttpResponse:
    """A worklist for the person's role, from the panels the apps provide (accounts/home.py)."""
    panels = [render_to_string(p.template, p.context, request=request) for p in home_panels(request)]
    context = {"panels": panels, "recovery_codes_left": mfa.recovery_codes_left(request.user)}
    return render(request, "accounts/home.html", context)


@require_GET
@staff_required()
def my_activity(request: StaffRequest) -> HttpResponse:
    """The person's own trail in words: their sign-ins and what they did in this authority."""
    user = request.user
    rows = AccessLog.objects.filter(Q(authority=request.authority) | Q(authority__isnull=True), user=user).order_by(
        "-at", "-pk"
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    entries = activity.in_words(request, list(page.object_list))
    return render(request, "accounts/my_activity.html", {"page": page, "entries": entries})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's language switch: this browser's language (Django's cookie), and, for a signed-in staff
    member, their own, kept for every browser they sign in from (StaffLanguageMiddleware)."""
    response = set_browser_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        choose_language(request.user, language=language)
    return response


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
        name = membership.authority.name(translation.get_language() or "he")[0]
        messages.success(request, _("עברת לעבוד ברשות: %(name)s") % {"name": name})
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


def _authority_log(request: StaffRequest) -> QuerySet[AccessLog]:
    """The current authority's access log, newest first: the page and the CSV show the same entries."""
    return AccessLog.objects.filter(authority=request.authority).select_related("user").order_by("-at", "-pk")


@require_GET
@staff_required(TEAM_ADMIN_ROLES)
def access_log(request: StaffRequest) -> HttpResponse:
    page = Paginator(_authority_log(request), ACCESS_LOG_PAGE).get_page(request.GET.get("page"))
    log_access(request, AccessAction.VIEW, "access_log", request.authority.pk)
    return render(request, "accounts/access_log.html", {"page": page})


@require_GET
@staff_required(TEAM_ADMIN_ROLES)
def access_log_csv(request: StaffRequest) -> HttpResponse:
    """The authority's whole access log as CSV, for the periodic review the privacy regulations require."""
    entries = _authority_log(request)
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
