"""Supervision (הנחיה) and quality review (בקרת איכות): the coordinator's page of who is due with the session form,
a session, the center's checklist, reviewing a volunteer's case, a review (the volunteer reads their own)."""

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
from mizui.cases.models import Case
from mizui.community.access import access_checklist_item, access_review, access_session, access_volunteer
from mizui.community.forms import ChecklistEditForm, ChecklistItemForm, ReviewForm, SessionForm
from mizui.community.models import (
    REVIEW_EVERY_DAYS,
    SUPERVISION_EVERY_DAYS,
    ChecklistItem,
    SupervisionSession,
    Volunteer,
)
from mizui.community.services import supervision as service
from mizui.community.services.training import CommunityError
from mizui.community.views.volunteers import COMMUNITY_STAFF, _post, topic_labels


def _supervisors(request: StaffRequest) -> list[tuple[int, str]]:
    members = (
        Membership.objects.for_authority(request.authority)
        .active()
        .filter(role__in=COMMUNITY_STAFF)
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(m.user_id, m.user.full_name) for m in members]


def _case_label(case: Case) -> str:
    return f"{_('תיק')} {case.pk} · {case.topic}"


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def supervision(request: StaffRequest) -> HttpResponse:
    """Who is due for supervision or review, recording a session, the latest sessions."""
    active = list(
        Volunteer.objects.for_authority(request.authority)
        .filter(is_active=True)
        .select_related("membership__user")
        .order_by("membership__user__full_name")
    )
    by_pk = {v.pk: v for v in active}
    cases = {
        c.pk: c
        for c in Case.objects.for_authority(request.authority)
        .filter(volunteer__in=[v.membership.user_id for v in active])
        .order_by("-pk")
    }
    form = SessionForm(
        _post(request),
        initial={"held_on": timezone.localdate(), "supervisor": request.user.pk},
        supervisors=_supervisors(request),
        volunteers=[(v.pk, v.user.full_name) for v in active],
        cases=[(pk, _case_label(c)) for pk, c in cases.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        supervisor = (
            Membership.objects.for_authority(request.authority).select_related("user").get(user=data["supervisor"]).user
        )
        try:
            session = service.record_session(
                request.user,
                request.authority,
                supervisor=supervisor,
                held_on=data["held_on"],
                volunteers=[by_pk[pk] for pk in data["volunteers"]],
                topics=data["topics"],
                cases=[cases[pk] for pk in data.get("cases") or []],
                notes=data["notes"],
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("מפגש ההנחיה נרשם."))
            return redirect("community:supervision-session", pk=session.pk)
    sessions = (
        SupervisionSession.objects.for_authority(request.authority)
        .select_related("supervisor")
        .prefetch_related("volunteers__membership__user")
        .order_by("-held_on", "-pk")[:20]
    )
    log_access(request, AccessAction.VIEW, "supervision_list")
    context = {
        "due": service.due_list(request.authority),
        "form": form,
        "sessions": [(s, topic_labels(s.topics)) for s in sessions],
        "supervision_days": SUPERVISION_EVERY_DAYS,
        "review_days": REVIEW_EVERY_DAYS,
        "tab": "supervision",
    }
    return render(request, "community/supervision.html", context)


@require_GET
@staff_required(COMMUNITY_STAFF)
def session(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_session(request, pk)
    context = {
        "session": item,
        "topics": topic_labels(item.topics),
        "volunteers": item.volunteers.select_related("membership__user").order_by("membership__user__full_name"),
        "cases": item.cases.order_by("pk"),
    }
    return render(request, "community/supervision_session.html", context)


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def checklist(request: StaffRequest) -> HttpResponse:
    """The center's quality checklist: add an item, or start from the suggested ones."""
    form = ChecklistItemForm(request.POST if request.method == "POST" and "suggested" not in request.POST else None)
    if request.method == "POST":
        try:
            if "suggested" in request.POST:
                service.add_suggested(request.user, request.authority)
                messages.success(request, _("הסעיפים המוצעים נוספו. אפשר לערוך אותם."))
                return redirect("community:checklist")
            if form.is_valid():
                service.add_item(request.user, request.authority, form.cleaned_data["text"])
                messages.success(request, _("הסעיף נוסף."))
                return redirect("community:checklist")
        except CommunityError as error:
            messages.error(request, str(error))
            return redirect("community:checklist")
    items = ChecklistItem.objects.for_authority(request.authority).order_by("retired_on", "position", "pk")
    return render(
        request, "community/checklist.html", {"form": form, "items": items, "empty": not items, "tab": "checklist"}
    )


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def checklist_item(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_checklist_item(request, pk)
    form = ChecklistEditForm(_post(request), initial={"text": item.text})
    if item.retired_on is not None:
        del form.fields["retire"]
    if request.method == "POST" and form.is_valid():
        try:
            service.edit_item(
                request.user, item, text=form.cleaned_data["text"], retire=form.cleaned_data.get("retire", False)
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("הסעיף עודכן."))
            return redirect("community:checklist")
    return render(request, "community/checklist_item.html", {"item": item, "form": form})


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def volunteer_review(request: StaffRequest, pk: int) -> HttpResponse:
    """Review one of the volunteer's cases against the checklist; the sample is offered first."""
    volunteer = access_volunteer(request, pk)
    cases = service.volunteer_cases(volunteer)
    sample = service.review_sample(volunteer)
    sampled = {c.pk for c in sample}
    choices: list[tuple[Any, Any]] = [("", "—")]
    choices += [(c.pk, f"{_case_label(c)} · {_('במדגם')}") for c in sample]
    choices += [(c.pk, _case_label(c)) for c in cases if c.pk not in sampled]
    items = list(ChecklistItem.objects.for_authority(request.authority).current().order_by("position", "pk"))
    form = ReviewForm(
        _post(request),
        initial={"reviewed_on": timezone.localdate(), "case": sample[0].pk if sample else ""},
        cases=choices,
        items=items,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = next(c for c in cases if c.pk == data["case"])
        try:
            review = service.record_review(
                request.user,
                volunteer,
                case=case,
                reviewed_on=data["reviewed_on"],
                answers=form.answers(),
                outcome=data["outcome"],
                feedback=data["feedback"],
                hold_back=data["hold_back"],
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("הבדיקה נרשמה. המתנדב/ת יראה/תראה את המשוב בדף שלו/ה."))
            return redirect("community:review", pk=review.pk)
    context = {"volunteer": volunteer, "form": form, "items": items, "sample": sample, "has_cases": bool(cases)}
    return render(request, "community/review_new.html", context)


@require_GET
@staff_required(COMMUNITY_STAFF | {Role.VOLUNTEER})
def review(request: StaffRequest, pk: int) -> HttpResponse:
    """A review with its answers and feedback; a volunteer opens only the reviews of their own work."""
    item = access_review(request, pk)
    context = {
        "review": item,
        "answers": item.answers.order_by("pk"),
        "own": request.membership.role == Role.VOLUNTEER,
    }
    return render(request, "community/review.html", context)


@require_POST
@staff_required(COMMUNITY_STAFF)
def volunteer_retrained(request: StaffRequest, pk: int) -> HttpResponse:
    volunteer = access_volunteer(request, pk)
    try:
        service.record_retraining(request.user, volunteer)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        volunteer.membership.refresh_from_db(fields=["volunteer_tier"])
        messages.success(request, _("ההכשרה החוזרת נרשמה. שלב: %(tier)s.") % {"tier": volunteer.tier.label})
    return redirect("community:volunteer", pk=volunteer.pk)
