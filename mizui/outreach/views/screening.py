"""Batch runs (progress, totals by right) and outreach lists (segments, pages, saved lists, exports)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction
from mizui.outreach import tasks
from mizui.outreach.access import access_run
from mizui.outreach.forms import SaveListForm, SegmentForm
from mizui.outreach.models import BatchRun, OutreachList, Tier, UnclaimedRight
from mizui.outreach.services import batch, likelihood, lists
from mizui.outreach.views import PERSONAL_ROLES, VIEW_ROLES, job_state

EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _lang() -> str:
    return translation.get_language() or "he"


@require_POST
@staff_required(PERSONAL_ROLES)
def run_new(request: StaffRequest) -> HttpResponse:
    run = batch.start_run(request.user, authority=request.authority)
    tasks.enqueue(run)
    return redirect("outreach:run", pk=run.pk)


@require_POST
@staff_required(PERSONAL_ROLES)
def run_resume(request: StaffRequest, pk: int) -> HttpResponse:
    """Take up again a run whose worker died (it starts over); nothing for a run that is alive or finished."""
    run = access_run(request, pk)
    if tasks.queue(run):
        log_access(request, AccessAction.UPDATE, "batch_run", run.pk)
    else:
        messages.info(request, _("ההרצה כבר רצה או הסתיימה; לא נוסף דבר."))
    return redirect("outreach:run", pk=run.pk)


@require_GET
@staff_required(VIEW_ROLES)
def run_detail(request: StaffRequest, pk: int) -> HttpResponse:
    """The run's page; while it waits or runs, its live block polls this view (htmx) for itself every 2 seconds, and
    the poll that finds it finished brings the results and a notice in the page's live region, and stops polling."""
    run = access_run(request, pk)
    htmx = bool(getattr(request, "htmx", False))
    by_right: list[dict[str, Any]] = []
    if not run.is_running:
        names = lists.program_names(_lang())
        rows = (
            UnclaimedRight.objects.for_authority(request.authority)
            .filter(run=run)
            .values("program")
            .annotate(n=Count("id"), monthly=Sum("monthly"), annual=Sum("annual"), retro=Sum("retroactive"))
            .order_by("-annual")
        )
        by_right = [{**r, "name": names.get(r["program"], r["program"])} for r in rows]
    can_act = request.membership.role in PERSONAL_ROLES
    context = {
        "run": run,
        "by_right": by_right,
        "can_act": can_act,
        "finished_now": htmx and not run.is_running,
        **job_state(run, can_act=can_act, resumable=False),
    }
    return render(request, "outreach/run.html#run-progress" if htmx else "outreach/run.html", context)


def _segment_form(request: StaffRequest, run: BatchRun) -> tuple[SegmentForm, lists.Segment]:
    names = lists.program_names(_lang())
    ages = [label for _low, _high, label in batch.AGE_GROUPS]
    form = SegmentForm(request.GET or None, facets=lists.facets(run), names=names, ages=ages)
    segment = lists.Segment.from_dict(form.cleaned_data) if form.is_valid() else lists.Segment()
    return form, segment


def _page_number(request: StaffRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@require_GET
@staff_required(PERSONAL_ROLES)
def outreach_lists(request: StaffRequest) -> HttpResponse:
    run = BatchRun.objects.for_authority(request.authority).latest_done()
    if run is None:
        return render(request, "outreach/lists.html", {"run": None})
    form, segment = _segment_form(request, run)
    number = _page_number(request)
    page = lists.page(run, segment, number, _lang())
    log_access(request, AccessAction.VIEW, "outreach_list", run.pk)
    query = request.GET.copy()
    query.pop("page", None)
    exports = []
    for fmt in EXPORTS:
        q = query.copy()
        q["format"] = fmt
        exports.append({"label": fmt.upper(), "url": f"{reverse('outreach:list-export')}?{q.urlencode()}"})
    context = {
        "run": run,
        "form": form,
        "page": page,
        "summary": lists.summary(run, segment),
        "exports": exports,
        "query": query.urlencode(),
        "save_form": SaveListForm(),
        "filters": segment.to_dict(),
        "tiers": [(t.value, t.label, round(likelihood.PRIORS[t] * 100)) for t in Tier],
        "calibrations": _calibrations(request),
    }
    return render(request, "outreach/lists.html", context)


def _calibrations(request: StaffRequest) -> list[dict[str, object]]:
    """The probabilities campaigns' outcomes have moved, with how many households they rest on."""
    names = lists.program_names(_lang())
    labels = dict(Tier.choices)
    found = sorted(likelihood.calibrations(request.authority).values(), key=lambda c: (-c.contacted, c.program))
    return [
        {
            "right": names.get(c.program, c.program),
            "tier": labels.get(c.tier, c.tier),
            "percent": round(c.probability * 100),
            "contacted": c.contacted,
            "confirmed": c.confirmed,
        }
        for c in found
    ]


@require_GET
@staff_required(PERSONAL_ROLES)
def list_export(request: StaffRequest) -> HttpResponse:
    run = BatchRun.objects.for_authority(request.authority).latest_done()
    if run is None:
        return redirect("outreach:lists")
    fmt = request.GET.get("format", "csv")
    fmt = fmt if fmt in EXPORTS else "csv"
    _form, segment = _segment_form(request, run)
    header, body = lists.export_table(run, segment, _lang())
    content = lists.to_csv(header, body) if fmt == "csv" else lists.to_xlsx(header, body)
    log_access(request, AccessAction.EXPORT, "outreach_list", f"run {run.pk}: {len(body)} rows")
    response = HttpResponse(content, content_type=EXPORTS[fmt])
    response["Content-Disposition"] = f'attachment; filename="mizui-outreach-{timezone.localdate():%Y%m%d}.{fmt}"'
    return response


@require_POST
@staff_required(PERSONAL_ROLES)
def list_save(request: StaffRequest) -> HttpResponse:
    form = SaveListForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("נא לתת שם לרשימה."))
        return redirect("outreach:lists")
    keys = ("program", "neighbourhood", "language", "age_group", "min_annual")
    segment = lists.Segment.from_dict({k: request.POST.get(k, "") for k in keys})
    saved = OutreachList.objects.create(
        authority=request.authority, name=form.cleaned_data["name"], filters=segment.to_dict(), created_by=request.user
    )
    log_access(request, AccessAction.CREATE, "outreach_list", saved.pk)
    messages.success(request, _("הרשימה נשמרה. אפשר ליצור עבורה קמפיין."))
    return redirect(f"{reverse('outreach:campaign-new')}?list={saved.pk}")
