"""Importing municipal records: refuse unnamed columns, validate every row, upsert by stable keys, reconcile.

`rows in file = merged + updated + quarantined + duplicates`:
- merged: a person not in the population yet;
- updated: a person already there (same ID number, from any source) whose record the row changes: its facts are
  merged into theirs fact by fact (``merge``: the newer data wins, then the more authoritative source);
- quarantined: a row that failed validation (kept: row number and reason, never its values), or a second row
  of the same ID number in the same file with different data;
- duplicates: a row whose person is already there with exactly this data (from an earlier import, or earlier
  in this file), or whose facts the person's record already has. So importing the same rows again changes nothing.

Rows are applied in chunks; each chunk and the import's counters commit together, so an import stopped
anywhere continues from `rows_done` to exactly the state of a clean run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import PurePath
from typing import IO, Any

from django.core.files.base import File
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.lib.bulk import insert_rows, text_array, update_rows
from mizui.lib.crypto import blind_indexer, decrypt, encrypt
from mizui.lib.parallel import WORKERS, ordered_map
from mizui.lib.textfiles import TextEncodingError, check_text
from mizui.outreach.models import ImportStatus, PopulationMember, QuarantinedRow, RecordImport, Source
from mizui.outreach.services.fields import FIELDS, RowError, RowPlan
from mizui.outreach.services.reading import ImportRefused as ImportRefused  # what start_import raises
from mizui.outreach.services.reading import (
    SheetNeeded,
    check_file,
    count_rows,
    file_kind,
    open_table,
    read_layout,
)

CHUNK = 5_000
ID_PURPOSE = "id"  # the same blind index as cases.Resident.id_index, so the ledger can be matched


def file_hash(fileobj: IO[bytes]) -> str:
    fileobj.seek(0)
    digest = hashlib.sha256()
    for block in iter(lambda: fileobj.read(1 << 20), b""):
        digest.update(block)
    fileobj.seek(0)
    return digest.hexdigest()


def start_import(
    actor: User | None, *, authority: Authority, source: Source, name: str, fileobj: IO[bytes], sheet: str = ""
) -> tuple[RecordImport, bool]:
    """Check the file and record the import; the same file (and sheet) of the same source returns its first import.

    A workbook with several sheets that have the source's columns is recorded without a sheet: its page asks which
    one (``choose_sheet``) before it can be previewed or imported."""
    kind = file_kind(name, fileobj)
    try:
        found = read_layout(fileobj, kind, source.mapping, sheet)
    except SheetNeeded:
        sheet = ""
    else:
        check_file(list(found.columns), source.mapping)
        sheet = found.sheet
    if kind == "csv":
        try:
            check_text(fileobj)  # the whole file: refused now, not halfway through its import
        except TextEncodingError as error:
            raise ImportRefused(str(error)) from None
    digest = file_hash(fileobj)
    with transaction.atomic():
        same = RecordImport.objects.for_authority(authority).filter(source=source, file_hash=digest)
        existing = same.filter(sheet=sheet).first()
        if existing is not None and (existing.upload or existing.status == ImportStatus.DONE):
            return existing, False
        if existing is not None:
            return _attach_again(actor, existing, fileobj), True
        item = RecordImport(
            authority=authority,
            source=source,
            file_name=PurePath(name).name[:200],
            file_hash=digest,
            kind=kind,
            sheet=sheet[:100],
        )
        item.created_by = actor
        item.upload.save(f"{digest}.{kind}", File(fileobj), save=False)
        item.save()
        record(
            actor=actor, authority=authority, action=AccessAction.CREATE, object_type="record_import", object_id=item.pk
        )
    return item, True


def sheet_choices(item: RecordImport) -> list[str]:
    """The sheets of an import's workbook that have its source's columns, when it waits for one to be chosen."""
    if item.kind != "xlsx" or item.sheet or not item.upload:
        return []
    with item.upload.storage.open(item.upload.name, "rb") as handle:  # a fresh handle: asked more than once a request
        try:
            read_layout(handle, item.kind, item.source.mapping)
        except SheetNeeded as needed:
            return needed.sheets
        except ImportRefused:
            return []
    return []


def choose_sheet(actor: User, item: RecordImport, sheet: str) -> RecordImport:
    """The sheet of a workbook to import, chosen among those with the source's columns. When that sheet of the same
    file was imported already, that import is the answer, and this one (nothing in it yet) goes. Call inside the
    tenant."""
    if sheet not in sheet_choices(item):
        raise ImportRefused(_("אין בחוברת גיליון כזה עם העמודות של המקור."))
    with transaction.atomic():
        same = RecordImport.objects.for_authority(item.authority).filter(
            source=item.source_id, file_hash=item.file_hash, sheet=sheet
        )
        other = same.exclude(pk=item.pk).first()
        if other is not None:
            discard_upload(item)
            item.delete()
            return other
        item.sheet = sheet[:100]
        item.save(update_fields=["sheet"])
        record(
            actor=actor,
            authority=item.authority,
            action=AccessAction.UPDATE,
            object_type="record_import",
            object_id=item.pk,
        )
    return item


def _attach_again(actor: User | None, item: RecordImport, fileobj: IO[bytes]) -> RecordImport:
    # An import whose file was deleted (it failed, or waited past IMPORT_FILE_RETENTION_HOURS) gets the same
    # file again, checked by its hash: it continues from its last chunk.
    item.upload.save(f"{item.file_hash}.{item.kind}", File(fileobj), save=False)
    item.save(update_fields=["upload"])
    record(
        actor=actor,
        authority=item.authority,
        action=AccessAction.UPDATE,
        object_type="record_import",
        object_id=item.pk,
    )
    return item


@dataclass
class _Seen:
    pk: int | None
    content_hash: str
    last_import_id: int
    last_row: int
    token: str = ""  # the member's record as stored (encrypted): what a row of another file merges into
    household_key: str = ""


FROM = "_from"  # in a member's record: per fact, the stamp of the file it came from (see ``merge``)
HOUSEHOLD = "_household"  # in a member's record: the household key the winning file gave
RECEIVES = "_receives"  # in a member's record: per source, what it says the person receives
ALL = "*"  # in a record's stamps: the stamp of every fact without one of its own (a record from one file)


def first_record(values: dict[str, Any], stamp: list[Any]) -> dict[str, Any]:
    """A new member's record from one row: one stamp for all its facts (a record per fact would double a
    million-row import's bytes to encrypt and write)."""
    record = {**values, FROM: {ALL: stamp}}
    if "receives" in values:
        record[RECEIVES] = {str(stamp[2]): values["receives"]}
    return record


