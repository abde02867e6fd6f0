"""A quarantined row keeps its imported cells encrypted, and staff correct it and submit it again in the page."""

from __future__ import annotations

import io

from django.db import connection
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import synthetic
from mizui.outreach.models import PopulationMember, QuarantinedRow, RecordImport
from mizui.outreach.services.importer import run_import, start_import
from mizui.outreach.tests.factories import make_source
from mizui.test import MizuiTestCase, login

COLUMNS = synthetic.COLUMNS
BAD_ID = "123456789"  # fails the check digit


class QuarantineFixTests(MizuiTestCase):
    def setUp(self) -> None:
        self.rows = [list(r) for r in synthetic.rows(6, seed=5)]
        self.good_id = self.rows[0][COLUMNS.index("id_number")]
        self.name = self.rows[0][COLUMNS.index("full_name")]
        self.rows[0][COLUMNS.index("id_number")] = BAD_ID  # a typing error in the municipal file
        source = make_source(self.a)
        with tenant_context(self.a):
            content = synthetic.csv_bytes(self.rows)
            item, _ = start_import(None, authority=self.a, source=source, name="a.csv", fileobj=io.BytesIO(content))
        self.item = run_import(item)
        with tenant_context(self.a):
            self.row = QuarantinedRow.objects.get(record_import=self.item)
        self.url = reverse("outreach:quarantine-fix", kwargs={"pk": self.item.pk, "row": self.row.pk})
        login(self.client, self.michal, authority=self.a)

    def _members(self) -> int:
        with tenant_context(self.a):
            return PopulationMember.objects.for_authority(self.a).count()

    def _balanced(self) -> None:
        with tenant_context(self.a):
            item = RecordImport.objects.get(pk=self.item.pk)
        self.assertEqual(item.merged + item.updated + item.quarantined + item.duplicates, item.rows_total)

    def test_its_cells_are_kept_encrypted_and_only_what_the_mapping_imports(self) -> None:
        with connection.cursor() as cursor, tenant_context(self.a):
            cursor.execute("SELECT cells FROM outreach_quarantinedrow WHERE id = %s", [self.row.pk])
            raw = cursor.fetchone()[0]
        self.assertNotIn(self.name, raw)
        self.assertNotIn(BAD_ID, raw)
        self.assertIn(self.name, self.row.cells)  # read through the model, it is the row as written

    def test_the_page_lists_it_and_a_still_wrong_row_is_refused_at_its_field_with_nothing_written(self) -> None:
        page = self.client.get(reverse("outreach:import", kwargs={"pk": self.item.pk}))
        self.assertContains(page, self.url)
        form = self.client.get(self.url)
        self.assertContains(form, self.name)
        self.assertContains(form, self.row.reason)
        before = self._members()
        data = {**self._cells(), "id_number": "123456780"}
        refused = self.client.post(self.url, data)
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, 'href="#id_id_number"')  # the summary links to the field
        self.assertContains(refused, 'id="id_id_number_error"')
        self.assertEqual(self._members(), before)
        self._balanced()

    def test_a_corrected_row_is_imported_its_cells_erased_and_the_count_still_balances(self) -> None:
        before = self._members()
        response = self.client.post(self.url, {**self._cells(), "id_number": self.good_id})
        self.assertRedirects(response, reverse("outreach:import", kwargs={"pk": self.item.pk}))
        self.assertEqual(self._members(), before + 1)
        with tenant_context(self.a):
            row = QuarantinedRow.objects.get(pk=self.row.pk)
            item = RecordImport.objects.get(pk=self.item.pk)
            logged = set(AccessLog.objects.filter(object_type="quarantined_row").values_list("action", flat=True))
        self.assertEqual((row.cells, row.fixed_by), ("", self.michal))
        self.assertEqual(item.quarantined, 0)
        self._balanced()
        self.assertEqual(logged, {AccessAction.VIEW, AccessAction.UPDATE})
        self.assertEqual(self.client.get(self.url).status_code, 404)  # fixed: no longer in quarantine

    def test_another_authority_cannot_open_it(self) -> None:
        login(self.client, self.boaz, authority=self.b)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def _cells(self) -> dict[str, str]:
        form = self.client.get(self.url).context["form"]
        return {name: form.initial.get(name, "") for name in form.fields}


class PreviewBadRowsTests(MizuiTestCase):
    def test_the_preview_lists_every_row_the_import_would_refuse_with_its_reason(self) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        rows = [list(r) for r in synthetic.rows(30, seed=3)]
        rows[4][COLUMNS.index("id_number")] = BAD_ID
        rows[-1][COLUMNS.index("birth_date")] = "31/02/1990"  # no such day; the last row, far past the first ten
        source = make_source(self.a)
        login(self.client, self.michal, authority=self.a)
        content = synthetic.csv_bytes(rows)
        self.client.post(
            reverse("outreach:import-new"), {"source": source.pk, "file": SimpleUploadedFile("a.csv", content)}
        )
        with tenant_context(self.a):
            item = RecordImport.objects.for_authority(self.a).latest("pk")
        page = self.client.get(reverse("outreach:import", kwargs={"pk": item.pk}))
        self.assertContains(page, 'data-bad-rows="2"')
        bad = page.context["preview"]["bad"]
        self.assertEqual([number for number, _ in bad.rows], [5, len(rows)])
        self.assertTrue(bad.whole_file)
        self.assertEqual(self._members(), 0)  # nothing imported by looking

    def _members(self) -> int:
        with tenant_context(self.a):
            return PopulationMember.objects.for_authority(self.a).count()
