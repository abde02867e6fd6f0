"""Importing municipal records: refuse unnamed columns, validate every row, upsert by stable keys, reconcile.

`rows in file = merged + updated + quarantined + duplicates`:
- merged: a person not in the population yet;
- updated: a person already there (same ID number) whose data changed;
- quarantined: a row that failed validation (kept: row number and reason, never its values), or a second row
  of the same ID number in the same file with different data;
- duplicates: a row whose person is already there with exactly this data (from an earlier import, or earlier
  in this file). So importing the same rows again changes nothing.

Rows are applied in chunks; each chunk and the import's counters commit together, so an import stopped
anywhere continues from `rows_done` to exactly the state of a clean run.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import PurePath
from typing import IO, Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.lib.crypto import blind_indexer, encrypt
from mizui.outreach.models import ImportStatus, PopulationMember, QuarantinedRow, RecordImport, Source
from mizui.outreach.services.bulk import insert_rows
from mizui.outreach.services.fields import RowError, RowPlan, check_mapping, unnamed_columns

CHUNK = 5_000
KINDS = {".csv": "csv", ".xlsx": "xlsx"}
ID_PURPOSE = "id"  # the same blind index as cases.Resident.id_index, so the ledger can be matched
UPDATE_FIELDS = [
    "household_key",
    "data",
    "content_hash",
    "role",
    "neighbourhood",
    "language",
    "has_phone",
    "has_address",
    "no_sms",
    "no_letters",
    "source",
    "last_import",
    "last_row",
]


class ImportRefused(ValueError):
    """The file cannot be imported as it is; nothing was stored. The message is for the user."""


def file_kind(name: str) -> str:
    kind = KINDS.get(PurePath(name).suffix.lower())
    if kind is None:
        raise ImportRefused(_("אפשר לייבא קובץ CSV או XLSX בלבד."))
    return kind


@contextmanager
def open_rows(fileobj: IO[bytes], kind: str) -> Iterator[Iterator[list[Any]]]:
    """Rows of the file's first sheet as lists, header first, streamed (never the whole file in memory)."""
    fileobj.seek(0)
    if kind == "csv":
        text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
        try:
            yield iter(csv.reader(text))
        finally:
            text.detach()
        return
    from openpyxl import load_workbook

    book = load_workbook(fileobj, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        yield (list(row) for row in sheet.iter_rows(values_only=True))
    finally:
        book.close()


def read_header(fileobj: IO[bytes], kind: str) -> list[str]:
    try:
        with open_rows(fileobj, kind) as rows:
            header = next(rows, None)
    except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError) as error:
        raise ImportRefused(_("לא הצלחנו לקרוא את הקובץ: %(error)s") % {"error": error}) from None
    if not header:
        raise ImportRefused(_("הקובץ ריק."))
    return [str(cell or "").strip() for cell in header]


def file_hash(fileobj: IO[bytes]) -> str:
    fileobj.seek(0)
    digest = hashlib.sha256()
    for block in iter(lambda: fileobj.read(1 << 20), b""):
        digest.update(block)
    fileobj.seek(0)
    return digest.hexdigest()


def check_mapping_problems(mapping: dict[str, str]) -> list[str]:
    return check_mapping(mapping)


def check_file(header: list[str], mapping: dict[str, str]) -> None:
    """Refuse a file with a column the source's mapping does not name (data minimization)."""
    problems = check_mapping(mapping)
    if problems:
        raise ImportRefused(" ".join(problems))
    extra = unnamed_columns(header, mapping)
    if extra:
        raise ImportRefused(
            _(
                "בקובץ יש עמודות שהמיפוי של המקור לא מכיר: %(columns)s. מידע שלא נחוץ לא נכנס למערכת: "
                "יש להסיר את העמודות מהקובץ, או לסמן אותן במיפוי כ„לא לייבא”."
            )
            % {"columns": ", ".join(extra)}
        )
    if len(set(header)) != len(header):
        raise ImportRefused(_("שתי עמודות בקובץ נושאות אותה כותרת."))


def preview(fileobj: IO[bytes], kind: str, mapping: dict[str, str], rows: int = 10) -> list[dict[str, Any]]:
    """The first rows as the import would see them: clean values or the reason for quarantine."""
    header = read_header(fileobj, kind)
    check_file(header, mapping)
    plan = RowPlan.build(header, mapping, exact=kind == "csv")
    out = []
    with open_rows(fileobj, kind) as reader:
        next(reader)
        for number, row in enumerate(islice(reader, rows), start=1):
            try:
                out.append({"row": number, "values": plan.parse(row), "error": ""})
            except RowError as error:
                out.append({"row": number, "values": {}, "error": error.reason})
    return out