def stamp_wins(stamp: list[Any], have: list[Any]) -> bool:
    """Whether a file's fact replaces the one a member has: newer data wins; on the same date, the more
    authoritative source (lower precedence number); on a tie, the file imported last."""
    return (stamp[0], -stamp[1]) >= (have[0], -have[1])


def merge(old: dict[str, Any], new: dict[str, Any], stamp: list[Any]) -> dict[str, Any]:
    """A member's record with a row of another file merged in, fact by fact: a fact the row does not give (a
    column the source lacks, an empty cell) keeps its value; a fact it gives replaces the member's where the file
    wins (``stamp_wins``). Each fact keeps the stamp ([data date, precedence, source id]) of the file it is from.
    A record stored before facts were stamped loses to any file."""
    out = dict(old)
    stamps = dict(old.get(FROM, {}))
    every = stamps.get(ALL)
    for field, value in new.items():
        if field == "receives":
            continue
        have = stamps.get(field, every)
        if field not in old or have is None or stamp_wins(stamp, have):
            out[field] = value
            stamps[field] = stamp
    if "receives" in new:
        # What a person receives is what any source says they receive (each knows its own benefits: the arnona
        # file its discounts, the national insurer its pensions); a source's later file replaces its own list.
        lists = dict(old.get(RECEIVES, {}))
        if "receives" in old and not lists:  # stored before sources were kept apart
            lists["earlier"] = old["receives"]
        lists[str(stamp[2])] = new["receives"]
        out[RECEIVES] = lists
        out["receives"] = ";".join(sorted({p for v in lists.values() for p in v.split(";") if p}))
        stamps["receives"] = stamp
    out[FROM] = stamps
    return out


