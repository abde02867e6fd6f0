"""Initiatives and the forum: events with attribution codes, partners attending, decisions, barrier evidence;
and the national round table (aggregates across authorities)."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Membership, Role
from mizui.cases.services.barriers import agency_labels
from mizui.community.access import access_commitment, access_initiative
from mizui.community.forms import CommitmentForm, InitiativeForm, PartnerForm, PeriodForm
from mizui.community.models import CaseStory, Commitment, Initiative, Kind, StoryStatus
from mizui.community.services import initiatives as service
from mizui.community.services.agencies import answers_per_ministry, forum_answers
from mizui.community.services.reports import attribution_of, event_attribution, round_table
from mizui.community.services.training import CommunityError
from mizui.community.views.volunteers import COMMUNITY_STAFF, _post
from mizui.directory.models import Organization
from mizui.lib.forms import error_text

READERS = COMMUNITY_STAFF | {Role.ANALYST}
NATIONAL_ROLES = frozenset({Role.NATIONAL, Role.ADMIN})


def _details(data: dict[str, Any], kind: str) -> service.Details:
    return service.Details(
        kind=Kind(kind),
        title=data["title"].strip(),
        held_on=data["held_on"],
        place=data["place"].strip(),
        audience=data["audience"].strip(),
        attendance=data["attendance"],
        materials=data["materials"].strip(),
        summary=data["summary"].strip(),
    )


def _organizations() -> list[tuple[int, str]]:
    return list(Organization.objects.order_by("name_he").values_list("pk", "name_he"))


def _staff(request: StaffRequest) -> list[tuple[int, str]]:
    members = (
        Membership.objects.for_authority(request.authority).active().exclude(role__in=[Role.TRUSTEE, Role.NATIONAL])
    )
    return [(m.user_id, m.user.full_name) for m in members.select_related("user").order_by("user__full_name")]


@require_GET
@staff_required(READERS)
def events(request: StaffRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    rows = [r for r in event_attribution(request.authority, start, end) if not kind or r.kind == kind]
    context = {
        "rows": rows,
        "kinds": Kind.choices,
        "kind": kind,
        "form": form,
        "start": start,
        "end": end,
        "tab": "events",
        "can_edit": request.membership.role in COMMUNITY_STAFF,
    }
    return render(request, "community/events.html", context)


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def event_new(request: StaffRequest) -> HttpResponse:
    form = InitiativeForm(_post(request), initial={"held_on": timezone.localdate(), "kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        try:
            item = service.create_initiative(
                request.user, request.authority, _details(form.cleaned_data, form.cleaned_data["kind"])
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("הפעילות נשמרה. קוד הייחוס: %(code)s") % {"code": item.code})
            return redirect("community:event", pk=item.pk)
    return render(request, "community/event_new.html", {"form": form})


def _help_link(request: StaffRequest, item: Initiative) -> str:
    path = f"{reverse('cases:help')}?{urlencode({'event': item.code})}"
    return f"{settings.SITE_ROOT.rstrip('/')}{path}"


@require_GET
@staff_required(READERS)
def event(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_initiative(request, pk)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "item": item,
        "partners": item.partners.select_related("organization").order_by("organization__name_he"),
        "can_edit": request.membership.role in COMMUNITY_STAFF,
    }
    if not item.is_forum:  # residents come from events; a forum meeting is the agencies' table
        link = _help_link(request, item)
        context["attribution"] = attribution_of(item)
        context["help_link"] = link
        context["qr"] = segno.make(link, error="m").svg_data_uri(scale=4, border=2)
        context["intake_url"] = f"{reverse('cases:inquiry-new')}?{urlencode({'event': item.code})}"
    if context["can_edit"]:
        initial = {name: getattr(item, name) for name in InitiativeForm.base_fields}
        context["edit_form"] = InitiativeForm(initial=initial, editing=True)
        context["partner_form"] = PartnerForm(organizations=_organizations())
    if item.is_forum:
        commitments = item.commitments.select_related("owner", "owner_organization").order_by("done_on", "due_on", "pk")
        context["commitments"] = [{"c": c, "overdue": c.is_overdue(today)} for c in commitments]
        context["period"] = service.evidence_period(item)
        context["evidence"] = item.barrier_evidence or None
        context["agency_answers"] = forum_answers(item)
        context["stories"] = (
            CaseStory.objects.for_authority(request.authority)
            .filter(meeting=item, status=StoryStatus.APPROVED)
            .order_by("approved_at", "pk")
        )
        if context["can_edit"]:
            context["commitment_form"] = CommitmentForm(
                staff=_staff(request), organizations=_organizations(), initial={"due_on": item.held_on}
            )
    return render(request, "community/event.html", context)


@require_POST
@staff_required(COMMUNITY_STAFF)
def event_edit(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_initiative(request, pk)
    form = InitiativeForm(request.POST, editing=True, initial={"kind": item.kind})
    if form.is_valid():
        service.update_initiative(request.user, item, _details(form.cleaned_data, item.kind))
        messages.success(request, _("הפעילות עודכנה."))
    else:
        messages.error(request, error_text(form))
    return redirect("community:event", pk=item.pk)


@require_POST
@staff_required(COMMUNITY_STAFF)
def event_partner(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_initiative(request, pk)
    form = PartnerForm(request.POST, organizations=_organizations())
    if form.is_valid():
        organization = Organization.objects.get(pk=form.cleaned_data["organization"])  # national directory row
        service.add_partner(request.user, item, organization, representative=form.cleaned_data["representative"])
        messages.success(request, _("הגוף השותף נוסף."))
    else:
        messages.error(request, error_text(form))
    return redirect("community:event", pk=item.pk)


@require_POST
@staff_required(COMMUNITY_STAFF)
def commitment_add(request: StaffRequest, pk: int) -> HttpResponse:
    meeting = access_initiative(request, pk)
    staff = _staff(request)
    form = CommitmentForm(request.POST, staff=staff, organizations=_organizations())
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("community:event", pk=meeting.pk)
    data = form.cleaned_data
    owner = (
        Membership.objects.for_authority(request.authority).filter(user_id=data["owner"]).first()
        if data["owner"]
        else None
    )
    organization = (
        Organization.objects.filter(pk=data["owner_organization"]).first() if data["owner_organization"] else None
    )
    try:
        service.add_commitment(
            request.user,
            meeting,
            text=data["text"],
            due_on=data["due_on"],
            owner=owner.user if owner else None,
            owner_organization=organization,
        )
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("ההחלטה נרשמה."))
    return redirect(f"{reverse('community:event', kwargs={'pk': meeting.pk})}#decisions")


@require_POST
@staff_required(COMMUNITY_STAFF)
def commitment_done(request: StaffRequest, pk: int) -> HttpResponse:
    commitment = access_commitment(request, pk)
    try:
        service.complete_commitment(request.user, commitment)
    except CommunityError as error:
        messages.error(request, str(error))
    if request.POST.get("back") == "forum":
        return redirect("community:forum")
    return redirect(f"{reverse('community:event', kwargs={'pk': commitment.meeting_id})}#decisions")


@require_POST
@staff_required(COMMUNITY_STAFF)
def event_evidence(request: StaffRequest, pk: int) -> HttpResponse:
    meeting = access_initiative(request, pk)
    try:
        evidence = service.attach_evidence(request.user, meeting, lang=translation.get_language() or "he")
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("צורפו נתוני חסמים: %(n)s חסמים בתקופה.") % {"n": evidence["total"]})
    return redirect(f"{reverse('community:event', kwargs={'pk': meeting.pk})}#evidence")


@require_GET
@staff_required(READERS)
def forum(request: StaffRequest) -> HttpResponse:
    """The forum's follow-up board: meetings, and every open commitment, overdue first."""
    today = timezone.localdate()
    meetings = Initiative.objects.for_authority(request.authority).filter(kind=Kind.FORUM).order_by("-held_on")
    open_items = (
        Commitment.objects.for_authority(request.authority)
        .open()
        .select_related("meeting", "owner", "owner_organization")
        .order_by("due_on", "pk")
    )
    context = {
        "meetings": meetings[:50],
        "commitments": [{"c": c, "overdue": c.is_overdue(today)} for c in open_items],
        "today": today,
        "tab": "forum",
        "can_edit": request.membership.role in COMMUNITY_STAFF,
    }
    return render(request, "community/forum.html", context)


@require_GET
@staff_required(NATIONAL_ROLES)
def roundtable(request: StaffRequest) -> HttpResponse:
    """The national round table: per authority and per agency, aggregates only, small cells suppressed."""
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    table = round_table(start, end, agency_labels(translation.get_language() or "he"))
    answers = answers_per_ministry(start, end)
    log_access(request, AccessAction.VIEW, "roundtable", f"{start}:{end}")
    return render(request, "community/roundtable.html", {"form": form, "table": table, "answers": answers})
