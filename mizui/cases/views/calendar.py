"""The deadline calendar: the person's own open tasks and appeal windows by date, and the iCal feed of the same at a
signed link a calendar app subscribes to without signing in (services/calendar.py)."""

from __future__ import annotations

from itertools import groupby
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction
from mizui.accounts.tenancy import set_db_tenant
from mizui.cases.models import CalendarFeed
from mizui.cases.services import calendar as service

# The new link is shown once, on the page after the POST that made it: only its hash is stored.
SESSION_LINK = "mizui.calendar_link"


class LinkForm(forms.Form):
    """The button that makes a new link (or stops the feed): no fields, the CSRF token and the shared form."""


@require_GET
@staff_required()
def calendar(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    items = service.entries(request.user, request.authority, today)
    overdue = [e for e in items if e.late_days]
    coming = [e for e in items if not e.late_days]
    days = [(day, list(group)) for day, group in groupby(coming, key=lambda e: e.on)]
    feed = CalendarFeed.objects.for_authority(request.authority).filter(user=request.user).first()
    token = request.session.pop(SESSION_LINK, None) if feed is not None else None
    link = request.build_absolute_uri(reverse("cases:calendar-feed", kwargs={"token": token})) if token else ""
    context: dict[str, Any] = {
        "today": today,
        "overdue": overdue,
        "days": days,
        "feed": feed,
        "link": link,
        "webcal": "webcal://" + link.split("://", 1)[1] if link else "",
        "form": LinkForm(),
    }
    response = render(request, "cases/calendar.html", context)
    if link:
        response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_required()
def calendar_link(request: StaffRequest) -> HttpResponse:
    """A new link to the person's feed; the one before stops working at once."""
    replaced = CalendarFeed.objects.for_authority(request.authority).filter(user=request.user).exists()
    request.session[SESSION_LINK] = service.new_link(request.user, request.authority)
    feed = CalendarFeed.objects.for_authority(request.authority).get(user=request.user)
    log_access(request, AccessAction.UPDATE if replaced else AccessAction.CREATE, "calendar_feed", feed.pk)
    if replaced:
        messages.success(request, _("נוצר קישור חדש. הקישור הקודם כבר לא עובד: עדכנו אותו ביומן שלכם."))
    else:
        messages.success(request, _("נוצר קישור ליומן. העתיקו אותו עכשיו: הוא מוצג פעם אחת בלבד."))
    return redirect("cases:calendar")


@require_POST
@staff_required()
def calendar_link_stop(request: StaffRequest) -> HttpResponse:
    """Stop the feed: the link answers 404 from now on."""
    request.session.pop(SESSION_LINK, None)
    feed = CalendarFeed.objects.for_authority(request.authority).filter(user=request.user).first()
    if feed is not None:
        log_access(request, AccessAction.UPDATE, "calendar_feed", feed.pk)
        service.stop_link(request.user, request.authority)
        messages.success(request, _("הקישור ליומן בוטל. יומן שנרשם אליו יפסיק להתעדכן."))
    return redirect("cases:calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCal feed: no account; the signed link is the key, and its authority is the tenant. A link that was
    tampered with, replaced or stopped, or of a person no longer in the authority, answers 404."""
    try:
        claim = service.read_token(token)
    except service.FeedInvalid:
        raise Http404 from None
    # TenantMiddleware opened the request's transaction without a tenant (no one is logged in).
    set_db_tenant(authority_id=claim.authority_id, user_id=None)
    try:
        feed = service.find_feed(claim)
    except service.FeedInvalid:
        raise Http404 from None
    person = feed.user
    log_access(request, AccessAction.VIEW, "calendar_feed", feed.pk, user=person, authority=feed.authority)
    with translation.override(person.preferred_language or "he"):
        items = service.entries(person, feed.authority, timezone.localdate())
        body = service.to_ical(
            items,
            calendar_name=_("מועדים · %(authority)s") % {"authority": feed.authority.name_he},
            host=urlsplit(str(settings.SITE_ROOT)).hostname or "mizui",
            now=timezone.now(),
            case_url=request.build_absolute_uri(reverse("cases:case", args=[0])).replace("/0/", "/{case}/"),
        )
    response = HttpResponse(body.encode(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mizui-deadlines.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
