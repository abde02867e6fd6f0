"""Work queues and resident search: what to do next, sorted by what matters (money at risk first)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction
from mizui.cases import services
from mizui.cases.access import is_volunteer
from mizui.cases.models import Entitlement, Stage, Task
from mizui.cases.views.staff import ANY_CASEWORKER, PAGE, STAFF, program_names

QUEUES = {
    "mine": _("המשימות שלי"),
    "money": _("כסף בסיכון"),
    "waiting": _("ממתין לגוף"),
    "documents": _("חסרים מסמכים"),
    "renewals": _("חידושים קרובים"),
}
RENEWAL_HORIZON = dt.timedelta(days=60)


def _entitlements(request: StaffRequest, name: str) -> QuerySet[Entitlement]:
    # Each order ends with pk and matches a partial index of its own (ledger.py), so a page is a short
    # index-only scan however long the queue.
    rows = Entitlement.objects.for_authority(request.authority)
    if is_volunteer(request):
        rows = rows.filter(case__volunteer=request.user)
    if name == "money":
        return rows.by_money_at_risk()
    if name == "waiting":
        return rows.filter(stage__in=[Stage.SUBMITTED, Stage.APPEALED]).order_by("submitted_on", "pk")
    if name == "documents":
        return rows.filter(stage=Stage.DOCUMENTS).order_by("-monthly_amount", "pk")
    horizon = timezone.localdate() + RENEWAL_HORIZON
    return rows.filter(stage__in=[Stage.PAID, Stage.RENEWAL_DUE], renewal_due_on__lte=horizon).order_by(
        "renewal_due_on", "pk"
    )


@dataclass(frozen=True)
class QueuePage:
    """A page of a long queue, found without COUNT(*) (counting a million rows at risk took a second)."""

    object_list: list[Any]  # ledger rows, each given its right's display name by the view
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def queue_page(rows: QuerySet[Entitlement], number: int) -> QueuePage:
    """The ids of one page first, straight from the queue's index, then those rows with their cases.

    Keyset cursors would not be faster here: under row-level security PostgreSQL uses no index for a
    comparison on a numeric column (numeric comparison is not leakproof), so seeking past a cursor on
    money at risk scans as far as an offset does, and an offset over an index-only scan is cheap.
    """
    start = (number - 1) * PAGE
    ids = list(rows.values_list("pk", flat=True)[start : start + PAGE + 1])
    found = rows.filter(pk__in=ids[:PAGE]).select_related("case").in_bulk()
    return QueuePage([found[pk] for pk in ids[:PAGE]], number, len(ids) > PAGE)


def _page_number(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 100_000 else 1


@require_GET
@staff_required(ANY_CASEWORKER)
def queue(request: StaffRequest, name: str = "mine") -> HttpResponse:
    if name not in QUEUES:
        raise Http404
    context: dict[str, object] = {"queues": QUEUES, "current": name, "volunteer_view": is_volunteer(request)}
    if name == "mine":
        tasks = Task.objects.for_authority(request.authority).open().filter(owner=request.user)
        context["page"] = Paginator(tasks.select_related("case").order_by("due_on", "pk"), PAGE).get_page(
            request.GET.get("page")
        )
    else:
        page = queue_page(_entitlements(request, name), _page_number(request.GET.get("page")))
        names = program_names(translation.get_language() or "he")
        for row in page.object_list:
            row.display_name = names.get(row.program, row.program)
        context["page"] = page
    log_access(request, AccessAction.VIEW, "queue", name)
    return render(request, "cases/queue.html", context)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("שם, מספר זהות או טלפון"), max_length=100)


@require_http_methods(["GET", "POST"])
@staff_required(STAFF)
def search(request: StaffRequest) -> HttpResponse:
    # POST, so an ID number or phone typed here never lands in a URL, a proxy log or the history.
    form = SearchForm(request.POST if request.method == "POST" else None)
    results = []
    if form.is_valid():
        results = services.search_residents(request.authority, form.cleaned_data["q"])
        # The query itself may be an ID number: log that a search happened, never what was typed.
        log_access(request, AccessAction.VIEW, "resident_search", len(results))
    return render(request, "cases/search.html", {"form": form, "results": results, "searched": form.is_bound})