def _facts(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != FROM}


def clear_columns(record: dict[str, Any], household_key: str) -> tuple[Any, ...]:
    """What a member keeps in clear (PREPARED_FIELDS), from their merged record."""
    return (
        household_key,
        record.get("role", "applicant"),
        record.get("neighbourhood", "")[:100],
        record.get("language", "he"),
        bool(record.get("phone")),
        bool(record.get("address")),
        record.get("no_sms", False),
        record.get("no_letters", False),
    )


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
# What a prepared row carries after (number, id_index, content_hash, data): the member's clear columns.
PREPARED_FIELDS = (
    "household_key",
    "role",
    "neighbourhood",
    "language",
    "has_phone",
    "has_address",
    "no_sms",
    "no_letters",
)
UPDATE_COLUMNS = ("data", "content_hash", *PREPARED_FIELDS, "source_id", "last_import_id", "last_row")

Rows = list[tuple[int, list[Any]]]
# A row ready to classify: (number, id_index, content_hash, ciphertext, *PREPARED_FIELDS), or a quarantined row:
# (number, field, reason, its mapped cells as JSON). The ciphertext is the row as a new member's record (``first_record``), which a member
# already known from another file merges instead.
Prepared = tuple[Any, ...]


QUARANTINED = 4  # the length of a quarantined row's tuple; a row ready to classify is longer


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def mapped_cells(plan: RowPlan, row: list[Any]) -> str:
    """The cells of a row that the mapping imports, as {field: text}: what a person needs to correct the row.
    Cells the mapping leaves out ("do not import") are not kept."""
    cells = {
        spec.name: _cell_text(row[index])
        for index, spec in plan.cells
        if index < len(row) and row[index] not in (None, "")
    }
    return json.dumps(cells, ensure_ascii=False)


def record_cells(record: dict[str, Any]) -> str:
    """A parsed row (a member's record) as correctable cells: its fields, lists written as the files write them."""
    cells = {
        name: ";".join(map(str, value)) if isinstance(value, list) else _cell_text(value)
        for name, value in record.items()
        if name in FIELDS and value not in (None, "")
    }
    return json.dumps(cells, ensure_ascii=False)


class Preparer:
    """Everything a row needs before it meets the database: validation, the clean values as one encrypted JSON
    token, and its keyed hashes. Pure and CPU-bound, so a large import runs it in worker processes.

    ``scope`` makes household ids mean one household: within one file (its hash), or across every file of a
    source that declares them stable (the source). ``stamp`` is the file's [data date, precedence, source id]."""

    def __init__(self, plan: RowPlan, source_id: int, household_mapped: bool, scope: str, stamp: list[Any]) -> None:
        self.plan = plan
        self.source_id = source_id
        self.household_mapped = household_mapped
        self.scope = scope
        self.stamp = stamp
        self.id_index = blind_indexer(ID_PURPOSE)
        self.row_index = blind_indexer("outreach-row")
        self.household_index = blind_indexer("outreach-household")

    def __call__(self, rows: Rows) -> list[Prepared]:
        return [self.prepare(number, row) for number, row in rows]

    def prepare(self, number: int, row: list[Any]) -> Prepared:
        try:
            values = self.plan.parse(row)
        except RowError as error:
            return (number, error.field, error.reason[:200], mapped_cells(self.plan, row))
        content = json.dumps(values, ensure_ascii=False, sort_keys=True)
        id_index = self.id_index(values["id_number"])
        household = values.get("household_id") if self.household_mapped else None
        if household:
            values[HOUSEHOLD] = self.household_index(f"{self.scope}:{household}")
        record = first_record(values, self.stamp)
        return (
            number,
            id_index,
            self.row_index(f"{self.source_id}:{content}"),
            encrypt(json.dumps(record, ensure_ascii=False, sort_keys=True)),
            *clear_columns(values, values.get(HOUSEHOLD, id_index)),
        )


