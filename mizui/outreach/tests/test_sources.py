"""Several sources, one person: facts merged by ID number with a stated precedence, and values recoded."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from django.urls import reverse

from mizui.accounts.tenancy import tenant_context
from mizui.lib.crypto import blind_index
from mizui.outreach import synthetic
from mizui.outreach.models import PopulationMember, RecordImport, Source
from mizui.outreach.services import batch
from mizui.outreach.services.fields import FIELDS
from mizui.outreach.services.importer import run_import, start_import
from mizui.outreach.services.reading import uncovered_values
from mizui.test import MizuiTestCase, login

DANA = synthetic.id_number(11)
SON = synthetic.id_number(12)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    return synthetic.csv_bytes(rows, header=header)


class MergeTests(MizuiTestCase):
    def _source(self, name: str, header: list[str], **fields: Any) -> Source:
        with tenant_context(self.a):
            return Source.objects.create(authority=self.a, name=name, mapping={c: c for c in header}, **fields)

    def _import(self, source: Source, content: bytes, on: str) -> RecordImport:
        with tenant_context(self.a):
            item, _ = start_import(None, authority=self.a, source=source, name=f"{on}.csv", fileobj=io.BytesIO(content))
            item.data_date = dt.date.fromisoformat(on)
            item.save(update_fields=["data_date"])
        return run_import(item)

    def _member(self, id_number: str) -> tuple[dict[str, Any], PopulationMember]:
        with tenant_context(self.a):
            member = PopulationMember.objects.for_authority(self.a).get(id_index=blind_index(id_number, "id"))
        return json.loads(member.data), member

    def test_a_later_file_adds_facts_without_losing_those_it_lacks_and_the_newest_wins(self) -> None:
        arnona_header = ["id_number", "household_id", "role", "tenure", "income_work", "arnona_area_sqm"]
        arnona = self._source("ארנונה", arnona_header)
        self._import(
            arnona,
            _csv(
                arnona_header, [[DANA, "A-17", "applicant", "renter", "5000", "70"], [SON, "A-17", "child", "", "", ""]]
            ),
            on="2026-01-01",
        )
        welfare_header = ["id_number", "marital_status", "income_work", "income_alimony"]
        welfare = self._source("רווחה", welfare_header, precedence=10)
        second = self._import(welfare, _csv(welfare_header, [[DANA, "divorced", "2000", "1200"]]), on="2026-03-01")
        self.assertEqual((second.merged, second.updated), (0, 1))

        record, member = self._member(DANA)
        # Kept from the arnona file, which the welfare file does not have a column for.
        self.assertEqual((record["tenure"], record["arnona_area_sqm"]), ("renter", 70.0))
        # From the welfare file, newer.
        self.assertEqual(
            (record["marital_status"], record["income_work"], record["income_alimony"]), ("divorced", 2000.0, 1200.0)
        )
        stamps = record["_from"]  # per fact [data date, precedence, source]; "*" for the facts of the first file
        self.assertEqual(stamps["income_work"], ["2026-03-01", 10, welfare.pk])
        self.assertEqual(stamps.get("tenure", stamps["*"]), ["2026-01-01", 100, arnona.pk])
        # A source without households does not take Dana out of hers.
        _son, son = self._member(SON)
        self.assertEqual(member.household_key, son.household_key)

        # An older file loses to what is newer, whatever its precedence.
        old = self._source("ביטוח לאומי 2025", ["id_number", "income_work"], precedence=1)
        third = self._import(old, _csv(["id_number", "income_work"], [[DANA, "9000"]]), on="2025-06-01")
        self.assertEqual((third.updated, third.duplicates), (0, 1))
        self.assertEqual(self._member(DANA)[0]["income_work"], 2000.0)

        # On the same date, the more authoritative source (the lower number) wins, whichever comes first.
        nii = self._source("ביטוח לאומי", ["id_number", "income_work"], precedence=1)
        self._import(nii, _csv(["id_number", "income_work"], [[DANA, "2600"]]), on="2026-03-01")
        self.assertEqual(self._member(DANA)[0]["income_work"], 2600.0)
        school = self._source("בית ספר", ["id_number", "income_work"], precedence=50)
        self._import(school, _csv(["id_number", "income_work"], [[DANA, "100"]]), on="2026-03-01")
        self.assertEqual(self._member(DANA)[0]["income_work"], 2600.0)

    def test_the_list_row_names_the_sources_of_its_facts_and_the_rule(self) -> None:
        arnona_header = ["id_number", "household_id", "role", "tenure", "income_work", "arnona_area_sqm"]
        arnona = self._source("ארנונה", arnona_header)
        self._import(arnona, _csv(arnona_header, [[DANA, "A-1", "applicant", "renter", "9000", "70"]]), on="2026-01-01")
        welfare_header = ["id_number", "birth_date", "marital_status", "income_work"]
        welfare = self._source("רווחה", welfare_header, precedence=10)
        self._import(welfare, _csv(welfare_header, [[DANA, "1990-04-01", "divorced", "2000"]]), on="2026-03-01")
        with tenant_context(self.a):
            run = batch.start_run(None, authority=self.a, as_of=dt.date(2026, 6, 1))
        batch.execute_run(run)
        login(self.client, self.michal)
        html = self.client.get(reverse("outreach:lists")).content.decode()
        self.assertIn('רווחה (<bdi dir="ltr">2026-03-01</bdi>)', html)
        self.assertIn('ארנונה (<bdi dir="ltr">2026-01-01</bdi>)', html)
        # The disputed income is the welfare file's (newer); the tenure, which only the arnona file has, the arnona's.
        welfare_line = html[html.index("<li>רווחה (") :].split("</li>")[0]
        arnona_line = html[html.index("<li>ארנונה (") :].split("</li>")[0]
        self.assertIn(str(FIELDS["income_work"].label), welfare_line)
        self.assertNotIn(str(FIELDS["income_work"].label), arnona_line)
        self.assertIn(str(FIELDS["tenure"].label), arnona_line)
        self.assertIn("data-precedence", html)

    def test_household_ids_group_within_one_file_unless_the_source_says_they_are_stable(self) -> None:
        header = ["id_number", "household_id", "role"]
        first = _csv(header, [[DANA, "1", "applicant"]])
        second = _csv(header, [[SON, "1", "applicant"], ["000000018", "2", "applicant"]])
        per_file = self._source("ארנונה", header)
        self._import(per_file, first, on="2026-01-01")
        self._import(per_file, second, on="2026-01-02")
        self.assertNotEqual(self._member(DANA)[1].household_key, self._member(SON)[1].household_key)
        stable = self._source("רווחה", header, stable_households=True, precedence=1)
        self._import(stable, _csv(header, [[DANA, "F-9", "applicant"]]), on="2026-02-01")
        self._import(stable, _csv(header, [[SON, "F-9", "child"]]), on="2026-02-02")
        self.assertEqual(self._member(DANA)[1].household_key, self._member(SON)[1].household_key)
        self.assertEqual(self._member(SON)[1].role, "child")


class RecodeTests(MizuiTestCase):
    HEADER = ["id_number", "tenure", "marital_status", "sex"]
    ROWS = [
        [DANA, "שוכר", "גרוש/ה", "נקבה"],
        [SON, "owner", "Married", "זכר"],
        [synthetic.id_number(13), "דיור מוגן", "מאורסת", "F"],
    ]

    def test_it_lists_the_values_no_rule_covers_then_imports_them_recoded(self) -> None:
        content = _csv(self.HEADER, self.ROWS)
        uncovered = uncovered_values(io.BytesIO(content), "csv", {c: c for c in self.HEADER})
        # The declared labels in any language ("גרוש/ה", "Married") and the words files write for them (inputs.yaml's
        # import_values: "שוכר", "נקבה", "F") are understood; a source's own words are not.
        self.assertEqual(uncovered, {"tenure": [("דיור מוגן", 1)], "marital_status": [("מאורסת", 1)]})
        recode = {"tenure": {"דיור מוגן": "other"}, "marital_status": {"מאורסת": "single"}}
        self.assertEqual(uncovered_values(io.BytesIO(content), "csv", {c: c for c in self.HEADER}, recode), {})
        with tenant_context(self.a):
            source = Source.objects.create(
                authority=self.a, name="רווחה", mapping={c: c for c in self.HEADER}, recode=recode
            )
            item, _ = start_import(None, authority=self.a, source=source, name="w.csv", fileobj=io.BytesIO(content))
        item = run_import(item)
        self.assertEqual((item.merged, item.quarantined), (3, 0))
        with tenant_context(self.a):
            member = PopulationMember.objects.for_authority(self.a).get(id_index=blind_index(DANA, "id"))
        record = json.loads(member.data)
        self.assertEqual((record["tenure"], record["marital_status"], record["sex"]), ("renter", "divorced", "female"))
