"""Agencies answer: the staff's page of agency links (issue, revoke), and the agency's own page behind its signed
link (its barriers, counts across authorities as published, and the answer form)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.tenancy import set_db_tenant
from mizui.cases.models import BarrierKind
from mizui.cases.services.barriers import rights
from mizui.community.access import access_agency_link
from mizui.community.forms import AgencyAnswerForm, AgencyLinkForm
from mizui.community.models import AgencyLink
from mizui.community.services import agencies as service
from mizui.community.services.training import CommunityError
from mizui.community.views.volunteers import COMMUNITY_STAFF, _post
from mizui.directory.models import Organization

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def agency_links(request: StaffRequest) -> HttpResponse:
    """Issue a link to an agency's contact (shown once), and the links still working, with revoke buttons."""
    organizations = list(Organization.objects.order_by("name_he").values_list("pk", "name_he"))
    form = AgencyLinkForm(_post(request), organizations=organizations)
    issued = None
    if request.method == "POST" and form.is_valid():
        organization = Organization.objects.get(pk=form.cleaned_data["organization"])
        data = form.cleaned_data
        token = service.issue_link(
            request.user,
            request.authority,
            organization,
            contact=data["contact"],
            email=data["email"],
            absolute_url=request.build_absolute_uri,
        )
        issued = {
            "organization": organization,
            "url": request.build_absolute_uri(service.link_path(token)),
            "emailed": data["email"],
        }
        form = AgencyLinkForm(organizations=organizations)
    now = timezone.now()
    links = (
        AgencyLink.objects.for_authority(request.authority)
        .filter(revoked_at__isnull=True, expires_at__gt=now)
        .select_related("organization", "created_by")
        .order_by("organization__name_he")
    )
    log_access(request, AccessAction.VIEW, "agency_link_list")
    context = {"form": form, "links": links, "issued": issued, "tab": "agencies"}
    return render(request, "community/agency_links.html", context)


@require_POST
@staff_required(COMMUNITY_STAFF)
def agency_link_revoke(request: StaffRequest, pk: int) -> HttpResponse:
    link = access_agency_link(request, pk)
    try:
        service.revoke_link(request.user, link)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("הקישור בוטל. מי שיפתח אותו יראה שאינו בתוקף."))
    return redirect("community:agency-links")


# --- The agency's page, behind its signed link ------------------------------------------------------------


def _refuse(request: HttpRequest, *, status: int, title: str, text: str) -> HttpResponse:
    response = render(request, "community/agency_refused.html", {"title": title, "text": text}, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _open(request: HttpRequest, token: str) -> AgencyLink | HttpResponse:
    """The link a valid token names, with its authority as the tenant; else the page that refuses it. Every open
    and every refusal that names an authority is in the access log (no user: the link is the actor)."""
    try:
        claim = service.read_token(token)
    except service.LinkExpired:
        return _gone(request)
    except service.LinkInvalid:
        logger.warning("refused a tampered agency link (request %s)", getattr(request, "request_id", ""))
        return _invalid(request)
    set_db_tenant(authority_id=claim.authority_id, user_id=None)  # nobody is logged in: the link names the tenant
    try:
        link = service.find_link(claim)
    except service.LinkExpired:
        authority = Authority.objects.filter(pk=claim.authority_id).first()
        log_access(request, AccessAction.DENIED, "agency_link", claim.link_id, authority=authority)
        return _gone(request)
    except service.LinkInvalid:
        authority = Authority.objects.filter(pk=claim.authority_id).first()
        log_access(request, AccessAction.DENIED, "agency_link", claim.link_id, authority=authority)
        return _invalid(request)
    log_access(request, AccessAction.VIEW, "agency_link", link.pk, authority=link.authority)
    return link


def _gone(request: HttpRequest) -> HttpResponse:
    return _refuse(
        request,
        status=410,
        title=_("תוקף הקישור פג"),
        text=_("הקישור הזה כבר אינו בתוקף, או שהמרכז ביטל אותו. נא לפנות למרכז מיצוי הזכויות לקבלת קישור חדש."),
    )


def _invalid(request: HttpRequest) -> HttpResponse:
    return _refuse(
        request,
        status=403,
        title=_("הקישור אינו תקין"),
        text=_("לא ניתן לפתוח את הדף מהקישור הזה. ודאו שהעתקתם את כל הקישור מההודעה, או פנו למרכז."),
    )


def _kind_label(kind: str) -> str:
    return str(dict(BarrierKind.choices).get(kind, kind))


@require_http_methods(["GET", "POST"])
def agency_barriers(request: HttpRequest, token: str) -> HttpResponse:
    """The agency's page: its barriers in the authority that sent the link, its counts across authorities (k ≥ 10),
    and the answer form."""
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    link = opened
    lang = translation.get_language() or "he"
    programs = rights(lang)
    barriers = service.agency_barriers(link)
    rows: list[dict[str, Any]] = [
        {
            "b": b,
            "kind": _kind_label(b.kind),
            "right": programs[b.program][0] if b.program in programs else "—",
        }
        for b in barriers
    ]
    choices = [(b.pk, f"{_('חסם')} {b.pk} · {_kind_label(b.kind)} · {b.month:%m.%Y}") for b in barriers]
    form = AgencyAnswerForm(request.POST if request.method == "POST" else None, barriers=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answer = service.answer_barrier(
                link,
                data["barrier"],
                response=data["response"],
                commitment=data["commitment"],
                commit_by=data["commit_by"],
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            log_access(request, AccessAction.CREATE, "agency_answer", answer.pk, authority=link.authority)
            return _refuse(
                request,
                status=200,
                title=_("התשובה נשמרה"),
                text=_("תודה. התשובה תוצג בישיבת הפורום הבאה של המרכז. אפשר לחזור לקישור ולענות על חסמים נוספים."),
            )
    national = service.national_counts(link.organization)
    context = {
        "link": link,
        "rows": rows,
        "national": national,
        "national_rows": [
            (label, count) for (_kind, label), count in zip(national.kinds, national.counts, strict=True)
        ],
        "form": form,
    }
    response = render(request, "community/agency_barriers.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
