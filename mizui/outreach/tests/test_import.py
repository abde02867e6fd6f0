"""Imports: reconciliation on 100 k rows with bad ones, idempotence, a killed import rerun, refused columns."""

from __future__ import annotations

import contextlib
import io
import json
from itertools import islice
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from mizui.accounts.tenancy import tenant_context
from mizui.lib.crypto import blind_index, blind_indexer
from mizui.outreach import synthetic
from mizui.outreach.models import ImportStatus, PopulationMember, QuarantinedRow, RecordImport
from mizui.outreach.services.importer import ImportRefused, run_import, start_import
from mizui.outreach.tests.factories import make_source
from mizui.test import MizuiTestCase, make_authority

ROWS = 100_000
BAD_ID = (10, 20_000, 70_000)
BAD = {30_000: ("birth_date", "31/02/2020"), 40_000: ("income_work", "-5")}
MALFORMED, EMPTY, REPEATED, CONFLICT = 50_001, 60_000, 80_000, 90_000
QUARANTINED = {*BAD_ID, *BAD, MALFORMED, EMPTY, CONFLICT}


def big_file() -> bytes:
    """100,000 persons, with the bad rows above put in by hand (row 1 = the first after the header)."""
    data = list(islice(synthetic.rows(60_000, seed=3), ROWS))
    col = synthetic.COLUMNS.index
    for n in BAD_ID:
        data[n - 1][0] = synthetic.bad_id(n, 7)
    for n, (field, value) in BAD.items():
        data[n - 1][col(field)] = value
    data[MALFORMED - 1] = ["garbage", "not a row"]
    data[EMPTY - 1] = []
    data[REPEATED - 1] = list(data[REPEATED - 2])
    data[CONFLICT - 1] = [*data[CONFLICT - 2]]
    data[CONFLICT - 1][col("full_name")] = "שם אחר לגמרי"
    return synthetic.csv_bytes(data)


class Stop(Exception):
    pass


def wipe(authority: Any) -> None:
    """Forget the authority's imports (keeping the source), as if the file had never been imported."""
    with tenant_context(authority), connection.cursor() as cursor:
        for model in (QuarantinedRow, PopulationMember, RecordImport):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE authority_id = %s", [authority.pk])  # noqa: S608


def table(authority: Any) -> dict[str, Any]:
    with tenant_context(authority):
        members = sorted(
            PopulationMember.objects.for_authority(authority).values_list(
                "id_index", "household_key", "content_hash", "role", "neighbourhood", "language", "last_row"
            )
        )
        quarantine = sorted(
            QuarantinedRow.objects.for_authority(authority).values_list("row_number", "field", "reason")
        )
        item = RecordImport.objects.for_authority(authority).get()
        counts = (item.rows_total, item.rows_done, item.merged, item.updated, item.quarantined, item.duplicates)
    return {"members": members, "quarantine": quarantine, "counts": counts}


@pytest.mark.django_db(transaction=True)
def test_a_100k_row_file_with_bad_rows_reconciles_reruns_after_a_kill_and_reimports_to_no_change() -> None:
    """One test, outside a wrapping transaction: chunk commits are real commits, as in production (inside a
    test transaction every chunk would be a savepoint, several times slower on SQLite). The clean import
    prepares rows in this process, the killed and resumed one in two worker processes: same tables."""
    a = make_authority("outreach-big-a", "אשדוד", 70)
    content = big_file()
    source = make_source(a)
    with tenant_context(a):
        item, _ = start_import(None, authority=a, source=source, name="big.csv", fileobj=io.BytesIO(content))
    run_import(item, workers=1)
    clean = table(a)

    # Every row accounted for.
    rows_total, rows_done, merged, updated, quarantined, duplicates = clean["counts"]
    assert (rows_total, rows_done) == (ROWS, ROWS)
    assert (quarantined, duplicates, updated) == (len(QUARANTINED), 1, 0)
    assert merged == ROWS - len(QUARANTINED) - 1
    assert merged + updated + quarantined + duplicates == rows_total
    assert len(clean["members"]) == merged

    # Each bad row quarantined with its number and reason, and none of its values kept.
    found = {row: (field, reason) for row, field, reason in clean["quarantine"]}
    assert set(found) == QUARANTINED
    assert "תאים" in found[MALFORMED][1]
    assert found[BAD_ID[0]][0] == "id_number"
    assert found[30_000][0] == "birth_date"
    assert found[40_000][0] == "income_work"
    assert str(CONFLICT - 1) in found[CONFLICT][1]
    assert found[EMPTY][0] == ""
    reasons = " ".join(reason for _field, reason in found.values())
    assert "garbage" not in reasons
    assert synthetic.bad_id(BAD_ID[0], 7) not in reasons

    # The same file imported again from nothing, killed in the chunk holding row 50,001 (after writing, before
    # commit), then rerun: exactly the clean state.
    def kill(item: RecordImport, batch: list[tuple[int, list[Any]]]) -> None:
        if batch[-1][0] > ROWS // 2:
            raise Stop

    wipe(a)
    with tenant_context(a):
        item_b, _ = start_import(None, authority=a, source=source, name="big.csv", fileobj=io.BytesIO(content))
    with contextlib.suppress(Stop):
        run_import(item_b, before_commit=kill, workers=2)
    with tenant_context(a):
        item_b.refresh_from_db()
        assert item_b.rows_done == ROWS // 2
        assert item_b.status == ImportStatus.RUNNING
        assert PopulationMember.objects.for_authority(a).count() <= ROWS // 2
    run_import(item_b, workers=2)
    assert table(a) == clean

    # The same file again changes nothing.
    with tenant_context(a):
        item, created = start_import(
            None, authority=a, source=make_source(a), name="again.csv", fileobj=io.BytesIO(content)
        )
    run_import(item)
    assert not created
    assert table(a) == clean


