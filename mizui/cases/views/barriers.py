"""Barriers: the card on the case page (record, resolve) and the report with its CSV/XLSX exports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, Role
from mizui.cases import barrier_answers
from mizui.cases.access import access_barrier, access_case, is_volunteer
from mizui.cases.models import Barrier, BarrierKind, Case, Entitlement
from mizui.cases.services import barriers as service
from mizui.cases.views.staff import STAFF, program_names
from mizui.lib.forms import error_text

REPORT_ROLES = frozenset({Role.MANAGER, Role.LAWYER, Role.COORDINATOR, Role.ANALYST, Role.ADMIN})
EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date", "dir": "ltr"}))


class BarrierForm(forms.Form):
    entitlement = forms.ChoiceField(label=gettext_lazy("זכות ביומן (לא חובה)"), required=False)
    agency = forms.ChoiceField(label=gettext_lazy("גורם (אם לא נבחרה זכות)"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("סוג החסם"), choices=[("", "—"), *BarrierKind.choices])
    occurred_on = _date(gettext_lazy("תאריך"))
    description = forms.CharField(
        label=gettext_lazy("תיאור"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, case: Case, lang: str = "he", agencies: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        names = program_names(lang)
        self.entitlements = {str(e.pk): e for e in case.rights_by_name}
        rights = self.fields["entitlement"]
        assert isinstance(rights, forms.ChoiceField)
        rights.choices = [("", "—"), *((pk, names.get(e.program, e.program)) for pk, e in self.entitlements.items())]
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        agency.choices = [("", "—"), *(service.agency_choices(lang) if agencies is None else agencies)]

    def clean_entitlement(self) -> Entitlement | None:
        return self.entitlements.get(self.cleaned_data["entitlement"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("entitlement") and not data.get("agency"):
            self.add_error("agency", _("נא לבחור זכות או גורם."))
        return data


class ResolveForm(forms.Form):
    resolved_on = _date(gettext_lazy("תאריך הפתרון"))
    resolution = forms.CharField(
        label=gettext_lazy("איך נפתר"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScopeForm(forms.Form):
    start = _date(gettext_lazy("מתאריך"), required=False)
    end = _date(gettext_lazy("עד תאריך"), required=False)
    agency = forms.ChoiceField(label=gettext_lazy("גורם"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("מצב"),
        required=False,
        choices=[
            ("", gettext_lazy("הכול")),
            (service.OPEN, gettext_lazy("פתוחים")),
            (service.RESOLVED, gettext_lazy("נפתרו")),
        ],
    )

    publish = forms.BooleanField(label=gettext_lazy("גרסה לפרסום מחוץ למרכז (כל מספר מוצג ≥ 10)"), required=False)

    def __init__(self, *args: Any, lang: str = "he", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        agency.choices = [("", _("כל הגורמים")), *service.agency_labels(lang).items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("תאריך הסיום מוקדם מתאריך ההתחלה."))
        return data

    def scope(self) -> service.Scope:
        if not self.is_valid():
            return service.Scope()
        data = self.cleaned_data
        return service.Scope(data["start"], data["end"], data["agency"], data["status"], data["publish"])


def _lang() -> str:
    return translation.get_language() or "he"


def barriers_panel(request: StaffRequest, case: Case) -> dict[str, Any] | None:
    """What templates/cases/case_barriers.html shows; nothing for volunteers."""
    if is_volunteer(request):
        return None
    lang = _lang()
    choices = service.agency_choices(lang)  # one query for the card's names and the form's options
    agencies, rights = {**dict(choices), **service.agencies(lang)}, service.rights(lang)
    rows = []
    barriers = list(
        Barrier.objects.filter(case=case)
        .select_related("recorded_by", "resolved_by", "organization")
        .order_by("-occurred_on", "-pk")
    )
    answers = barrier_answers.for_barriers([b.pk for b in barriers])  # what agencies answered (community)
    for barrier in barriers:
        resolve = (
            None
            if barrier.is_resolved
            else ResolveForm(auto_id=f"barrier{barrier.pk}-%s", initial={"resolved_on": timezone.localdate()})
        )
        right = rights[barrier.program][0] if barrier.program in rights else barrier.program
        rows.append(
            {
                "barrier": barrier,
                "agency": barrier.organization.name_he
                if barrier.organization
                else agencies.get(barrier.agency, barrier.agency),
                "right": right,
                "form": resolve,
                "answers": answers.get(barrier.pk, []),
            }
        )
    form = BarrierForm(
        case=case, lang=lang, agencies=choices, auto_id="barrier-%s", initial={"occurred_on": timezone.localdate()}
    )
    return {"rows": rows, "form": form}


def _back(case_pk: int) -> HttpResponse:
    return redirect(f"{reverse('cases:case', kwargs={'pk': case_pk})}#barriers-title")


@require_POST
@staff_required(STAFF)
def barrier_add(request: StaffRequest, pk: int) -> HttpResponse:
    item = access_case(request, pk)
    form = BarrierForm(request.POST, case=item, lang=_lang())
    if not form.is_valid():
        messages.error(request, _("החסם לא נשמר: %(errors)s") % {"errors": error_text(form)})
        return _back(item.pk)
    data = form.cleaned_data
    try:
        service.record_barrier(
            request.user,
            item,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            agency=data["agency"],
            entitlement=data["entitlement"],
            description=data["description"],
        )
    except service.BarrierError as error:
        messages.error(request, _("החסם לא נשמר: %(errors)s") % {"errors": str(error)})
    else:
        messages.success(request, _("החסם נרשם."))
    return _back(item.pk)


@require_POST
@staff_required(STAFF)
def barrier_resolve(request: StaffRequest, pk: int) -> HttpResponse:
    barrier = access_barrier(request, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("החסם לא עודכן: %(errors)s") % {"errors": error_text(form)})
        return _back(barrier.case_id)
    try:
        service.resolve_barrier(
            request.user,
            barrier,
            resolved_on=form.cleaned_data["resolved_on"],
            resolution=form.cleaned_data["resolution"],
        )
    except service.BarrierError as error:
        messages.error(request, _("החסם לא עודכן: %(errors)s") % {"errors": str(error)})
    else:
        messages.success(request, _("החסם סומן כפתור."))
    return _back(barrier.case_id)


@require_GET
@staff_required(REPORT_ROLES)
def barriers(request: StaffRequest) -> HttpResponse:
    lang = _lang()
    form = ScopeForm(request.GET or None, lang=lang)
    report = service.barrier_report(request.authority, form.scope(), lang)
    log_access(request, AccessAction.VIEW, "barrier_report")
    exports = []
    for fmt in EXPORTS:
        query = request.GET.copy()
        query["format"] = fmt
        exports.append({"label": fmt.upper(), "url": f"{reverse('cases:barriers-export')}?{query.urlencode()}"})
    return render(request, "cases/barriers.html", {"form": form, "report": report, "exports": exports})


@require_GET
@staff_required(REPORT_ROLES)
def barriers_export(request: StaffRequest) -> HttpResponse:
    lang = _lang()
    fmt = request.GET.get("format", "csv")
    if fmt not in EXPORTS:
        fmt = "csv"
    scope = ScopeForm(request.GET, lang=lang).scope()
    report = service.barrier_report(request.authority, scope, lang)
    heading = service.scope_lines(request.authority, scope, lang)
    content = service.to_csv(report, heading) if fmt == "csv" else service.to_xlsx(report, heading)
    log_access(request, AccessAction.EXPORT, "barrier_report", fmt)
    response = HttpResponse(content, content_type=EXPORTS[fmt])
    response["Content-Disposition"] = f'attachment; filename="mizui-barriers-{timezone.localdate():%Y%m%d}.{fmt}"'
    return response
