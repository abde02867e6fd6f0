"""The outreach overview, sources with their column mapping, and imports (preview, progress, reconciliation)."""

from __future__ import annotations

import io
import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mizui.accounts.audit import log_access
from mizui.accounts.decorators import staff_required
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction
from mizui.lib.forms import error_text
from mizui.outreach import tasks
from mizui.outreach.access import access_import, access_source
from mizui.outreach.forms import MappingForm, QuarantineFixForm, RecodeForm, SampleForm, SheetForm, UploadForm
from mizui.outreach.models import BatchRun, Campaign, ImportStatus, OutreachList, QuarantinedRow, RecordImport, Source
from mizui.outreach.services import importer, reading, sources
from mizui.outreach.services.fields import FIELDS, RowError
from mizui.outreach.views import PERSONAL_ROLES, VIEW_ROLES, job_state

QUARANTINE_SHOWN = 200


@require_GET
@staff_required(VIEW_ROLES)
def index(request: StaffRequest) -> HttpResponse:
    authority = request.authority
    context = {
        "sources": Source.objects.for_authority(authority).order_by("name"),
        "imports": RecordImport.objects.for_authority(authority).select_related("source").order_by("-created_at")[:10],
        "runs": BatchRun.objects.for_authority(authority).order_by("-created_at")[:5],
        "lists": OutreachList.objects.for_authority(authority).order_by("-created_at")[:10],
        "campaigns": Campaign.objects.for_authority(authority).order_by("-created_at")[:10],
        "can_act": request.membership.role in PERSONAL_ROLES,
        "upload_form": UploadForm(authority=authority),
    }
    return render(request, "outreach/index.html", context)


@require_http_methods(["GET", "POST"])
@staff_required(PERSONAL_ROLES)
def source_new(request: StaffRequest) -> HttpResponse:
    """Step 1: a name and a sample file (only its header is read). Step 2: map each column."""
    if request.method == "POST" and "columns" in request.POST:
        columns = json.loads(request.POST["columns"])
        form = MappingForm(request.POST, columns=columns)
        name = request.POST.get("name", "").strip()[:100]
        if form.is_valid() and name:
            mapping = form.mapping()
            problems = reading.check_mapping_problems(mapping)
            if not problems:
                source, _created = Source.objects.update_or_create(
                    authority=request.authority, name=name, defaults={"mapping": mapping}
                )
                log_access(request, AccessAction.UPDATE, "outreach_source", source.pk)
                messages.success(request, _("המיפוי של המקור נשמר."))
                return redirect("outreach:index")
            messages.error(request, " ".join(problems))
        return render(
            request, "outreach/source_mapping.html", {"form": form, "name": name, "columns_json": json.dumps(columns)}
        )
    sample = SampleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and sample.is_valid():
        upload = sample.cleaned_data["file"]
        try:
            kind = reading.file_kind(upload.name, upload.file)
            found = reading.read_layout(upload.file, kind, sheet=sample.cleaned_data["sheet"].strip())
        except importer.ImportRefused as error:
            sample.add_error("file", str(error))
        else:
            header = list(found.columns)
            existing = Source.objects.for_authority(request.authority).filter(name=sample.cleaned_data["name"]).first()
            form = MappingForm(columns=header, initial_mapping=existing.mapping if existing else None)
            context = {
                "form": form,
                "name": sample.cleaned_data["name"],
                "columns_json": json.dumps(header),
                "layout": found.describe(),
            }
            return render(request, "outreach/source_mapping.html", context)
    return render(request, "outreach/source_new.html", {"form": sample})


@require_POST
@staff_required(PERSONAL_ROLES)
def import_new(request: StaffRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES, authority=request.authority)
    if not form.is_valid():
        messages.error(request, _("הקובץ לא הועלה: %(errors)s") % {"errors": error_text(form)})
        return redirect("outreach:index")
    upload = form.cleaned_data["file"]
    source = access_source(request, form.cleaned_data["source"].pk)
    try:
        item, created = importer.start_import(
            request.user, authority=request.authority, source=source, name=upload.name, fileobj=upload.file
        )
    except importer.ImportRefused as error:
        messages.error(request, _("הקובץ נדחה: %(reason)s") % {"reason": error})
        return redirect("outreach:index")
    if not created:
        messages.info(request, _("הקובץ הזה כבר יובא מהמקור הזה; לא שונה דבר. זו ההתאמה של הייבוא הקודם."))
    return redirect("outreach:import", pk=item.pk)


@require_GET
@staff_required(VIEW_ROLES)
def import_detail(request: StaffRequest, pk: int) -> HttpResponse:
    """The import's page; while it waits or runs, its live block polls this view (htmx) for itself every 2 seconds, and
    the poll that finds it finished brings the reconciliation and a notice in the page's live region, and stops."""
    item = access_import(request, pk)
    htmx = bool(getattr(request, "htmx", False))
    preview = sheets = None
    if item.status == ImportStatus.PREVIEW and item.upload and request.membership.role in PERSONAL_ROLES:
        sheets = importer.sheet_choices(item)
        if not sheets:
            preview = _preview(item)
    can_act = request.membership.role in PERSONAL_ROLES
    context = {
        "item": item,
        "preview": preview,
        "sheet_form": SheetForm(sheets=sheets) if sheets else None,
        "quarantine": item.quarantine.filter(fixed_at__isnull=True).order_by("row_number")[:QUARANTINE_SHOWN],
        "fixed": item.quarantine.filter(fixed_at__isnull=False).count(),
        "can_act": can_act,
        "shown": QUARANTINE_SHOWN,
        "finished_now": htmx and not item.is_running,
        # A failed import, or one whose worker died, continues from its last chunk: it needs its file.
        **job_state(item, can_act=can_act and bool(item.upload), resumable=item.status == ImportStatus.FAILED),
    }
    template = "outreach/import.html#import-progress" if htmx else "outreach/import.html"
    return render(request, template, context)


