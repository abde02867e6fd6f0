"""The imported population: sources with their saved column mapping, imports with their reconciliation,
quarantined rows, and one row per person of the authority's municipal records."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mizui.accounts.models import TenantModel, TenantQuerySet
from mizui.lib.crypto import EncryptedTextField
from mizui.outreach.models.leases import Leased


class Source(TenantModel):
    """Where records come from (arnona payers, welfare clients, a partner's list), with its column mapping.

    `mapping` names every column the source's files may have: {column header: contract field}, where an
    empty field means "named, but never read". A file with any other column is refused (data minimization).
    """

    name = models.CharField(_("שם המקור"), max_length=100)
    mapping = models.JSONField(default=dict)
    # {contract field: {value as the source writes it: contract value}}: a welfare export's "שוכר" is "renter".
    recode = models.JSONField(default=dict, blank=True)
    # Where two sources disagree on a fact, the file whose data is newer wins; on the same date, the source with
    # the lower number (the more authoritative: the national insurer's list before a school list).
    precedence = models.PositiveSmallIntegerField(_("עדיפות (מספר נמוך גובר)"), default=100)
    # A household id of this source means the same household in every file of it (a welfare family file); else
    # it groups persons within one file only (an arnona export's row of an account).
    stable_households = models.BooleanField(_("מזהה משק הבית קבוע בין קבצים"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet["Source"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority", "name"], name="outreach_source_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("תצוגה מקדימה")
    QUEUED = "queued", _("ממתין")
    RUNNING = "running", _("בתהליך")
    DONE = "done", _("הסתיים")
    FAILED = "failed", _("נכשל")


class RecordImport(Leased, TenantModel):
    """One uploaded file of one source. The counters are written with each chunk of rows, in its transaction,
    so an import stopped anywhere resumes from `rows_done` to exactly the state of a clean run."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="imports")
    file_name = models.CharField(max_length=200)
    file_hash = models.CharField(max_length=64)
    kind = models.CharField(max_length=5)  # csv | xlsx
    # The sheet of a workbook to import: the one that has the source's columns, or the one the person importing
    # chose when several have them (empty while that choice waits, and for text files).
    sheet = models.CharField(max_length=100, blank=True, default="")
    # The date the file's data is as of (an export's date); empty: the day it was imported.
    data_date = models.DateField(_("הנתונים נכונים ליום"), null=True, blank=True)
    # The uploaded file waits here for the background task and is deleted when the import is done.
    upload = models.FileField(upload_to="outreach/imports/", blank=True, default="")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(_("חדשים"), default=0)
    updated = models.PositiveIntegerField(_("עודכנו"), default=0)
    quarantined = models.PositiveIntegerField(_("בהסגר"), default=0)
    duplicates = models.PositiveIntegerField(_("כפולים"), default=0)
    error = models.CharField(max_length=300, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet["RecordImport"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # The same file of the same source is imported once: uploading it again finds this row.
            models.UniqueConstraint(fields=["authority", "source", "file_hash"], name="outreach_import_once")
        ]

    def __str__(self) -> str:
        return f"import {self.pk} of {self.file_name}"

    @property
    def accounted(self) -> int:
        return self.merged + self.updated + self.quarantined + self.duplicates

    @property
    def progress(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.RUNNING}

    def reconciliation(self) -> dict[str, Any]:
        return {
            "import": self.pk,
            "source": self.source.name,
            "file": self.file_name,
            "sha256": self.file_hash,
            "status": self.status,
            "rows_in_file": self.rows_total,
            "merged": self.merged,
            "updated": self.updated,
            "quarantined": self.quarantined,
            "duplicates": self.duplicates,
            "balanced": self.rows_total == self.accounted,
        }


class QuarantinedRow(TenantModel):
    """A row that was not imported, with its number and why, and its mapped cells (encrypted) so that staff can
    correct it and submit it again (`importer.resubmit`). Once it is in, its cells are erased and `fixed_at` says
    when; columns the mapping does not import are never kept."""

    record_import = models.ForeignKey(RecordImport, on_delete=models.CASCADE, related_name="quarantine")
    row_number = models.PositiveIntegerField()  # 1 = the first row after the header
    field = models.CharField(max_length=60, blank=True, default="")
    reason = models.CharField(max_length=200)
    # {field name: the cell as the file wrote it}, JSON, encrypted; empty once fixed.
    cells = EncryptedTextField(blank=True, default="")
    fixed_at = models.DateTimeField(null=True, blank=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = TenantQuerySet["QuarantinedRow"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["record_import", "row_number"], name="outreach_quarantine_row_once")
        ]

    def __str__(self) -> str:
        return f"row {self.row_number} of import {self.record_import_id}"


class PopulationMember(TenantModel):
    """One person of the authority's municipal records, keyed by the blind index of the ID number.

    `data` holds, encrypted in one token (one Fernet operation per row keeps a million-row import within
    minutes), who the person is (name, ID number, phone, address) and the household-contract facts the batch
    screening reads (incomes, disability, benefits received). In clear only what lists segment on.
    """

    id_index = models.CharField(max_length=64)
    household_key = models.CharField(max_length=64)
    data = EncryptedTextField()
    # A keyed hash of the row's content: the same row imported again is recognised without decrypting.
    content_hash = models.CharField(max_length=64)
    role = models.CharField(max_length=10, default="applicant")
    neighbourhood = models.CharField(_("שכונה"), max_length=100, blank=True, default="")
    language = models.CharField(_("שפה"), max_length=5, default="he")
    has_phone = models.BooleanField(default=False)
    has_address = models.BooleanField(default=False)
    no_sms = models.BooleanField(default=False)
    no_letters = models.BooleanField(default=False)
    # Asked not to be contacted again (a campaign's call or visit): no campaign reaches them, whatever the channel.
    opted_out = models.BooleanField(default=False)
    # No index of their own: nothing looks members up by source or import, and every index costs each of a
    # million-row import's INSERTs (deleting a source or an import, which only PROTECT checks, may scan).
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+", db_index=False)
    last_import = models.ForeignKey(RecordImport, on_delete=models.PROTECT, related_name="+", db_index=False)
    last_row = models.PositiveIntegerField()

    objects = TenantQuerySet["PopulationMember"].as_manager()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["authority", "id_index"], name="outreach_member_one_per_id")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["authority", "household_key"], name="outreach_member_household")
        ]

    def __str__(self) -> str:
        return f"population member {self.pk}"
