"""Intake and casework pages: inquiries → residents → cases → the entitlement ledger."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import eligibility
from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import CASEWORK_ROLES, AccessAction, Membership, Role, VolunteerTier
from mizui.cases import event_codes, services
from mizui.cases.access import (
    access_case,
    access_entitlement,
    access_inquiry,
    access_resident,
    access_task,
    is_volunteer,
    volunteer_may,
)
from mizui.cases.forms import (
    AdvanceForm,
    CloseInquiryForm,
    ConsentForm,
    EscalateForm,
    MergeForm,
    NoteForm,
    OpenCaseForm,
    ScreenCaseForm,
    StaffInquiryForm,
    TaskForm,
)
from mizui.cases.models import NEXT_STAGES, Basis, Case, Entitlement, Inquiry, InquiryStatus, Note, Resident, Stage
from mizui.cases.services import CaseworkError, ResidentData
from mizui.lib.forms import error_text
from mizui.lib.money import format_shekels
from mizui.screening import questionnaire

STAFF = CASEWORK_ROLES | {Role.ADMIN}
ANY_CASEWORKER = STAFF | {Role.VOLUNTEER}
PAGE = 50
# A volunteer at the "fill forms" tier records that the claim's forms were gathered and sent; decisions,
# amounts and evidence stay with staff.
VOLUNTEER_STAGES = frozenset({Stage.DOCUMENTS, Stage.SUBMITTED})
STAFF_ONLY_FIELDS = (
    "decision",
    "denial_reason",
    "monthly_amount",
    "one_off_amount",
    "retroactive_amount",
    "waived_amount",
    "evidence",
)


def _post(request: StaffRequest) -> Any:
    return request.POST if request.method == "POST" else None


def program_names(lang: str) -> dict[str, str]:
    return {p["id"]: p["label"] for p in eligibility.programs(lang)}


@require_GET
@staff_required(STAFF)
def inquiries(request: StaffRequest) -> HttpResponse:
    status = request.GET.get("status", InquiryStatus.NEW)
    rows = Inquiry.objects.for_authority(request.authority).filter(status=status).order_by("-created_at", "-pk")
    page = Paginator(rows, PAGE).get_page(request.GET.get("page"))
    log_access(request, AccessAction.VIEW, "inquiry_list", status)
    return render(request, "cases/inquiries.html", {"page": page, "status": status, "statuses": InquiryStatus.choices})


@require_http_methods(["GET", "POST"])
@staff_required(STAFF)
def inquiry_new(request: StaffRequest) -> HttpResponse:
    form = StaffInquiryForm(
        _post(request),
        initial={"preferred_language": "he", "event_code": request.GET.get("event", "")},
        event_codes=event_codes.choices(request.authority),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        inquiry = services.record_inquiry(
            request.user,
            authority=request.authority,
            channel=data["channel"],
            full_name=data["full_name"],
            phone=data["phone"],
            language=data["preferred_language"],
            note=data["note"],
            event_code=data["event_code"],
        )
        return redirect("cases:inquiry", pk=inquiry.pk)
    return render(request, "cases/inquiry_new.html", {"form": form})


def _duplicates(request: StaffRequest, inquiry: Inquiry, id_number: str = "") -> list[tuple[int, str]]:
    found = services.find_duplicates(request.authority, id_number=id_number, phone=inquiry.phone)
    return [(r.pk, f"{r.full_name} ({r.birth_date or '—'})") for r in found]


@require_http_methods(["GET", "POST"])
@staff_required(STAFF)
def inquiry(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_inquiry(request, pk)
    duplicates = _duplicates(request, item, request.POST.get("id_number", ""))
    form = OpenCaseForm(_post(request), duplicates=duplicates, initial={"topic": item.note[:200]})
    if request.method == "POST" and item.status == InquiryStatus.NEW and form.is_valid():
        data = form.cleaned_data
        try:
            resident = _resident_for(request, item, data, duplicates)
            case = services.open_case(
                request.user,
                resident=resident,
                topic=data["topic"],
                inquiry=item,
                lawyer=request.user if request.membership.role == Role.LAWYER else None,
            )
        except CaseworkError as error:
            form.add_error(None, str(error))
        else:
            return redirect("cases:case", pk=case.pk)
    context = {"inquiry": item, "form": form, "close_form": CloseInquiryForm(), "duplicates": duplicates}
    if item.screening is not None:
        context["screening_programs"] = _screening_for_staff(item.screening.result["programs"])
    return render(request, "cases/inquiry.html", context)


def _resident_for(request: StaffRequest, item: Inquiry, data: dict[str, Any], duplicates: list[tuple[int, str]]) -> Any:
    chosen = data.get("existing_resident")
    if chosen is not None:
        if chosen not in {pk for pk, _label in duplicates}:
            raise CaseworkError(_("התושב/ת שנבחר/ה אינו/ה ברשימת הכפילויות."))
        return access_resident(request, chosen)
    if data["id_number"] and services.find_duplicates(request.authority, id_number=data["id_number"]):
        raise CaseworkError(_("כבר קיים/ת תושב/ת עם מספר הזהות הזה. בחרו אותו/ה ברשימה כדי לא ליצור כפילות."))
    return services.create_resident(
        request.user,
        authority=request.authority,
        data=ResidentData(
            full_name=item.full_name,
            phone=item.phone,
            id_number=data["id_number"],
            birth_date=data["birth_date"],
            preferred_language=item.preferred_language,
        ),
    )


@require_POST
@staff_required(STAFF)
def inquiry_close(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_inquiry(request, pk)
    form = CloseInquiryForm(request.POST)
    if form.is_valid():
        try:
            services.close_inquiry(request.user, item, reason=form.cleaned_data["reason"])
            messages.success(request, _("הפנייה נסגרה."))
        except CaseworkError as error:
            messages.error(request, str(error))
    return redirect("cases:inquiries")


@require_GET
@staff_required(STAFF)
def resident(request: StaffRequest, pk: int) -> HttpResponse:
    person = access_resident(request, pk)
    return _resident_page(request, person)


def _resident_page(request: StaffRequest, person: Resident, consent_form: ConsentForm | None = None) -> HttpResponse:
    cases = Case.objects.for_authority(request.authority).filter(resident=person).order_by("-opened_at")
    confirmed = Entitlement.objects.filter(household=person.household, basis=Basis.CONFIRMED).aggregate(
        monthly=Sum("monthly_amount"),
        one_off=Sum("one_off_amount"),
        retro=Sum("retroactive_amount"),
        waived=Sum("waived_amount"),
    )
    context = {
        "resident": person,
        "cases": cases,
        "members": person.household.members.filter(merged_into__isnull=True).exclude(pk=person.pk),
        "consents": person.consents.select_related("organization").order_by("-given_at"),
        "realized": {k: v or 0 for k, v in confirmed.items()},
        "consent_form": consent_form or ConsentForm(),
        "duplicates": [
            (other, MergeForm(initial={"duplicate": other.pk}))
            for other in services.find_duplicates(request.authority, id_number=person.id_number, phone=person.phone)
            if other.pk != person.pk
        ],
    }
    return render(request, "cases/resident.html", context)


@require_POST
@staff_required(STAFF)
def consent_add(request: StaffRequest, pk: int) -> HttpResponse:
    person = access_resident(request, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.give_consent(
            request.user,
            resident=person,
            purpose=data["purpose"],
            method=data["method"],
            expires_on=data["expires_on"],
            organization=data["organization"],
            agency_type=data["agency_type"],
            reason=data["reason"].strip(),
            identifiers=data["identifiers"],
        )
        messages.success(request, _("ההסכמה נרשמה."))
        return redirect("cases:resident", pk=person.pk)
    # The page again, with the form open and its error summary first.
    return _resident_page(request, person, form)


@require_POST
@staff_required(STAFF)
def resident_merge(request: StaffRequest, pk: int) -> HttpResponse:
    """Merge a duplicate into this resident, after the user confirmed they are one person."""
    keep = access_resident(request, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("cases:resident", pk=keep.pk)
    duplicate = access_resident(request, form.cleaned_data["duplicate"])
    try:
        services.merge_residents(request.user, keep=keep, duplicate=duplicate)
        messages.success(request, _("הרשומות אוחדו."))
    except ValueError:
        messages.error(request, _("אי אפשר לאחד את הרשומות האלה."))
    return redirect("cases:resident", pk=keep.pk)


def _stages(entitlement: Entitlement, *, volunteer: bool = False) -> list[tuple[str, str]]:
    allowed = NEXT_STAGES[entitlement.stage] & VOLUNTEER_STAGES if volunteer else NEXT_STAGES[entitlement.stage]
    return [(s, str(Stage(s).label)) for s in sorted(allowed)]


def _advance_form(
    request: StaffRequest, entitlement: Entitlement, data: Any = None, **kwargs: Any
) -> AdvanceForm | None:
    """The ledger's step form; a volunteer's has only the steps and fields of the "fill forms" tier."""
    volunteer = is_volunteer(request)
    if volunteer and not volunteer_may(request, VolunteerTier.FORMS):
        return None
    stages = _stages(entitlement, volunteer=volunteer)
    if not stages:
        return None
    form = AdvanceForm(data, stages=stages, prefix=f"e{entitlement.pk}", **kwargs)
    if volunteer:
        for name in STAFF_ONLY_FIELDS:
            del form.fields[name]
    return form


def _ledger_rows(request: StaffRequest, case: Case) -> list[dict[str, Any]]:
    names = program_names(translation.get_language() or "he")
    today = timezone.localdate()
    rows = []
    for e in case.entitlements.order_by("-at_risk_monthly", "program"):
        rows.append(
            {
                "entitlement": e,
                "name": names.get(e.program, e.program),
                "lost": e.money_lost(today),
                "months_left": e.months_before_loss(today),
                "form": _advance_form(request, e, initial={"on": today}),
            }
        )
    return rows


# Rights on their way: found, documents gathered, submitted, appealed — money the center is working towards.
PENDING_STAGES = frozenset({Stage.IDENTIFIED, Stage.DOCUMENTS, Stage.SUBMITTED, Stage.APPEALED})


@require_GET
@staff_required(ANY_CASEWORKER)
def case(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    volunteer = is_volunteer(request)
    notes = Note.objects.filter(case=item).select_related("author").order_by("-created_at")
    if volunteer:
        notes = notes.filter(privileged=False)
    ledger = _ledger_rows(request, item)
    note_form = NoteForm()
    if request.membership.role not in {Role.LAWYER, Role.MANAGER}:
        del note_form.fields["privileged"]  # only lawyers and managers write privileged notes
    tasks = list(item.tasks.filter(done_at__isnull=True).select_related("owner").order_by("due_on", "pk"))
    context = {
        "case": item,
        "volunteer_view": volunteer,
        "ledger": ledger,
        "realized_monthly": sum(
            (r["entitlement"].monthly_amount for r in ledger if r["entitlement"].basis == Basis.CONFIRMED), start=0
        ),
        "pending_monthly": sum(
            (r["entitlement"].monthly_amount for r in ledger if r["entitlement"].stage in PENDING_STAGES), start=0
        ),
        "next_task": tasks[0] if tasks else None,
        "today": timezone.localdate(),
        # A right whose stage change was asked for without JavaScript: its dialog is rendered open.
        "changing": request.GET.get("change", ""),
        "tasks": tasks,
        "notes": notes,
        "documents": item.documents.select_related("uploaded_by").order_by("-uploaded_at"),
        "events": item.events.select_related("actor").order_by("-at")[:50],
        "task_form": TaskForm(initial={"due_on": timezone.localdate()}),
        "note_form": note_form,
        "escalate_form": EscalateForm(),
        "screen_form": ScreenCaseForm(initial={"birth_date": item.resident.birth_date}),
        "show_documents": volunteer_may(request, VolunteerTier.DOCUMENTS),
        "team": Membership.objects.for_authority(request.authority).active().select_related("user"),
    }
    return render(request, "cases/case.html", context)


@require_POST
@staff_required(ANY_CASEWORKER)  # volunteers from the "screen a resident" tier, on their assigned cases
def case_screen(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    form = ScreenCaseForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("לא ניתן לבדוק זכאות: %(errors)s") % {"errors": error_text(form, "; ")},
        )
        return redirect("cases:case", pk=item.pk)
    household = questionnaire.household(form.answers(), authority=request.authority.slug)
    try:
        created, result = services.screen_case(
            request.user, item, household=household, lang=(translation.get_language() or "he")
        )
    except eligibility.HouseholdError as error:
        messages.error(request, "; ".join(e["message"]["he"] for e in error.errors))
        return redirect("cases:case", pk=item.pk)
    messages.success(request, _("נוספו ליומן הזכויות %(n)s זכויות שזוהו.") % {"n": len(created)})
    open_questions = [
        f"{p['name']}: {', '.join(m['label'] for m in p['missing'])}"
        for p in result["programs"]
        if p["status"] == "maybe" and p["missing"]
    ]
    if open_questions:
        messages.info(request, _("כדאי לברר כדי להכריע בזכויות נוספות: %(list)s") % {"list": "; ".join(open_questions)})
    return redirect("cases:case", pk=item.pk)


@require_POST
@staff_required(ANY_CASEWORKER)  # volunteers from the "fill forms" tier (access_entitlement checks it)
def entitlement_advance(request: StaffRequest, pk: int) -> HttpResponse:
    row = access_entitlement(request, pk)
    form = _advance_form(request, row, request.POST)
    if form is None:
        messages.error(request, _("אין שלב הבא שאפשר לרשום כאן."))
        return redirect("cases:case", pk=row.case_id)
    if not form.is_valid():
        messages.error(
            request,
            "; ".join(
                f"{form.fields[f].label}: {' '.join(str(m) for m in e)}"
                for f, e in form.errors.items()
                if f in form.fields
            )
            or _("הנתונים לא תקינים."),
        )
        return redirect("cases:case", pk=row.case_id)
    data = form.cleaned_data
    step = services.Step(
        stage=Stage(data["stage"]),
        on=data["on"],
        decision=data.get("decision") or None,
        denial_reason=data.get("denial_reason", ""),
        monthly_amount=data.get("monthly_amount"),
        one_off_amount=data.get("one_off_amount"),
        retroactive_amount=data.get("retroactive_amount"),
        waived_amount=data.get("waived_amount"),
        evidence=data.get("evidence", "").strip(),
    )
    try:
        services.advance(request.user, row, step)
        messages.success(request, _("יומן הזכויות עודכן."))
    except CaseworkError as error:
        messages.error(request, str(error))
    return redirect("cases:case", pk=row.case_id)


@require_POST
@staff_required(ANY_CASEWORKER)
def task_add(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    form = TaskForm(request.POST)
    if form.is_valid():
        services.add_task(
            request.user, item, title=form.cleaned_data["title"], due_on=form.cleaned_data["due_on"], owner=request.user
        )
    else:
        messages.error(request, _("המשימה לא נשמרה: חסרים כותרת או תאריך."))
    return redirect("cases:case", pk=item.pk)


@require_POST
@staff_required(ANY_CASEWORKER)
def task_done(request: StaffRequest, pk: int) -> HttpResponse:
    task = access_task(request, pk)
    services.complete_task(request.user, task)
    return redirect("cases:case", pk=task.case_id)


@require_POST
@staff_required(ANY_CASEWORKER)
def note_add(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        # Only lawyers and managers may mark a note privileged (attorney-client); others' notes are ordinary.
        privileged = form.cleaned_data["privileged"] and request.membership.role in {Role.LAWYER, Role.MANAGER}
        services.add_note(request.user, item, body=form.cleaned_data["body"], privileged=privileged)
    return redirect("cases:case", pk=item.pk)


@require_POST
@staff_required(ANY_CASEWORKER)
def case_escalate(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    form = EscalateForm(request.POST)
    if form.is_valid():
        services.escalate(request.user, item, reason=form.cleaned_data["reason"])
        messages.success(request, _("התיק הועבר לעו״ד."))
    return redirect("cases:case", pk=item.pk)


STAFF_STATUS = {"eligible": _lazy("כנראה זכאי/ת"), "maybe": _lazy("ייתכן – חסר פרט")}


def _screening_for_staff(programs: list[dict[str, Any]]) -> list[dict[str, str]]:
    """What the resident's screening found, in the staff member's language (the resident may have used another):
    the right's name from the catalogue, its status in words, and the monthly amount."""
    names = {p["id"]: p["label"] for p in eligibility.programs(translation.get_language() or "he")}
    return [
        {
            "name": names.get(p["id"], p.get("name", p["id"])),
            "status": str(STAFF_STATUS[p["status"]]),
            "amount": format_shekels(p["monthly_amount"]) if p.get("monthly_amount") else "",
        }
        for p in programs
        if p["status"] in STAFF_STATUS
    ]
