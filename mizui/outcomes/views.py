"""The authority dashboard (with drill-down to the rows behind each figure), the monthly report, and the
national picture. Views are thin: parse filters → summary (aggregate tables) → render."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

import eligibility
from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import CASEWORK_ROLES, AccessAction, Role
from mizui.cases.models import BarrierKind, InquiryChannel
from mizui.community.services.stories import stories_for_report
from mizui.outcomes import dashboard, drill, freshness, national, reports, wired
from mizui.outcomes.charts import number
from mizui.outcomes.forms import FilterForm, MonthForm
from mizui.outcomes.kpis import BY_ID, GROUP_LABELS
from mizui.outcomes.refresh import NO_CHANNEL
from mizui.outcomes.summary import Filters, add_months, summarize

# Analysts see the authority's aggregates only: no lists of residents' rows (DESIGN.md, roles).
DASHBOARD_ROLES = frozenset({Role.MANAGER, Role.LAWYER, Role.COORDINATOR, Role.ANALYST, Role.ADMIN})
DRILL_ROLES = frozenset({Role.MANAGER, Role.LAWYER, Role.COORDINATOR, Role.ADMIN})
NATIONAL_ROLES = frozenset({Role.NATIONAL})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return translation.get_language() or "he"


def _form(request: StaffRequest) -> FilterForm:
    return FilterForm(request.GET or None, authority=request.authority, lang=_lang())


@require_GET
@staff_required(DASHBOARD_ROLES)
def dashboard_view(request: StaffRequest) -> HttpResponse:
    form = _form(request)
    summary = summarize(request.authority, form.filters())
    may_drill = request.membership.role in DRILL_ROLES
    query = request.GET.urlencode()
    sections = []
    for title, items, note in dashboard.sections(summary):
        cards = []
        for figure in items:
            url = None
            if may_drill and figure.kpi.drill is not None:
                url = reverse("outcomes:figure", kwargs={"kpi": figure.kpi.id}) + (f"?{query}" if query else "")
            cards.append({"figure": figure, "url": url})
        sections.append({"title": title, "cards": cards, "help": note})
    month = MonthForm().month_or_last()
    filters = summary.filters
    take_up = wired.take_up(request.authority)
    shares = wired.population_shares(request.authority)
    served = summary.reach["all"]
    reach = [
        {
            "label": GROUP_LABELS[group],
            "residents": summary.reach[group],
            "share": round(Decimal(summary.reach[group]) * 100 / served, 1) if served else None,
            "population": shares.get(group),
        }
        for group in GROUP_LABELS
    ]
    if summary.refreshed is None and not freshness.waiting(request.authority.pk):
        freshness.schedule(request.authority.pk)  # a new install: the first look starts the first rebuild
    log_access(request, AccessAction.VIEW, "outcomes_dashboard")
    context: dict[str, Any] = {
        "updating": freshness.waiting(request.authority.pk),
        "form": form,
        "summary": summary,
        "sections": sections,
        "charts": dashboard.trends(summary),
        "money": dashboard.money_table(summary),
        "denials": dashboard.denial_reasons(summary),
        "channels": dashboard.channels(summary),
        "report_month": f"{month:%Y-%m}",
        "report_stories": stories_for_report(request.authority.pk, month).count(),
        "user_may_write_stories": request.membership.role in CASEWORK_ROLES,
        "take_up": take_up,
        "program_names": _names(_lang())["program"],
        "campaigns": wired.campaigns(request.authority, filters),
        "community": wired.community(request.authority, filters),
        "reach": reach,
    }
    return render(request, "outcomes/dashboard.html", context)


def _names(lang: str) -> dict[str, dict[str, str]]:
    programs = eligibility.programs(lang)
    return {
        "program": {p["id"]: p["label"] for p in programs},
        "agency": {p["agency"]: p["agency_name"] for p in programs},
        "channel": {**dict(InquiryChannel.choices), NO_CHANNEL: "—"},
        "kind": dict(BarrierKind.choices),
    }


@require_GET
@staff_required(DRILL_ROLES)
def figure(request: StaffRequest, kpi: str) -> HttpResponse:
    item = BY_ID.get(kpi)
    if item is None or item.drill is None:
        raise Http404
    form = _form(request)
    filters = form.filters()
    rows = drill.rows_behind(request.authority, item, filters, timezone.localdate())
    related = {"rights": ("case",), "referrals": ("service__organization",)}.get(item.drill.rows, ())
    raw = request.GET.get("page", "")
    page = drill.page_of(rows, int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1, related)
    names = _names(_lang())
    for row in page.object_list:
        row.program_name = names["program"].get(getattr(row, "program", ""), getattr(row, "program", ""))
        row.agency_name = names["agency"].get(getattr(row, "agency", ""), getattr(row, "agency", ""))
    query = request.GET.copy()
    query.pop("page", None)
    log_access(request, AccessAction.VIEW, "outcomes_drilldown", kpi)
    context = {
        "kpi": item,
        "value": number(item.value(summarize(request.authority, filters)), item.unit),
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "back": f"{reverse('outcomes:dashboard')}?{query.urlencode()}",
    }
    return render(request, f"outcomes/figure_{item.drill.rows}.html", context)


def _month_summary(request: StaffRequest) -> Any:
    month = MonthForm(request.GET or None).month_or_last()
    return summarize(request.authority, Filters(month, month))


@require_GET
@staff_required(DASHBOARD_ROLES)
def report_pdf(request: StaffRequest) -> HttpResponse:
    summary = _month_summary(request)
    month = summary.filters.start
    trend = summarize(request.authority, Filters(add_months(month, -11), month))
    chosen = list(stories_for_report(request.authority.pk, month))
    content = reports.pdf(request.authority, summary, request.build_absolute_uri("/"), trend, chosen)
    if content is None:
        return render(request, "screening/pdf_unavailable.html", status=503)
    log_access(request, AccessAction.EXPORT, "outcomes_report", "pdf")
    for story in chosen:
        log_access(request, AccessAction.EXPORT, "story", story.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mizui-report-{summary.filters.start:%Y-%m}.pdf"'
    return response


@require_GET
@staff_required(DASHBOARD_ROLES)
def report_xlsx(request: StaffRequest) -> HttpResponse:
    summary = _month_summary(request)
    log_access(request, AccessAction.EXPORT, "outcomes_report", "xlsx")
    response = HttpResponse(reports.xlsx(request.authority, summary), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mizui-report-{summary.filters.start:%Y-%m}.xlsx"'
    return response


@require_GET
@staff_required(NATIONAL_ROLES)
def national_view(request: StaffRequest) -> HttpResponse:
    form = _form(request)
    filters = form.filters()
    picture = national.picture(filters)
    names = _names(_lang())
    log_access(request, AccessAction.VIEW, "national_picture", f"{filters.start:%Y-%m}..{filters.end:%Y-%m}")
    keys = [key for key, *_rest in national.COLUMNS]

    def line(row: national.Row) -> dict[str, Any]:
        sent = row.values["referrals_sent"]
        closure = row.closure.amount * 100 / sent.amount if sent.amount and row.closure.seen else None
        return {"name": row.name, "values": [row.values[k] for k in keys], "closure": closure, "medians": row.medians}

    context = {
        "form": form,
        "filters": filters,
        "rows": [line(row) for row in picture.rows],
        "total": line(picture.total),
        "units": ["money" if k.startswith("money") else "count" for k in keys],
        "barriers": picture.barriers,
        "barrier_kinds": picture.barrier_kinds,
        "barrier_kind_totals": picture.barrier_kind_totals,
        "barrier_total": picture.barrier_total,
        "columns": [label for _key, label, *_rest in national.COLUMNS],
        "agency_names": names["agency"],
        "months": national.months_loaded(),
    }
    return render(request, "outcomes/national.html", context)