# Below this many rows left, starting worker processes costs more than preparing the rows here.
PARALLEL_FROM = 20_000


def _known(authority: Authority, keys: list[str]) -> dict[str, _Seen]:
    """The population members among `keys` (ID blind indexes)."""
    if connection.vendor == "postgresql":
        return _known_postgresql(authority, keys)
    columns = ("id_index", "pk", "content_hash", "last_import_id", "last_row", "household_key")
    members = PopulationMember.objects.for_authority(authority).filter(id_index__in=keys)
    return {i: _Seen(pk, h, imp, row, "", key) for i, pk, h, imp, row, key in members.values_list(*columns)}


def _tokens(authority: Authority, pks: list[int]) -> dict[int, str]:
    """The stored (encrypted) records of the members ``pks``: only those a chunk merges into are read."""
    members = PopulationMember.objects.for_authority(authority).filter(pk__in=pks)
    return dict(members.annotate(token=Cast("data", TextField())).values_list("pk", "token"))


def _known_postgresql(authority: Authority, keys: list[str]) -> dict[str, _Seen]:
    """One probe of the unique (authority, id_index) index per key. Asked as `id_index = ANY(…)`, PostgreSQL
    (its statistics lagging behind a large import) read every member of the authority for each chunk: a bitmap
    scan on the authority, quadratic, most of a million-row import's database time. A LATERAL subquery with
    LIMIT cannot be flattened into a join, so each key is looked up on its own. Row-level security applies."""
    # The table's name comes from the model, never from input; the keys are one bound parameter.
    table = connection.ops.quote_name(PopulationMember._meta.db_table)
    columns = "p.id_index, p.id, p.content_hash, p.last_import_id, p.last_row, p.household_key"
    member = f"SELECT {columns} FROM {table} AS p WHERE p.authority_id = %s AND p.id_index = k.key LIMIT 1"  # noqa: S608
    query = f"SELECT m.* FROM unnest(%s::text[]) AS k(key) CROSS JOIN LATERAL ({member}) AS m"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(query, [text_array(keys), authority.pk])
        return {i: _Seen(pk, h, imp, row, "", key) for i, pk, h, imp, row, key in cursor.fetchall()}


