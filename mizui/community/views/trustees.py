"""Rights trustees: the staff's list (recruitment, training, leads), and the trustee's own leads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Membership, Role
from mizui.cases import event_codes
from mizui.cases.models import ConsentMethod
from mizui.community.access import access_lead, access_trustee, own_trustee
from mizui.community.forms import LeadForm, TrainingForm, TrusteeForm, TrusteeStatusForm
from mizui.community.models import (
    LANGUAGES,
    TRUSTEE_COURSES,
    Course,
    Initiative,
    RecruitedVia,
    Recruitment,
    RightsTrustee,
    TrainingCompletion,
)
from mizui.community.services import trustees as service
from mizui.community.services.training import CommunityError, courses_done, record_training
from mizui.community.views.volunteers import COMMUNITY_STAFF, _labels, _post
from mizui.lib.forms import error_text

TRUSTEE_COURSE_CHOICES = [(c.value, c.label) for c in Course if c in TRUSTEE_COURSES]


def _trustee_members(request: StaffRequest) -> list[tuple[int, str]]:
    members = (
        Membership.objects.for_authority(request.authority)
        .active()
        .filter(role=Role.TRUSTEE, trustee_profile__isnull=True)
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(m.pk, m.user.full_name) for m in members]


def _events(request: StaffRequest) -> list[tuple[int, str]]:
    rows = Initiative.objects.for_authority(request.authority).order_by("-held_on")[:50]
    return [(i.pk, f"{i.title} ({i.held_on:%d.%m.%Y})") for i in rows]


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def trustees(request: StaffRequest) -> HttpResponse:
    members = _trustee_members(request)
    form = TrusteeForm(
        _post(request), members=members, events=_events(request), initial={"recruited_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = Membership.objects.for_authority(request.authority).get(pk=data["membership"])
        event = Initiative.objects.for_authority(request.authority).filter(pk=data["recruited_at"]).first()
        try:
            trustee = service.register_trustee(
                request.user,
                membership,
                neighbourhood=data["neighbourhood"],
                languages=data["languages"],
                recruited_via=RecruitedVia(data["recruited_via"]),
                recruited_on=data["recruited_on"],
                recruited_at=event,
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("הנאמן/ת נרשם/ה."))
            return redirect("community:trustee", pk=trustee.pk)
    rows = list(
        RightsTrustee.objects.for_authority(request.authority)
        .select_related("membership__user")
        .order_by("status", "membership__user__full_name")
    )
    counts = service.lead_counts(rows)
    listing = [
        {
            "trustee": t,
            "languages": _labels(t.languages, LANGUAGES),
            "leads": counts[t.pk],
            "total": sum(counts[t.pk].values()),
        }
        for t in rows
    ]
    pipeline = {status.label: sum(t.status == status for t in rows) for status in Recruitment}
    log_access(request, AccessAction.VIEW, "trustee_list")
    return render(
        request,
        "community/trustees.html",
        {"rows": listing, "form": form if members else None, "pipeline": pipeline, "tab": "trustees"},
    )


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def trustee(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_trustee(request, pk)
    form = TrusteeStatusForm(_post(request), initial={"status": item.status})
    if request.method == "POST" and form.is_valid():
        try:
            service.set_status(request.user, item, Recruitment(form.cleaned_data["status"]))
        except CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("השלב עודכן."))
        return redirect("community:trustee", pk=item.pk)
    done = courses_done(item.membership)
    leads = service.leads_of(item)
    context = {
        "trustee": item,
        "languages": _labels(item.languages, LANGUAGES),
        "form": form,
        "trainings": TrainingCompletion.objects.filter(membership=item.membership).order_by("completed_on"),
        "missing_courses": [c.label for c in Course if c in TRUSTEE_COURSES and c not in done],
        "training_form": TrainingForm(courses=TRUSTEE_COURSE_CHOICES, initial={"completed_on": timezone.localdate()}),
        "leads": leads,
    }
    return render(request, "community/trustee.html", context)


@require_POST
@staff_required(COMMUNITY_STAFF)
def trustee_training(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_trustee(request, pk)
    form = TrainingForm(request.POST, courses=TRUSTEE_COURSE_CHOICES)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("community:trustee", pk=item.pk)
    data = form.cleaned_data
    try:
        record_training(
            request.user,
            item.membership,
            course=Course(data["course"]),
            completed_on=data["completed_on"],
            trainer=data["trainer"],
        )
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("ההכשרה נרשמה."))
    return redirect("community:trustee", pk=item.pk)


def _lead_form(request: StaffRequest) -> LeadForm:
    return LeadForm(
        _post(request),
        event_codes=event_codes.choices(request.authority) or [],
        initial={"preferred_language": "he", "consent_method": ConsentMethod.VERBAL},
    )


@require_http_methods(["GET", "POST"])
@staff_required([Role.TRUSTEE])
def leads(request: StaffRequest) -> HttpResponse:
    """A trustee's own page: register a neighbour (with consent) and follow each lead's coarse status."""
    item = own_trustee(request)
    form = _lead_form(request)
    if item is not None and request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            service.register_lead(
                request.user,
                item,
                full_name=data["full_name"],
                phone=data["phone"],
                language=data["preferred_language"],
                need=data["need"],
                consent_method=ConsentMethod(data["consent_method"]),
                event_code=data["event_code"],
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("הפרטים נמסרו למרכז. צוות המרכז יחזור לשכן/ה."))
            return redirect("community:leads")
    context = {
        "trustee": item,
        "form": form if item is not None and item.status == Recruitment.ACTIVE else None,
        "leads": service.leads_of(item) if item is not None else [],
    }
    log_access(request, AccessAction.VIEW, "lead_list")
    return render(request, "community/leads.html", context)


@require_GET
@staff_required([*COMMUNITY_STAFF, Role.TRUSTEE])
def lead(request: StaffRequest, pk: int) -> HttpResponse:
    """A trustee sees the coarse status of their own lead (404 for anyone else's); staff go to the inquiry."""
    item = access_lead(request, pk)
    if request.membership.role != Role.TRUSTEE:
        return redirect("cases:inquiry", pk=item.inquiry_id)
    return render(request, "community/lead.html", {"lead": service.lead_row(item)})
