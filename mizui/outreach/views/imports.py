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
from mizui.outreach.forms import MappingForm, QuarantineFixForm, SampleForm, UploadForm
from mizui.outreach.models import BatchRun, Campaign, ImportStatus, OutreachList, QuarantinedRow, RecordImport, Source
from mizui.outreach.services import importer
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
            problems = importer.check_mapping_problems(mapping)
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
            header = importer.read_header(upload.file, importer.file_kind(upload.name))
        except importer.ImportRefused as error:
            messages.error(request, str(error))
        else:
            existing = Source.objects.for_authority(request.authority).filter(name=sample.cleaned_data["name"]).first()
            form = MappingForm(columns=header, initial_mapping=existing.mapping if existing else None)
            context = {"form": form, "name": sample.cleaned_data["name"], "columns_json": json.dumps(header)}
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
    preview = None
    if item.status == ImportStatus.PREVIEW and item.upload and request.membership.role in PERSONAL_ROLES:
        with item.upload.open("rb") as handle:
            # A CSV's first rows are at its start; a spreadsheet (a zip) must be read whole.
            data = io.BytesIO(handle.read(4 << 20)) if item.kind == "csv" else handle
            rows = importer.preview(data, item.kind, item.source.mapping, recode=item.source.recode)
            handle.seek(0)
            bad = importer.bad_rows(handle, item.kind, item.source.mapping, recode=item.source.recode)
        labels = {name: f.label for name, f in FIELDS.items()}
        shown = [f for f in item.source.mapping.values() if f]
        preview = {
            "columns": [labels[f] for f in shown],
            "rows": [{**r, "cells": [r["values"].get(f, "") for f in shown]} for r in rows],
            "bad": bad,
        }
    can_act = request.membership.role in PERSONAL_ROLES
    context = {
        "item": item,
        "preview": preview,
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


@require_POST
@staff_required(PERSONAL_ROLES)
def import_start(request: StaffRequest, pk: int) -> HttpResponse:
    """Start an import after its preview, or take it up again: failed, or stopped because its worker died."""
    item = access_import(request, pk)
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