class _Chunk:
    """Classifies one chunk of prepared rows against the population and writes it."""

    def __init__(self, item: RecordImport, stamp: list[Any]) -> None:
        self.item = item
        self.stamp = stamp
        self.quarantine: list[QuarantinedRow] = []
        self.new: list[tuple[Any, ...]] = []
        self.changed: list[tuple[Any, ...]] = []
        self.counts = {"merged": 0, "updated": 0, "quarantined": 0, "duplicates": 0}

    def _quarantine(self, number: int, field: str, reason: str, cells: str = "") -> None:
        self.quarantine.append(
            QuarantinedRow(
                authority=self.item.authority,
                record_import=self.item,
                row_number=number,
                field=field,
                reason=reason[:200],
                cells=cells,
            )
        )
        self.counts["quarantined"] += 1

    def classify(self, prepared: list[Prepared]) -> None:
        known = _known(self.item.authority, [p[1] for p in prepared if len(p) > QUARANTINED])
        merging = [
            seen.pk
            for p in prepared
            if len(p) > QUARANTINED and (seen := known.get(p[1])) is not None and seen.pk is not None
            if seen.content_hash != p[2] and seen.last_import_id != self.item.pk
        ]
        if merging:
            tokens = _tokens(self.item.authority, merging)
            for seen in known.values():
                seen.token = tokens.get(seen.pk, seen.token) if seen.pk is not None else seen.token
        for row in prepared:
            if len(row) == QUARANTINED:
                self._quarantine(*row)
            else:
                self._classify(row, known)

    def apply(self, prepared: list[Prepared]) -> None:
        self.classify(prepared)
        self._write()

    def _classify(self, row: Prepared, known: dict[str, _Seen]) -> None:
        number, id_index, content_hash, data, *fields = row
        before = known.get(id_index)
        if before is not None and before.content_hash == content_hash:
            self.counts["duplicates"] += 1
            return
        if before is not None and before.last_import_id == self.item.pk:
            reason = _("מספר הזהות הופיע כבר בשורה %(row)s של הקובץ, עם נתונים אחרים") % {"row": before.last_row}
            self._quarantine(number, "id_number", reason, record_cells(json.loads(decrypt(data))))
            return
        source, this_import = self.item.source_id, self.item.pk
        if before is not None:
            # Known from an earlier file: its facts merge in, fact by fact (``merge``), none lost.
            old = json.loads(decrypt(before.token)) if before.token else {}
            row_record = json.loads(decrypt(data))
            values = {k: v for k, v in row_record.items() if k not in (FROM, RECEIVES)}
            record = merge(old, values, self.stamp)
            key = record.get(HOUSEHOLD) or before.household_key or id_index
            if _facts(record) == _facts(old) and key == before.household_key:
                self.counts["duplicates"] += 1  # the file says nothing this member's record does not
                return
            data = encrypt(json.dumps(record, ensure_ascii=False, sort_keys=True))
            fields = list(clear_columns(record, key))
        known[id_index] = _Seen(before.pk if before else None, content_hash, self.item.pk, number, data, fields[0])
        if before is None:
            self.new.append(
                (
                    self.item.authority_id,
                    id_index,
                    fields[0],
                    data,
                    content_hash,
                    *fields[1:],
                    False,
                    source,
                    this_import,
                    number,
                )
            )
            self.counts["merged"] += 1
            return
        self.changed.append((before.pk, data, content_hash, *fields, source, this_import, number))
        self.counts["updated"] += 1

    def _write(self) -> None:
        insert_rows(PopulationMember, MEMBER_COLUMNS, self.new)
        update_rows(PopulationMember, UPDATE_COLUMNS, self.changed)
        QuarantinedRow.objects.bulk_create(self.quarantine, batch_size=1000)


def _chunks(rows: Iterator[tuple[int, list[Any]]], size: int) -> Iterator[Rows]:
    while batch := list(islice(rows, size)):
        yield batch


ChunkHook = Callable[[RecordImport, Rows], None]


def run_import(
    item: RecordImport, *, chunk: int = CHUNK, before_commit: ChunkHook | None = None, workers: int | None = None
) -> RecordImport:
    """Import (or continue importing) one file. Each chunk runs in its own tenant transaction.

    `before_commit` is called inside each chunk's transaction after its rows are written (the task renews its
    lease there; tests use it to stop an import halfway, as a killed worker would). `workers`: processes
    preparing rows (default: WORKERS when at least PARALLEL_FROM rows are left, else none).
    """
    authority = item.authority
    with tenant_context(authority):
        # Fresh from the database (a rerun continues from the committed counters), source included: under
        # row-level security a lazy load outside the tenant would find nothing.
        item = RecordImport.objects.select_related("source", "authority").get(pk=item.pk)
    if item.status == ImportStatus.DONE:
        return item
    source = item.source
    stamp, scope = _identity(item)
    with item.upload.open("rb") as fileobj:
        if item.rows_total is None:
            rows_total = count_rows(fileobj, item.kind, source.mapping, item.sheet)
        with open_table(
            fileobj, item.kind, source.mapping, source.recode, sheet=item.sheet, skip=item.rows_done
        ) as table:
            preparer = Preparer(table.plan, source.pk, "household_id" in source.mapping.values(), scope, stamp)
            with tenant_context(authority):
                if item.rows_total is None:
                    item.rows_total = rows_total
                item.status = ImportStatus.RUNNING
                item.save(update_fields=["rows_total", "status"])
            if workers is None:
                workers = WORKERS if item.rows_total - item.rows_done >= PARALLEL_FROM else 1
            with ordered_map(preparer, _chunks(table.rows, chunk), workers) as chunks:
                for batch, prepared in chunks:
                    with tenant_context(authority):
                        _apply_chunk(item, batch, prepared, before_commit, stamp)
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