def start_import(
    actor: User | None, *, authority: Authority, source: Source, name: str, fileobj: IO[bytes]
) -> tuple[RecordImport, bool]:
    """Check the file and record the import; the same file of the same source returns its first import."""
    kind = file_kind(name)
    check_file(read_header(fileobj, kind), source.mapping)
    digest = file_hash(fileobj)
    with transaction.atomic():
        existing = RecordImport.objects.for_authority(authority).filter(source=source, file_hash=digest).first()
        if existing is not None:
            return existing, False
        item = RecordImport(
            authority=authority, source=source, file_name=PurePath(name).name[:200], file_hash=digest, kind=kind
        )
        item.created_by = actor
        item.upload.save(f"{digest}.{kind}", File(fileobj), save=False)
        item.save()
        record(
            actor=actor, authority=authority, action=AccessAction.CREATE, object_type="record_import", object_id=item.pk
        )
    return item, True


def _count_rows(fileobj: IO[bytes], kind: str) -> int:
    with open_rows(fileobj, kind) as rows:
        next(rows, None)
        return sum(1 for _row in rows)


@dataclass
class _Seen:
    pk: int | None
    content_hash: str
    last_import_id: int
    last_row: int


MEMBER_COLUMNS = (
    "authority_id",
    "id_index",
    "household_key",
    "data",
    "content_hash",
    "role",
    "neighbourhood",
    "language",
    "has_phone",
    "has_address",
    "no_sms",
    "no_letters",
    "opted_out",
    "source_id",
    "last_import_id",
    "last_row",
)


class _Chunk:
    """Classifies one chunk of numbered rows against the population and writes it."""

    def __init__(self, item: RecordImport, plan: RowPlan, household_mapped: bool) -> None:
        self.item = item
        self.plan = plan
        self.household_mapped = household_mapped
        self.quarantine: list[QuarantinedRow] = []
        self.new: list[tuple[Any, ...]] = []
        self.changed: dict[int, PopulationMember] = {}
        self.counts = {"merged": 0, "updated": 0, "quarantined": 0, "duplicates": 0}
        self.id_index = blind_indexer(ID_PURPOSE)
        self.row_index = blind_indexer("outreach-row")
        self.household_index = blind_indexer("outreach-household")

    def _quarantine(self, number: int, field: str, reason: str) -> None:
        self.quarantine.append(
            QuarantinedRow(
                authority=self.item.authority,
                record_import=self.item,
                row_number=number,
                field=field,
                reason=reason[:200],
            )
        )
        self.counts["quarantined"] += 1

    def _fields(self, values: dict[str, Any], id_index: str) -> dict[str, Any]:
        household = values.get("household_id") if self.household_mapped else None
        key = self.household_index(f"{self.item.source_id}:{household}") if household else id_index
        return {
            "household_key": key,
            "role": values.get("role", "applicant"),
            "neighbourhood": values.get("neighbourhood", "")[:100],
            "language": values.get("language", "he"),
            "has_phone": bool(values.get("phone")),
            "has_address": bool(values.get("address")),
            "no_sms": values.get("no_sms", False),
            "no_letters": values.get("no_letters", False),
        }

    def apply(self, rows: list[tuple[int, list[Any]]]) -> None:
        parsed: list[tuple[int, dict[str, Any], str, str]] = []
        for number, row in rows:
            try:
                values = self.plan.parse(row)
            except RowError as error:
                self._quarantine(number, error.field, error.reason)
                continue
            content = json.dumps(values, ensure_ascii=False, sort_keys=True)
            parsed.append((number, values, self.id_index(values["id_number"]), content))
        keys = {p[2] for p in parsed}
        known = {
            i: _Seen(pk, h, imp, row)
            for i, pk, h, imp, row in PopulationMember.objects.for_authority(self.item.authority)
            .filter(id_index__in=keys)
            .values_list("id_index", "pk", "content_hash", "last_import_id", "last_row")
        }
        for number, values, id_index, content in parsed:
            self._classify(number, values, id_index, content, known)
        self._write()

    def _classify(
        self, number: int, values: dict[str, Any], id_index: str, content: str, known: dict[str, _Seen]
    ) -> None:
        content_hash = self.row_index(f"{self.item.source_id}:{content}")
        before = known.get(id_index)
        if before is not None and before.content_hash == content_hash:
            self.counts["duplicates"] += 1
            return
        if before is not None and before.last_import_id == self.item.pk:
            reason = _("מספר הזהות הופיע כבר בשורה %(row)s של הקובץ, עם נתונים אחרים") % {"row": before.last_row}
            self._quarantine(number, "id_number", reason)
            return
        fields = self._fields(values, id_index)
        known[id_index] = _Seen(before.pk if before else None, content_hash, self.item.pk, number)
        if before is None:
            self.new.append(
                (
                    self.item.authority_id,
                    id_index,
                    fields["household_key"],
                    encrypt(content),
                    content_hash,
                    *(fields[k] for k in ("role", "neighbourhood", "language", "has_phone", "has_address")),
                    fields["no_sms"],
                    fields["no_letters"],
                    False,
                    self.item.source_id,
                    self.item.pk,
                    number,
                )
            )
            self.counts["merged"] += 1
            return
        assert before.pk is not None
        self.changed[before.pk] = PopulationMember(
            pk=before.pk,
            authority_id=self.item.authority_id,
            id_index=id_index,
            data=content,
            content_hash=content_hash,
            source_id=self.item.source_id,
            last_import_id=self.item.pk,
            last_row=number,
            **fields,
        )
        self.counts["updated"] += 1

    def _write(self) -> None:
        insert_rows(PopulationMember, MEMBER_COLUMNS, self.new)
        if self.changed:
            PopulationMember.objects.bulk_update(self.changed.values(), UPDATE_FIELDS, batch_size=500)
        QuarantinedRow.objects.bulk_create(self.quarantine, batch_size=1000)


