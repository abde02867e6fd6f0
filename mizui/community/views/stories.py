"""Case stories (סיפורי מקרה): writing one from a closed case, the list, a story with its approval, the forum
meeting it is shown at and the monthly report it is printed in. Every view of a story is in the access log."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import CASEWORK_ROLES, AccessAction
from mizui.cases.access import access_case
from mizui.cases.models import CaseStatus
from mizui.community.access import access_story
from mizui.community.forms import StoryApproveForm, StoryCaseForm, StoryForm, StoryMeetingForm, StoryReportForm
from mizui.community.models import CaseStory, Initiative, Kind, StoryStatus
from mizui.community.services import stories as service
from mizui.community.services.training import CommunityError
from mizui.lib.forms import error_text


@require_http_methods(["GET", "POST"])
@staff_required(CASEWORK_ROLES)
def story_new(request: StaffRequest, pk: int) -> HttpResponse:
    case = access_case(request, pk)
    closed = case.status == CaseStatus.CLOSED
    form = StoryForm(request.POST if request.method == "POST" else None)
    if closed and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = service.write_story(
                request.user,
                case,
                text=data["text"],
                consent_method=data["consent_method"],
                consent_note=data["consent_note"],
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            log_access(request, AccessAction.CREATE, "story", story.pk)
            messages.success(request, _("הסיפור נשמר כטיוטה. עכשיו איש/אשת צוות אחר/ת צריך/ה לאשר אותו."))
            return redirect("community:story", pk=story.pk)
    return render(request, "community/story_new.html", {"case": case, "closed": closed, "form": form})


@require_GET
@staff_required(CASEWORK_ROLES)
def stories(request: StaffRequest) -> HttpResponse:
    """The center's stories, and a case number to write a new one from."""
    case_form = StoryCaseForm(request.GET if "case" in request.GET else None)
    if case_form.is_bound and case_form.is_valid():
        return redirect("community:story-new", pk=case_form.cleaned_data["case"])
    rows = CaseStory.objects.for_authority(request.authority).select_related("author", "meeting").order_by("-pk")[:50]
    log_access(request, AccessAction.VIEW, "story_list")
    return render(request, "community/stories.html", {"stories": rows, "case_form": case_form, "tab": "stories"})


def _meetings(request: StaffRequest) -> list[tuple[int, str]]:
    meetings = Initiative.objects.for_authority(request.authority).filter(kind=Kind.FORUM).order_by("-held_on")[:20]
    return [(m.pk, f"{m.title} · {m.held_on:%d.%m.%Y}") for m in meetings]


@require_GET
@staff_required(CASEWORK_ROLES)
def story(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_story(request, pk)
    context = {
        "story": item,
        "may_approve": item.status == StoryStatus.DRAFT
        and service.may_approve(request.user, request.authority.pk, item),
        "is_author": item.author_id == request.user.pk,
    }
    if context["may_approve"]:
        context["approve_form"] = StoryApproveForm(
            initial={"stripped_text": item.stripped_text}, flags=item.flag_labels
        )
    if item.status == StoryStatus.APPROVED:
        context["meeting_form"] = StoryMeetingForm(meetings=_meetings(request), initial={"meeting": item.meeting_id})
        last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        context["report_form"] = StoryReportForm(initial={"month": item.report_month or last_month})
    return render(request, "community/story.html", context)


@require_POST
@staff_required(CASEWORK_ROLES)
def story_approve(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_story(request, pk)
    form = StoryApproveForm(request.POST, flags=item.flag_labels)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("community:story", pk=item.pk)
    try:
        service.approve_story(
            request.user,
            item,
            stripped_text=form.cleaned_data["stripped_text"],
            ticked=form.cleaned_data.get("flags") or [],
        )
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        log_access(request, AccessAction.UPDATE, "story", item.pk)
        messages.success(request, _("הסיפור אושר."))
    return redirect("community:story", pk=item.pk)


@require_POST
@staff_required(CASEWORK_ROLES)
def story_meeting(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_story(request, pk)
    form = StoryMeetingForm(request.POST, meetings=_meetings(request))
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("community:story", pk=item.pk)
    meeting = Initiative.objects.for_authority(request.authority).get(pk=form.cleaned_data["meeting"])
    try:
        service.attach_story(item, meeting)
    except CommunityError as error:
        messages.error(request, str(error))
        return redirect("community:story", pk=item.pk)
    log_access(request, AccessAction.UPDATE, "story", item.pk)
    messages.success(request, _("הסיפור יוצג בפגישת הפורום."))
    return redirect("community:event", pk=meeting.pk)


@require_POST
@staff_required(CASEWORK_ROLES)
def story_report(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_story(request, pk)
    form = StoryReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("community:story", pk=item.pk)
    month = form.cleaned_data["month"]
    try:
        service.include_in_report(item, month)
    except CommunityError as error:
        messages.error(request, str(error))
        return redirect("community:story", pk=item.pk)
    log_access(request, AccessAction.UPDATE, "story", item.pk)
    if month is None:
        messages.success(request, _("הסיפור הוצא מהדוח החודשי."))
    else:
        messages.success(request, _("הסיפור יודפס בדוח החודשי של %(month)s.") % {"month": f"{month:%m/%Y}"})
    return redirect("community:story", pk=item.pk)
