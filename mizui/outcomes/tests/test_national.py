"""The exchange format (export, validate, import) and the national picture built only from published cells."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from mizui.accounts.models import Authority, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.outcomes.exchange import Document
from mizui.outcomes.models import BarrierFact, InquiryFact, LedgerFact, NationalCell
from mizui.outcomes.tasks import refresh
from mizui.test import MizuiTestCase, login, make_case, make_membership, make_user

MARCH = dt.date(2026, 3, 1)


def facts(authority: Authority, *, walk_ins: int, phones: int, approved: int, barriers: int) -> None:
    """Monthly aggregates as a refresh would leave them (the refresh itself is tested in test_kpis)."""
    with tenant_context(authority):
        common = {"authority": authority, "month": MARCH, "source": "direct"}
        InquiryFact.objects.create(**common, channel="walk_in", kind="new", inquiries=walk_ins)
        InquiryFact.objects.create(**common, channel="phone", kind="new", inquiries=phones)
        LedgerFact.objects.create(authority=authority, month=MARCH, measure="identified", outcome="approved",
                                  basis="confirmed", program="income_support", agency="nii", rights=approved)  # fmt: skip
        LedgerFact.objects.create(authority=authority, month=MARCH, measure="decided", outcome="approved",
                                  basis="confirmed", program="income_support", agency="nii", rights=approved,
                                  monthly=Decimal(2000) * approved, retroactive=Decimal(500) * approved)  # fmt: skip
        BarrierFact.objects.create(authority=authority, month=MARCH, agency="nii", kind="delay", barriers=barriers)
        BarrierFact.objects.create(authority=authority, month=MARCH, agency="housing", kind="form", barriers=4)


@time_machine.travel(dt.datetime(2026, 4, 10, 9, tzinfo=dt.UTC), tick=False)
class ExchangeTests(MizuiTestCase):
    national: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.national = make_user("shira@national.test", "שירה בן-דוד")
        make_membership(cls.national, cls.a, Role.NATIONAL)

    def setUp(self) -> None:
        facts(self.a, walk_ins=14, phones=3, approved=11, barriers=12)
        facts(self.b, walk_ins=25, phones=12, approved=30, barriers=15)
        with tenant_context(self.b):
            BarrierFact.objects.create(authority=self.b, month=MARCH, agency="iec", kind="form", barriers=20)
        self.dir = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def _export(self) -> dict[str, Any]:
        path = self.dir / "march.json"
        call_command("export_aggregates", period="2026-03", output=str(path), source="test-deployment")
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return loaded

    def _table(self, doc: dict[str, Any], locality: int, table: str) -> dict[str, Any]:
        part = next(p for p in doc["authorities"] if p["locality"] == locality)
        return next(t for t in part["tables"] if t["id"] == table)

    def test_it_exports_a_valid_document_with_no_published_count_below_ten(self) -> None:
        doc = self._export()
        Document.model_validate(doc)  # the schema of docs/data-exchange.md
        self.assertEqual(
            (doc["schema"], doc["version"], doc["period"], doc["k"]), ("mizui-aggregates", "1.0", "2026-03", 10)
        )
        inquiries = self._table(doc, 70, "inquiries")
        # A: 14 walk-ins and 3 phone calls. The 3 is hidden, and so is the 14 (else 17 − 14 = 3).
        self.assertEqual(inquiries["total"], 17)
        self.assertEqual(inquiries["row_totals"], [None, None])
        counts = [c for t in (inquiries,) for row in t["cells"] for c in row] + inquiries["col_totals"]
        self.assertTrue(all(c is None or c >= 10 for c in counts))
        decisions = self._table(doc, 70, "decisions")
        self.assertEqual(decisions["total"], 11)
        self.assertEqual(decisions["amounts"]["monthly"]["total"], 22000)
        self.assertEqual(decisions["amounts"]["retroactive"]["total"], 5500)

    def test_it_imports_a_file_once_however_often_it_is_loaded(self) -> None:
        path = self.dir / "march.json"
        path.write_text(json.dumps(self._export()), encoding="utf-8")
        NationalCell.objects.all().delete()
        call_command("import_aggregates", str(path))
        first = sorted(NationalCell.objects.values_list("locality", "table", "row", "col", "count"))
        call_command("import_aggregates", str(path))
        self.assertEqual(sorted(NationalCell.objects.values_list("locality", "table", "row", "col", "count")), first)
        self.assertIn((9000, "inquiries", "", "", 37), first)

    def test_it_refuses_a_file_that_breaks_the_schema_and_says_why(self) -> None:
        doc = self._export()
        self._table(doc, 70, "inquiries")["cells"][1][0] = 3  # a small count, published
        doc["authorities"][0]["extra"] = "?"
        path = self.dir / "bad.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        with self.assertRaises(CommandError) as raised:
            call_command("import_aggregates", str(path))
        message = str(raised.exception)
        self.assertIn("below 10", message)
        self.assertIn("authorities.0.extra", message)
        path.write_text("{not json", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "is not JSON"):
            call_command("import_aggregates", str(path))
        with self.assertRaisesMessage(CommandError, "--period must look like 2026-03"):
            call_command("export_aggregates", period="March")

    def test_it_shows_the_national_role_each_authority_and_the_total_never_a_small_cell(self) -> None:
        path = self.dir / "march.json"
        path.write_text(json.dumps(self._export()), encoding="utf-8")
        call_command("import_aggregates", str(path))
        login(self.client, self.national)
        response = self.client.get(reverse("outcomes:national"), {"start": "2026-03", "end": "2026-03"})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("אשדוד", html)
        self.assertIn("באר שבע", html)
        table = html[html.index("data-national") : html.index("</table>", html.index("data-national"))]
        numbers = [int(n.replace(",", "")) for n in re.findall(r"(?<![\d.])\d[\d,]*(?![\d.%])", table)]
        self.assertTrue(numbers)
        self.assertTrue(all(n >= 10 for n in numbers), numbers)
        self.assertIn("54", table)  # inquiries in total: 17 + 37
        # Confirmed ₪ a year: (11 + 30) × ₪2,000 × 12 = ₪984,000, plus (11 + 30) × ₪500 paid back.
        self.assertIn("₪1,004,500", table)
        barriers = html[html.index("data-barriers") : html.index("</table>", html.index("data-barriers"))]
        shown = [int(n.replace(",", "")) for n in re.findall(r"(?<![\d.])\d[\d,]*(?![\d.%])", barriers)]
        self.assertTrue(all(n >= 10 for n in shown), shown)  # the 4 forms at housing, in each authority: never
        self.assertIn(">55<", barriers)  # all barriers: 16 at A and 39 at B, each published as its table's total
        self.assertIn(">20<", barriers)  # B's 20 forms at the electricity company sit in a row of their own

    def test_it_publishes_this_deployments_authorities_after_each_refresh(self) -> None:
        make_case(self.a)
        refresh(self.a)
        self.assertTrue(NationalCell.objects.filter(locality=70, table="rights_identified").exists())
        self.assertFalse(NationalCell.objects.filter(locality=9000).exists())


class DocsTests(MizuiTestCase):
    def test_the_committed_kpi_and_exchange_docs_match_the_code(self) -> None:
        call_command("kpi_docs", check=True)