def _preview(item: RecordImport) -> dict[str, object]:
    """The first rows as the import will read them, and what the file holds that it would not import (the rows with
    their reasons, values nothing covers, dates whose order is in doubt, lines at its end that are not data)."""
    mapping, recode, sheet = item.source.mapping, item.source.recode, item.sheet
    try:
        with item.upload.open("rb") as handle:
            # A CSV's first rows are at its start; a spreadsheet (a zip) must be read whole.
            data = io.BytesIO(handle.read(4 << 20)) if item.kind == "csv" else handle
            rows = reading.preview(data, item.kind, mapping, recode=recode, sheet=sheet)
            handle.seek(0)
            found = reading.inspect(handle, item.kind, mapping, recode, sheet=sheet)
    except importer.ImportRefused as error:
        return {"refused": str(error)}
    labels = {name: f.label for name, f in FIELDS.items()}
    shown = [f for f in dict.fromkeys(mapping.values()) if f]
    values = [(name, value, count) for name, found_values in found.uncovered.items() for value, count in found_values]
    return {
        "columns": [labels[f] for f in shown],
        "rows": [{**r, "cells": [r["values"].get(f, "") for f in shown]} for r in rows],
        "bad": found.bad,
        "layout": found.layout.describe(),
        "footer": found.footer,
        "dates": [(labels[name], order) for name, order in found.dates.items()],
        "recode_form": RecodeForm(values=values) if values else None,
        "recode_values": json.dumps(values, ensure_ascii=False),
    }


@require_POST
@staff_required(PERSONAL_ROLES)
def import_sheet(request: StaffRequest, pk: int) -> HttpResponse:
    """The sheet of a workbook to import, when several have the source's columns."""
    item = access_import(request, pk)
    form = SheetForm(request.POST, sheets=importer.sheet_choices(item))
    if not form.is_valid():
        messages.error(request, _("יש לבחור גיליון: %(errors)s") % {"errors": error_text(form)})
        return redirect("outreach:import", pk=item.pk)
    chosen = importer.choose_sheet(request.user, item, form.cleaned_data["sheet"])
    if chosen.pk != item.pk:
        messages.info(request, _("הגיליון הזה מהקובץ הזה כבר הועלה מהמקור הזה; זה הייבוא שלו."))
    return redirect("outreach:import", pk=chosen.pk)


@require_POST
@staff_required(PERSONAL_ROLES)
def import_recode(request: StaffRequest, pk: int) -> HttpResponse:
    """Save what the values a file writes mean, in its source's recoding, and show the preview again."""
    item = access_import(request, pk)
    try:
        values = [(str(f), str(v), int(n)) for f, v, n in json.loads(request.POST.get("values", "[]"))]
    except (ValueError, TypeError):
        values = []
    form = RecodeForm(request.POST, values=[v for v in values if v[0] in FIELDS])
    if form.is_valid() and form.recoding():
        try:
            sources.add_recoding(request.user, source=item.source, recoding=form.recoding())
        except ValueError:
            messages.error(request, _("אחד הערכים שנבחרו אינו ערך של השדה; לא נשמר דבר."))
        else:
            messages.success(request, _("הקידוד נשמר במקור, ויחול על כל הקבצים שלו."))
    return redirect("outreach:import", pk=item.pk)


@require_POST
@staff_required(PERSONAL_ROLES)
def import_start(request: StaffRequest, pk: int) -> HttpResponse:
    """Start an import after its preview, or take it up again: failed, or stopped because its worker died."""
    item = access_import(request, pk)
    if importer.sheet_choices(item):
        messages.error(request, _("יש לבחור קודם את הגיליון לייבוא."))
        return redirect("outreach:import", pk=item.pk)
    if tasks.queue(item):
        log_access(request, AccessAction.UPDATE, "record_import", item.pk)
    else:
        messages.info(request, _("הייבוא כבר רץ או הסתיים; לא נוסף דבר."))
    return redirect("outreach:import", pk=item.pk)


@require_http_methods(["GET", "POST"])
@staff_required(PERSONAL_ROLES)
def quarantine_fix(request: StaffRequest, pk: int, row: int) -> HttpResponse:
    """Correct one quarantined row and import it: the row's cells as the file wrote them, the reason it was refused,
    and the same checks as the file's rows. Its cells are personal data: each view and each fix is logged."""
    item = access_import(request, pk)
    quarantined = QuarantinedRow.objects.filter(record_import=item, pk=row, fixed_at__isnull=True).first()
    if quarantined is None:
        raise Http404
    quarantined.record_import = item
    form = QuarantineFixForm(request.POST or None, cells=importer.correctable(quarantined))
    if request.method == "POST" and form.is_valid():
        try:
            outcome = importer.resubmit(request.user, quarantined, form.cells())
        except RowError as error:
            form.add_error(error.field if error.field in form.fields else None, error.reason)
        else:
            text = {
                "merged": _("השורה תוקנה ויובאה: נוסף אדם חדש."),
                "updated": _("השורה תוקנה ויובאה: הפרטים עודכנו."),
            }
            messages.success(request, text.get(outcome, _("השורה תוקנה; לא היה בה מידע חדש.")))
            return redirect("outreach:import", pk=item.pk)
    log_access(request, AccessAction.VIEW, "quarantined_row", quarantined.pk)
    context = {"item": item, "row": quarantined, "form": form}
    return render(request, "outreach/quarantine_fix.html", context)
