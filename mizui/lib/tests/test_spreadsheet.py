"""No exported cell runs as a formula, whatever an imported name or address holds."""

from __future__ import annotations

import csv
import io

from django.test import SimpleTestCase
from openpyxl import Workbook, load_workbook

from mizui.lib import spreadsheet
from mizui.test import formula_cells

ATTACKS = ['=HYPERLINK("http://x.example","click")', "+972501234567", "-2+3", "@SUM(1)", "\t=1", "\r=1"]


class SpreadsheetTests(SimpleTestCase):
    def test_csv_cells_that_start_like_a_formula_get_an_apostrophe_and_read_back_unchanged(self) -> None:
        content = spreadsheet.csv_bytes([["שם", "סכום"], *([text, -120] for text in ATTACKS), ["דנה כהן", 5]])
        self.assertEqual(formula_cells(content, "csv"), [])
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        self.assertEqual([r[0] for r in rows[1:-1]], ["'" + text for text in ATTACKS])
        self.assertEqual([spreadsheet.unneutralise(r[0]) for r in rows[1:]], [*ATTACKS, "דנה כהן"])
        self.assertEqual(rows[1][1], "-120")  # a number stays a number

    def test_xlsx_cells_keep_their_text_and_are_never_formulas(self) -> None:
        for write_only in (True, False):
            book = Workbook(write_only=write_only)
            sheet = book.create_sheet("x") if write_only else book.active
            assert sheet is not None
            for text in ATTACKS:
                spreadsheet.append(sheet, [text, -120])
            out = io.BytesIO()
            book.save(out)
            self.assertEqual(formula_cells(out.getvalue(), "xlsx"), [])
            read = load_workbook(io.BytesIO(out.getvalue())).worksheets[-1]
            self.assertEqual(
                list(read.iter_rows(values_only=True)), [(t.replace("\r", "\n"), -120) for t in ATTACKS]
            )  # XML keeps no bare CR

    def test_the_check_itself_sees_a_formula(self) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["=1+1"])
        out = io.BytesIO()
        book.save(out)
        self.assertEqual(formula_cells(out.getvalue(), "xlsx"), ["=1+1"])
        self.assertEqual(formula_cells("\ufeffa\n=1+1\n".encode(), "csv"), ["=1+1"])