def _identity(item: RecordImport) -> tuple[list[Any], str]:
    """The import's stamp ([data date, precedence, source id]) and the scope its household ids mean one household in."""
    source = item.source
    stamp = [(item.data_date or timezone.localtime(item.created_at).date()).isoformat(), source.precedence, source.pk]
    scope = f"source:{source.pk}" if source.stable_households else f"file:{source.pk}:{item.file_hash}"
    return stamp, scope


def correctable(row: QuarantinedRow) -> dict[str, str]:
    """A quarantined row's cells, for the correction form: every field the source maps, the row's value or empty."""
    cells = json.loads(row.cells) if row.cells else {}
    mapped = [name for name in dict.fromkeys(row.record_import.source.mapping.values()) if name in FIELDS]
    return {name: str(cells.get(name, "")) for name in mapped}


def resubmit(actor: User, row: QuarantinedRow, cells: dict[str, str]) -> str:
    """Import a quarantined row as corrected by `actor`; return what it became ("merged", "updated" or
    "duplicates"), moved from the import's quarantine count so the reconciliation still adds up.

    Raises RowError (the field and why) when the corrected row is still refused: the same checks as the file's
    rows, a second row of one ID number in the file included. Nothing is written then. Call inside the tenant.
    """
    with transaction.atomic():
        item = (
            RecordImport.objects.select_for_update().select_related("source", "authority").get(pk=row.record_import_id)
        )
        if item.status != ImportStatus.DONE:
            raise RowError("", _("אפשר לתקן שורות רק אחרי שהייבוא הסתיים."))
        row = QuarantinedRow.objects.select_for_update().get(pk=row.pk)
        if row.fixed_at is not None:
            raise RowError("", _("השורה הזו כבר תוקנה ויובאה."))
        names = list(cells)
        plan = RowPlan.build(names, {name: name for name in names}, exact=False, recode=item.source.recode)
        stamp, scope = _identity(item)
        household = "household_id" in item.source.mapping.values()
        prepared = Preparer(plan, item.source_id, household, scope, stamp).prepare(row.row_number, list(cells.values()))
        if len(prepared) == QUARANTINED:
            raise RowError(prepared[1], prepared[2])
        work = _Chunk(item, stamp)
        work.classify([prepared])
        if work.quarantine:
            raise RowError(work.quarantine[0].field, work.quarantine[0].reason)
        work._write()
        outcome = next(name for name, count in work.counts.items() if count)
        item.quarantined -= 1
        setattr(item, outcome, getattr(item, outcome) + 1)
        item.save(update_fields=["quarantined", outcome])
        row.cells, row.fixed_at, row.fixed_by = "", timezone.now(), actor
        row.save(update_fields=["cells", "fixed_at", "fixed_by"])
        record(
            actor=actor,
            authority=item.authority,
            action=AccessAction.UPDATE,
            object_type="quarantined_row",
            object_id=row.pk,
        )
    return outcome


def _apply_chunk(
    item: RecordImport, batch: Rows, prepared: list[Prepared], before_commit: ChunkHook | None, stamp: list[Any]
) -> None:
    # The row lock makes a second worker on the same import wait, then see that this chunk is done.
    locked = RecordImport.objects.select_for_update().get(pk=item.pk)
    if locked.rows_done != batch[0][0] - 1:
        raise RuntimeError(f"import {item.pk} moved on under another worker")
    work = _Chunk(item, stamp)
    work.apply(prepared)
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
    discard_upload(item)


def discard_upload(item: RecordImport) -> None:
    """Delete the raw file of an import (ID numbers, names, incomes): the rows it holds are in the database, or
    the import failed. The same file uploaded again continues the import where it stopped (``start_import``)."""
    if item.upload:
        item.upload.delete(save=False)
        with tenant_context(item.authority):
            item.save(update_fields=["upload"])