def _numbered(rows: Iterable[list[Any]], start: int) -> Iterator[tuple[int, list[Any]]]:
    return enumerate(rows, start=start)


ChunkHook = Callable[[RecordImport, list[tuple[int, list[Any]]]], None]


def run_import(item: RecordImport, *, chunk: int = CHUNK, before_commit: ChunkHook | None = None) -> RecordImport:
    """Import (or continue importing) one file. Each chunk runs in its own tenant transaction.

    `before_commit` is called inside each chunk's transaction after its rows are written (tests use it to
    stop an import halfway, as a killed worker would).
    """
    authority = item.authority
    with tenant_context(authority):
        # Fresh from the database (a rerun continues from the committed counters), source included: under
        # row-level security a lazy load outside the tenant would find nothing.
        item = RecordImport.objects.select_related("source", "authority").get(pk=item.pk)
    if item.status == ImportStatus.DONE:
        return item
    with item.upload.open("rb") as fileobj:
        header = read_header(fileobj, item.kind)
        check_file(header, item.source.mapping)
        plan = RowPlan.build(header, item.source.mapping, exact=item.kind == "csv")
        household_mapped = "household_id" in item.source.mapping.values()
        with tenant_context(authority):
            if item.rows_total is None:
                item.rows_total = _count_rows(fileobj, item.kind)
            item.status = ImportStatus.RUNNING
            item.save(update_fields=["rows_total", "status"])
        with open_rows(fileobj, item.kind) as reader:
            next(reader)
            rows = _numbered(islice(reader, item.rows_done, None), item.rows_done + 1)
            while batch := list(islice(rows, chunk)):
                with tenant_context(authority):
                    _apply_chunk(item, plan, household_mapped, batch, before_commit)
    with tenant_context(authority):
        item.status = ImportStatus.DONE
        item.finished_at = timezone.now()
        item.save(update_fields=["status", "finished_at"])
        record(
            actor=None, authority=authority, action=AccessAction.UPDATE, object_type="record_import", object_id=item.pk
        )
    item.upload.delete(save=False)
    with tenant_context(authority):
        item.save(update_fields=["upload"])
    return item


def _apply_chunk(
    item: RecordImport,
    plan: RowPlan,
    household_mapped: bool,
    batch: list[tuple[int, list[Any]]],
    before_commit: ChunkHook | None,
) -> None:
    # The row lock makes a second worker on the same import wait, then see that this chunk is done.
    locked = RecordImport.objects.select_for_update().get(pk=item.pk)
    if locked.rows_done != batch[0][0] - 1:
        raise RuntimeError(f"import {item.pk} moved on under another worker")
    work = _Chunk(item, plan, household_mapped)
    work.apply(batch)
    item.rows_done = batch[-1][0]
    for name, count in work.counts.items():
        setattr(item, name, getattr(item, name) + count)
    item.save(update_fields=["rows_done", *work.counts])
    if before_commit is not None:
        before_commit(item, batch)


def fail_import(item: RecordImport, error: Exception) -> None:
    with tenant_context(item.authority):
        item.status = ImportStatus.FAILED
        item.error = str(error)[:300]
        item.save(update_fields=["status", "error"])