class SmallImportTests(MizuiTestCase):
    def _import(self, content: bytes, name: str = "list.csv", source: Any = None) -> RecordImport:
        source = source or make_source(self.a)
        with tenant_context(self.a):
            item, _ = start_import(None, authority=self.a, source=source, name=name, fileobj=io.BytesIO(content))
        return run_import(item)

    def test_the_same_rows_in_another_file_are_duplicates_and_changed_ones_updates(self) -> None:
        data = list(synthetic.rows(20, seed=5))
        first = self._import(synthetic.csv_bytes(data))
        changed = [list(r) for r in data]
        for row in changed[:3]:
            row[synthetic.COLUMNS.index("income_work")] = "1234"
        second = self._import(synthetic.csv_bytes(changed), name="list-v2.csv")
        self.assertEqual((first.merged, first.duplicates), (len(data), 0))
        self.assertEqual(
            (second.merged, second.updated, second.duplicates, second.quarantined), (0, 3, len(data) - 3, 0)
        )
        with tenant_context(self.a):
            member = PopulationMember.objects.for_authority(self.a).get(id_index=blind_index(data[0][0], "id"))
        self.assertEqual(json.loads(member.data)["income_work"], 1234.0)

    def test_it_refuses_a_file_with_a_column_the_mapping_does_not_name(self) -> None:
        data = [[*row, "יהודי"] for row in synthetic.rows(3)]
        content = synthetic.csv_bytes(data, header=[*synthetic.COLUMNS, "religion"])
        with tenant_context(self.a), self.assertRaisesMessage(ImportRefused, "religion"):
            start_import(None, authority=self.a, source=make_source(self.a), name="x.csv", fileobj=io.BytesIO(content))
        with tenant_context(self.a):
            self.assertFalse(RecordImport.objects.for_authority(self.a).exists())
            self.assertFalse(PopulationMember.objects.for_authority(self.a).exists())

    def test_a_column_marked_do_not_import_is_never_read(self) -> None:
        mapping = {**{c: c for c in synthetic.COLUMNS}, "religion": ""}
        source = make_source(self.a, name="רווחה", mapping=mapping)
        data = [[*row, "יהודי"] for row in synthetic.rows(3)]
        item = self._import(synthetic.csv_bytes(data, header=[*synthetic.COLUMNS, "religion"]), source=source)
        self.assertEqual(item.merged, len(data))
        with tenant_context(self.a):
            for member in PopulationMember.objects.for_authority(self.a):
                self.assertNotIn("יהודי", member.data)

    def test_it_reads_xlsx(self) -> None:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(synthetic.COLUMNS)
        data = list(synthetic.rows(4, seed=9))
        for row in data:
            sheet.append([int(row[0]), *row[1:]])  # Excel keeps ID numbers as numbers
        out = io.BytesIO()
        book.save(out)
        item = self._import(out.getvalue(), name="list.xlsx")
        self.assertEqual((item.rows_total, item.merged, item.quarantined), (len(data), len(data), 0))

    def test_it_encrypts_identities_and_keeps_the_cases_blind_index(self) -> None:
        data = list(synthetic.rows(3, seed=6))
        self._import(synthetic.csv_bytes(data))
        first = data[0][0]
        with tenant_context(self.a):
            member = PopulationMember.objects.for_authority(self.a).get(id_index=blind_index(first, "id"))
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT data FROM {PopulationMember._meta.db_table} WHERE id = %s", [member.pk])  # noqa: S608
                stored = cursor.fetchone()[0]
        self.assertEqual(json.loads(member.data)["id_number"], first)
        self.assertNotIn(first, stored)
        self.assertNotIn(data[0][1], stored)

    def test_the_fast_indexer_equals_the_blind_index(self) -> None:
        for value in ("039337423", "שלום", ""):
            self.assertEqual(blind_indexer("id")(value), blind_index(value, "id"))

    def test_the_command_prints_the_reconciliation_as_json(self) -> None:
        import tempfile
        from pathlib import Path

        data = list(synthetic.rows(10, seed=4))
        data[2][0] = "123"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "records.csv"
            path.write_bytes(synthetic.csv_bytes(data))
            out = io.StringIO()
            call_command("import_records", str(path), "--authority", self.a.slug, "--source", "CLI", stdout=out)
        result = json.loads(out.getvalue())
        self.assertEqual(result["rows_in_file"], len(data))
        self.assertEqual((result["merged"], result["quarantined"], result["balanced"]), (len(data) - 1, 1, True))
