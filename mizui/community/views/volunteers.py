"""Volunteers: the team's list and profiles, trainings and tiers, hours, matching to cases; the volunteer's own page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
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
from mizui.accounts.models import CASEWORK_ROLES, AccessAction, Membership, Role, VolunteerTier
from mizui.cases.access import access_case
from mizui.community.access import access_volunteer, own_volunteer
from mizui.community.forms import (
    TIER_HELP,
    AssignForm,
    HoursForm,
    MatchForm,
    NewVolunteerForm,
    TrainingForm,
    VolunteerProfileForm,
)
from mizui.community.models import (
    LANGUAGES,
    WEEKDAYS,
    Activity,
    Course,
    HoursEntry,
    QualityReview,
    Skill,
    SupervisionTopic,
    TrainingCompletion,
    Volunteer,
)
from mizui.community.services import reports
from mizui.community.services import volunteers as service
from mizui.community.services.training import CommunityError, courses_done, next_courses, record_training
from mizui.lib.forms import error_text

COMMUNITY_STAFF = CASEWORK_ROLES | {Role.ADMIN}


def _post(request: StaffRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _labels(values: list[str], choices: list[tuple[str, Any]]) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values) or "—"


def topic_labels(topics: list[str]) -> str:
    return _labels(topics, SupervisionTopic.choices)


def hours_text(hours: Decimal | int) -> str:
    """2.5, 2.25, 3: hours without trailing zeros."""
    return f"{Decimal(hours).normalize():f}"


def _month_start(today: dt.date) -> dt.date:
    return today.replace(day=1)


def _profile(data: dict[str, Any]) -> service.Profile:
    return service.Profile(
        languages=data["languages"],
        neighbourhood=data["neighbourhood"].strip(),
        available_days=data["available_days"],
        availability_note=data["availability_note"].strip(),
        skills=data["skills"],
    )


def _case_choices(volunteer: Volunteer) -> list[tuple[int, str]]:
    return [(c.pk, f"{c.pk} · {c.topic}") for c in service.assigned_cases(volunteer)]


def summary(volunteer: Volunteer) -> dict[str, Any]:
    """What both the staff's page and the volunteer's own page show about a volunteer."""
    today = timezone.localdate()
    done = courses_done(volunteer.membership)
    next_tier, missing = next_courses(done)
    recent = HoursEntry.objects.filter(volunteer=volunteer).select_related("case").order_by("-on", "-pk")[:10]
    return {
        "volunteer": volunteer,
        "languages": _labels(volunteer.languages, LANGUAGES),
        "days": _labels(volunteer.available_days, WEEKDAYS),
        "skills": _labels(volunteer.skills, Skill.choices),
        "tier": volunteer.tier,
        "tier_help": TIER_HELP[volunteer.tier],
        "next_tier": next_tier,
        "missing_courses": [c.label for c in missing],
        "trainings": TrainingCompletion.objects.filter(membership=volunteer.membership).order_by("completed_on"),
        "cases": service.assigned_cases(volunteer),
        "hours_month": hours_text(service.hours_between(volunteer, _month_start(today), today)),
        "hours_year": hours_text(service.hours_between(volunteer, today.replace(month=1, day=1), today)),
        "recent_hours": [(entry, hours_text(entry.hours)) for entry in recent],
        "escalations": service.escalations(volunteer),
        # Supervision: the sessions attended and the reviews of their cases with the feedback (theirs only).
        "supervision_sessions": [
            (s, topic_labels(s.topics))
            for s in volunteer.sessions.select_related("supervisor").order_by("-held_on", "-pk")[:10]
        ],
        "reviews": QualityReview.objects.filter(volunteer=volunteer)
        .select_related("reviewer")
        .order_by("-reviewed_on", "-pk")[:10],
    }


def _volunteer_members(request: StaffRequest) -> list[tuple[int, str]]:
    members = list(
        Membership.objects.for_authority(request.authority)
        .active()
        .filter(role=Role.VOLUNTEER)
        .select_related("user")
        .order_by("user__full_name")
    )
    return [(m.pk, m.user.full_name) for m in service.without_profile(members)]


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def volunteers(request: StaffRequest) -> HttpResponse:
    members = _volunteer_members(request)
    form = NewVolunteerForm(_post(request), members=members)
    if request.method == "POST" and form.is_valid():
        membership = Membership.objects.for_authority(request.authority).get(pk=form.cleaned_data["membership"])
        try:
            volunteer = service.register_volunteer(request.user, membership, profile=_profile(form.cleaned_data))
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("פרופיל המתנדב/ת נוצר."))
            return redirect("community:volunteer", pk=volunteer.pk)
    today = timezone.localdate()
    rows = (
        Volunteer.objects.for_authority(request.authority)
        .select_related("membership__user")
        .order_by("-is_active", "membership__user__full_name")
    )
    hours = {r.volunteer_id: r.hours for r in reports.volunteer_hours(request.authority, _month_start(today), today)}
    listing = [
        {"volunteer": v, "languages": _labels(v.languages, LANGUAGES), "hours": hours_text(hours.get(v.pk, 0))}
        for v in rows
    ]
    log_access(request, AccessAction.VIEW, "volunteer_list")
    return render(
        request,
        "community/volunteers.html",
        {"rows": listing, "form": form if members else None, "tab": "volunteers"},
    )


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def volunteer(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_volunteer(request, pk)
    initial = {name: getattr(item, name) for name in VolunteerProfileForm.base_fields}
    form = VolunteerProfileForm(_post(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        service.update_profile(request.user, item, profile=_profile(form.cleaned_data))
        messages.success(request, _("הפרופיל עודכן."))
        return redirect("community:volunteer", pk=item.pk)
    today = timezone.localdate()
    context = {
        **summary(item),
        "form": form,
        "training_form": TrainingForm(initial={"completed_on": today}),
        "hours_form": HoursForm(initial={"on": today, "activity": Activity.DOCUMENTS}, cases=_case_choices(item)),
    }
    return render(request, "community/volunteer.html", context)


@require_POST
@staff_required(COMMUNITY_STAFF)
def volunteer_training(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_volunteer(request, pk)
    form = TrainingForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("community:volunteer", pk=item.pk)
    before = item.tier
    try:
        data = form.cleaned_data
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
        item.membership.refresh_from_db(fields=["volunteer_tier"])
        if item.tier != before:
            messages.success(request, _("ההכשרה נרשמה. שלב חדש: %(tier)s.") % {"tier": item.tier.label})
        else:
            messages.success(request, _("ההכשרה נרשמה."))
    return redirect("community:volunteer", pk=item.pk)


def _log_hours(request: StaffRequest, item: Volunteer) -> None:
    form = HoursForm(request.POST, cases=_case_choices(item))
    if not form.is_valid():
        messages.error(request, _("השעות לא נרשמו: %(errors)s") % {"errors": error_text(form)})
        return
    data = form.cleaned_data
    case = access_case(request, data["case"]) if data["case"] else None
    try:
        service.log_hours(
            request.user, item, on=data["on"], hours=data["hours"], activity=Activity(data["activity"]), case=case
        )
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("השעות נרשמו."))


@require_POST
@staff_required(COMMUNITY_STAFF)
def volunteer_hours(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_volunteer(request, pk)
    _log_hours(request, item)
    return redirect("community:volunteer", pk=item.pk)


@require_GET
@staff_required([Role.VOLUNTEER])
def me(request: StaffRequest) -> HttpResponse:
    item = own_volunteer(request)
    if item is None:
        return render(request, "community/me.html", {"volunteer": None})
    today = timezone.localdate()
    context = {
        **summary(item),
        "hours_form": HoursForm(initial={"on": today, "activity": Activity.DOCUMENTS}, cases=_case_choices(item)),
    }
    return render(request, "community/me.html", context)


@require_POST
@staff_required([Role.VOLUNTEER])
def my_hours(request: StaffRequest) -> HttpResponse:
    item = own_volunteer(request)
    if item is None:
        messages.error(request, _("עוד אין לך פרופיל מתנדב/ת. פנו לרכז/ת."))
    else:
        _log_hours(request, item)
    return redirect("community:me")


@require_http_methods(["GET", "POST"])
@staff_required(COMMUNITY_STAFF)
def case_match(request: StaffRequest, pk: int) -> HttpResponse:
    """Find a volunteer for a case: the resident's language, the area, the tier the work needs; then assign."""
    case = access_case(request, pk)
    if request.method == "POST":
        assign = AssignForm(request.POST)
        chosen = (
            Volunteer.objects.for_authority(request.authority)
            .select_related("membership__user")
            .filter(pk=assign.cleaned_data["volunteer"])
            .first()
            if assign.is_valid()
            else None
        )
        if chosen is None:
            messages.error(request, _("נא לבחור מתנדב/ת מהרשימה."))
            return redirect("community:case-match", pk=case.pk)
        try:
            service.assign_volunteer(request.user, case, chosen)
        except CommunityError as error:
            messages.error(request, str(error))
            return redirect("community:case-match", pk=case.pk)
        messages.success(request, _("התיק שויך ל%(name)s.") % {"name": chosen.user.full_name})
        return redirect("cases:case", pk=case.pk)
    everyone = list(Volunteer.objects.for_authority(request.authority).filter(is_active=True))
    areas = service.neighbourhoods(everyone)
    default_area = service.area_of(case, areas)
    form = MatchForm(request.GET or None, areas=areas, initial={"area": default_area, "tier": VolunteerTier.SCREEN})
    data = (
        form.cleaned_data if form.is_bound and form.is_valid() else {"area": default_area, "tier": VolunteerTier.SCREEN}
    )
    found = service.matches(case, area=data["area"], tier=VolunteerTier(data["tier"]))
    rows = [
        {
            "match": m,
            "languages": _labels(m.volunteer.languages, LANGUAGES),
            "days": _labels(m.volunteer.available_days, WEEKDAYS),
            "current": m.volunteer.membership.user_id == case.volunteer_id,
        }
        for m in found
    ]
    context = {
        "case": case,
        "form": form,
        "rows": rows,
        "language": dict(LANGUAGES).get(case.resident.preferred_language, case.resident.preferred_language),
        "sensitive": bool(case.resident.sensitivity),
    }
    return render(request, "community/match.html", context)
