"""Files as Israeli municipal systems and Excel really export them: each one read, proposed a mapping and imported,
or refused with a message that says what to do, with nothing stored.

The files are built here from synthetic persons (valid ID numbers, no one real), in the layouts seen in municipal
exports: Windows Hebrew, UTF-16 "Unicode text", semicolons and tabs, title rows, headers of two rows with merged
cells, totals lines, several sheets, numbers stored as text and dates as Excel serials.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from mizui.accounts.tenancy import tenant_context
from mizui.lib.crypto import blind_index
from mizui.outreach import synthetic
from mizui.outreach.models import ImportStatus, PopulationMember, QuarantinedRow, RecordImport, Source
from mizui.outreach.services import cells, reading
from mizui.outreach.services.fields import FIELDS, RowError, RowPlan, propose_mapping
from mizui.outreach.services.importer import ImportRefused, run_import, start_import
from mizui.test import MizuiTestCase, login

# Persons of the files below: an ID with a leading zero Excel drops, and two without.
ZERO = synthetic.id_number(4521, prefix=0)  # 00452...: "4521x" once Excel has made it a number
DANA, OMAR = synthetic.id_number(31), synthetic.id_number(32)
EXCEL_DAY = dt.datetime(1980, 1, 5, tzinfo=dt.UTC).replace(tzinfo=None)  # Excel's cells have no time zone

WELFARE_HEADER = ["ת.ז.", "שם משפחה", "שם פרטי", "תאריך לידה", "מין", "מצב משפחתי", "כתובת", "נייד", "סך הכנסה"]
WELFARE_ROWS = [
    [ZERO.lstrip("0"), "כהן", "מרים", "5.3.85", "נ", "גרושה", "הרצל 5\nדירה 3", "050-1234567", "₪ 1,234.50"],
    [DANA + ".0", "לוי", "דנה", "01/1980", "נקבה", "נשוי/אה", "הגפן 2", "", "3,000"],
    [OMAR[:4] + "-" + OMAR[4:], "חורי", "עומר", "1975", "M", "אלמן", "", "972521234567", "0"],
]
# What each person's record holds once imported, whatever the file's encoding or delimiter.
EXPECTED: dict[str, dict[str, Any]] = {
    ZERO: {
        "full_name": "מרים כהן",
        "birth_date": "1985-03-05",
        "sex": "female",
        "marital_status": "divorced",
        "address": "הרצל 5\nדירה 3",
        "phone": "0501234567",
        "income_work": 1234.5,
    },
    DANA: {"full_name": "דנה לוי", "birth_date": "1980-01-01", "sex": "female", "marital_status": "married"},
    OMAR: {"full_name": "עומר חורי", "birth_date": "1975-01-01", "sex": "male", "phone": "0521234567"},
}


def delimited(rows: list[list[Any]], delimiter: str = ",", titles: tuple[str, ...] = ()) -> str:
    out = io.StringIO()
    for title in titles:
        out.write(title + "\r\n")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


def welfare_text(delimiter: str = ",", titles: tuple[str, ...] = ()) -> str:
    totals = ['סה"כ', "", "", "", "", "", "", "", "4234.5"]
    return delimited([WELFARE_HEADER, *WELFARE_ROWS, totals], delimiter, titles)


def proposed(columns: list[str] | tuple[str, ...]) -> dict[str, str]:
    """The mapping the mapping step proposes, confirmed as it is."""
    return {column: proposal.field for column, proposal in propose_mapping(columns).items()}


def workbook(sheets: dict[str, list[list[Any]]], merged: dict[str, list[str]] | None = None) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells_range in (merged or {}).get(title, []):
            sheet.merge_cells(cells_range)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class ImportCase(MizuiTestCase):
    def source(self, columns: list[str] | tuple[str, ...], name: str = "רווחה", **fields: Any) -> Source:
        with tenant_context(self.a):
            return Source.objects.create(authority=self.a, name=name, mapping=proposed(columns), **fields)

    def run_file(self, source: Source, content: bytes, name: str = "export.csv", sheet: str = "") -> RecordImport:
        with tenant_context(self.a):
            item, _created = start_import(
                None, authority=self.a, source=source, name=name, fileobj=io.BytesIO(content), sheet=sheet
            )
        return run_import(item)

    def record(self, id_number: str) -> dict[str, Any]:
        with tenant_context(self.a):
            member = PopulationMember.objects.for_authority(self.a).get(id_index=blind_index(id_number, "id"))
        record: dict[str, Any] = json.loads(member.data)
        return record

    def assert_imported(self, expected: dict[str, dict[str, Any]]) -> None:
        for id_number, facts in expected.items():
            record = self.record(id_number)
            self.assertEqual({k: record.get(k) for k in facts}, facts, id_number)


class EncodingAndDelimiterTests(ImportCase):
    """Every encoding Israeli systems write, with every delimiter, detected and never asked."""

    LAYOUTS = {
        "UTF-8 with a BOM, commas": ("utf-8-sig", ","),
        "UTF-8, semicolons": ("utf-8", ";"),
        "Windows-1255 (Hebrew Excel's CSV), commas": ("cp1255", ","),
        'UTF-16 tab-separated (Excel "Unicode text")': ("utf-16", "\t"),
        "Windows-1255, pipes": ("cp1255", "|"),
    }

    def test_it_detects_each_encoding_and_delimiter_and_imports_the_same_persons(self) -> None:
        for label, (encoding, delimiter) in self.LAYOUTS.items():
            with self.subTest(label), tenant_context(self.a):
                PopulationMember.objects.for_authority(self.a).delete()
                RecordImport.objects.for_authority(self.a).delete()
                Source.objects.for_authority(self.a).delete()
            with self.subTest(label):
                content = welfare_text(delimiter).encode(encoding)
                found = reading.read_layout(io.BytesIO(content), "csv")
                self.assertEqual((found.delimiter, found.columns), (delimiter, tuple(WELFARE_HEADER)))
                item = self.run_file(self.source(found.columns), content)
                # The totals line at the end is not a row; a quoted address keeps its line break.
                self.assertEqual((item.rows_total, item.merged, item.quarantined), (3, 3, 0))
                self.assert_imported(EXPECTED)

    def test_it_skips_title_rows_and_excels_sep_line(self) -> None:
        titles = ("עיריית אשדוד - מחלקת רווחה", "תאריך הפקה: 01/06/2026", "")
        for text in (welfare_text(";", titles), "sep=;\r\n" + welfare_text(";")):
            with self.subTest(text[:10]):
                found = reading.read_layout(io.BytesIO(text.encode("cp1255")), "csv")
                self.assertEqual((found.delimiter, found.columns), (";", tuple(WELFARE_HEADER)))
                rows = reading.preview(io.BytesIO(text.encode("cp1255")), "csv", proposed(found.columns))
                self.assertEqual([r["values"]["id_number"] for r in rows], [ZERO, DANA, OMAR])

    def test_it_refuses_a_file_without_a_header_row(self) -> None:
        content = delimited(WELFARE_ROWS).encode()
        with self.assertRaisesMessage(ImportRefused, "אין שורת כותרת"):
            reading.read_layout(io.BytesIO(content), "csv")


class WorkbookTests(ImportCase):
    """Workbooks as municipal systems export them."""

    def test_it_reads_title_rows_a_two_row_merged_header_numbers_and_dates_as_excel_keeps_them_and_a_totals_row(
        self,
    ) -> None:
        rows: list[list[Any]] = [
            ["רשימת לקוחות - מחלקת רווחה 2026"],
            [],
            ["מספר זהות", "שם", "תאריך לידה", "הכנסות", None, "מצב משפחתי", "סוג מגורים", "שכר דירה"],
            [None, None, None, "עבודה", "קצבאות", None, None, None],
            [int(ZERO), "מרים כהן", 31112, "1,234", 800, "אלמנה", "עמידר", None],  # a serial date, text amount
            [float(DANA), "דנה לוי", EXCEL_DAY, 0, "2,100.50", "רווק", "שוכר", "3,200"],
            [OMAR, "עומר חורי", "1975", "", "", "ידועה בציבור", "בעלים", ""],
            [None, 'סה"כ', None, "=SUM(D5:D7)", "=SUM(E5:E7)"],
        ]
        merged = ["A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:G4", "H3:H4"]
        content = workbook({"הסבר": [["הקובץ הופק ממערכת הרווחה"]], "לקוחות": rows}, {"לקוחות": merged})
        found = reading.read_layout(io.BytesIO(content), "xlsx")
        self.assertEqual(found.sheet, "לקוחות")  # the sheet of notes is not a table
        self.assertEqual(found.columns[3:5], ("הכנסות - עבודה", "הכנסות - קצבאות"))
        mapping = proposed(found.columns)
        self.assertEqual(
            [mapping[c] for c in found.columns],
            ["id_number", "full_name", "birth_date", "income_work", "income_nii_benefits", "marital_status", "tenure"]
            + ["rent_monthly"],
        )
        item = self.run_file(self.source(found.columns), content, "welfare.xlsx")
        self.assertEqual((item.rows_total, item.merged, item.quarantined, item.sheet), (3, 3, 0, "לקוחות"))
        self.assert_imported(
            {
                ZERO: {"birth_date": "1985-03-06", "income_work": 1234.0, "tenure": "public_housing"},
                DANA: {"birth_date": "1980-01-05", "income_nii_benefits": 2100.5, "rent_monthly": 3200.0},
                OMAR: {"birth_date": "1975-01-01", "marital_status": "common_law", "tenure": "owner"},
            }
        )

    def test_it_names_unnamed_and_repeated_columns_so_a_mapping_can_name_them(self) -> None:
        rows: list[list[Any]] = [
            ["ת.ז.", "טלפון", "טלפון", None, "שם"],
            [DANA, "08-6123456", "050-7654321", "x", "דנה"],
        ]
        found = reading.read_layout(io.BytesIO(workbook({"גיליון1": rows})), "xlsx")
        self.assertEqual(found.columns, ("ת.ז.", "טלפון", "טלפון (2)", "עמודה D", "שם"))

    def test_it_imports_the_sheet_that_has_the_sources_columns_and_asks_when_several_do(self) -> None:
        header = ["ת.ז.", "שם"]
        notes = [["הערות"], ["קובץ חודשי", "ינואר"]]
        one = workbook({"הערות": notes, "ינואר": [header, [DANA, "דנה"]]})
        source = self.source(header)
        self.assertEqual(self.run_file(source, one, "one.xlsx").sheet, "ינואר")
        two = workbook({"ינואר": [header, [DANA, "דנה"]], "פברואר": [header, [OMAR, "עומר"]]})
        with tenant_context(self.a):
            item, _created = start_import(
                None, authority=self.a, source=source, name="two.xlsx", fileobj=io.BytesIO(two)
            )
        self.assertEqual((item.sheet, item.status), ("", ImportStatus.PREVIEW))
        from mizui.outreach.services.importer import choose_sheet, sheet_choices

        with tenant_context(self.a):
            self.assertEqual(sheet_choices(item), ["ינואר", "פברואר"])
            chosen = choose_sheet(self.michal, item, "פברואר")
        done = run_import(chosen)
        self.assertEqual((done.sheet, done.merged), ("פברואר", 1))
        self.assertEqual(self.record(OMAR)["full_name"], "עומר")

    def test_it_refuses_old_excel_and_web_pages_saved_as_excel_with_what_to_do(self) -> None:
        old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
        page = b"<html><body><table><tr><td>1</td></tr></table></body></html>"
        for name, content, words in (("old.xls", old, "XLSX"), ("page.xls", page, "דף אינטרנט")):
            with self.subTest(name), tenant_context(self.a):
                with self.assertRaisesMessage(ImportRefused, words):
                    start_import(
                        None,
                        authority=self.a,
                        source=self.source(["ת.ז."], name=name),
                        name=name,
                        fileobj=io.BytesIO(content),
                    )
                self.assertFalse(RecordImport.objects.for_authority(self.a).exists())

    def test_a_xls_that_is_really_text_is_read_as_text(self) -> None:
        content = welfare_text("\t").encode("utf-16")
        self.assertEqual(reading.file_kind("export.xls", io.BytesIO(content)), "csv")


class HeaderProposalTests(SimpleTestCase):
    """Headers as municipal systems name them: the mapping step proposes the field, once declared."""

    def test_it_proposes_a_field_for_each_header_municipal_systems_use(self) -> None:
        cases = {
            "ת.ז.": "id_number",
            'ת"ז': "id_number",
            "ת״ז": "id_number",
            "מספר זהות": "id_number",
            "מס' זהות": "id_number",
            "מס׳ זהות": "id_number",
            "שם משפחה": "last_name",
            "שם פרטי": "first_name",
            "תאריך לידה": "birth_date",
            "מין": "sex",
            "מצב משפחתי": "marital_status",
            "שטח": "arnona_area_sqm",
            "שטח נכס": "arnona_area_sqm",
            'שטח (מ"ר)': "arnona_area_sqm",
            "סוג הנחה": "receives",
            "כתובת": "address",
            "רחוב": "street",
            "מס' בית": "house_number",
            "טלפון": "phone",
            "נייד": "mobile",
            "הכנסה": "income_work",
            "סך הכנסה": "income_work",
            "שכר דירה (₪)": "rent_monthly",
            "תאריך עלייה": "immigration_date",
            "מספר משפחה": "household_id",
            "income_work": "income_work",
        }
        for header, field in cases.items():
            with self.subTest(header):
                self.assertEqual(propose_mapping([header])[header].field, field)

    def test_it_proposes_do_not_import_and_says_why_for_headers_no_field_holds(self) -> None:
        proposals = propose_mapping(["ת.ז.", "מס' ילדים", "מספר נפשות", "גובה הנחה", "דת"])
        unread = ["מס' ילדים", "מספר נפשות", "גובה הנחה", "דת"]
        self.assertEqual({c: proposals[c].field for c in unread}, dict.fromkeys(unread, ""))
        self.assertIn("בני הבית", str(proposals["מס' ילדים"].why))
        self.assertIn("הנחה", str(proposals["גובה הנחה"].why))
        self.assertEqual(proposals["דת"].why, "")

    def test_a_field_two_columns_could_feed_goes_to_the_closer_name(self) -> None:
        proposals = propose_mapping(["מספר זהות מבקש", "ת.ז.", "הכנסה", "הכנסה מעבודה"])
        self.assertEqual(
            {c: p.field for c, p in proposals.items()},
            {"מספר זהות מבקש": "", "ת.ז.": "id_number", "הכנסה": "", "הכנסה מעבודה": "income_work"},
        )

    def test_the_synonyms_are_declared_with_the_fields_not_listed_again(self) -> None:
        from eligibility.inputs import by_column

        self.assertIn("שטח נכס", by_column()["arnona_area_sqm"].import_headers)
        self.assertIn("שטח נכס", FIELDS["arnona_area_sqm"].headers)


def parse(field: str, raw: Any) -> Any:
    header = ["id_number", field] if field != "id_number" else ["id_number"]
    row = ["000000018", raw] if field != "id_number" else [raw]
    return RowPlan.build(header, {c: c for c in header}).parse(row)[field]


class CellTests(SimpleTestCase):
    """Values as municipal files write them."""

    def test_it_reads_id_numbers_as_excel_and_systems_write_them(self) -> None:
        for raw in (
            ZERO,
            ZERO.lstrip("0"),
            int(ZERO),
            float(ZERO),
            ZERO.lstrip("0") + ".0",
            f"{ZERO[:8]}-{ZERO[8]}",
            f"{ZERO[:3]} {ZERO[3:6]} {ZERO[6:]}",
            f"\u200f{ZERO}",
            f'="{ZERO}"',
            f"'{ZERO}",
        ):
            with self.subTest(repr(raw)):
                self.assertEqual(parse("id_number", raw), ZERO)

    def test_it_reports_each_bad_id_number_with_its_reason_and_never_its_digits(self) -> None:
        bad = synthetic.bad_id(7)
        for raw, reason in (
            (bad, "ספרת ביקורת"),
            ("1.23457E+08", "כתיב מדעי"),
            ("12345678901", "יותר מ־9"),
            ("12א45", "שאינם ספרות"),
            (12345678.5, "שבר"),
        ):
            with self.subTest(raw), self.assertRaises(RowError) as caught:
                parse("id_number", raw)
            self.assertIn(reason, caught.exception.reason)
            self.assertNotIn(str(raw), caught.exception.reason)

    def test_it_reads_dates_as_israeli_files_write_them(self) -> None:
        cases = {
            "05/03/1985": "1985-03-05",
            "5/3/1985": "1985-03-05",
            "5.3.85": "1985-03-05",
            "05-03-1985": "1985-03-05",
            "1985-03-05": "1985-03-05",
            "1985/03/05": "1985-03-05",
            "05/03/1985 00:00:00": "1985-03-05",
            "1985-03-05T00:00:00": "1985-03-05",
            31111: "1985-03-05",  # an Excel serial, as a number
            "31111": "1985-03-05",  # and as text
            dt.datetime(1985, 3, 5, tzinfo=dt.UTC).replace(tzinfo=None): "1985-03-05",  # a cell as openpyxl reads it
            "03/1985": "1985-03-01",  # a month: its first day
            "1985-03": "1985-03-01",
            "1985": "1985-01-01",  # a year: 1 January, as the population registry records an unknown day
            1985: "1985-01-01",
            "19850305": "1985-03-05",
            "05031985": "1985-03-05",
            "12.1.05": "2005-01-12",
        }
        for raw, day in cases.items():
            with self.subTest(repr(raw)):
                self.assertEqual(parse("birth_date", raw), day)

    def test_it_refuses_a_month_first_date_and_reports_those_whose_order_is_in_doubt(self) -> None:
        with self.assertRaises(RowError) as caught:
            parse("birth_date", "12/31/1980")
        self.assertIn("חודש לפני יום", caught.exception.reason)
        self.assertEqual(
            [cells.date_order(v) for v in ("12/31/1980", "03/04/1985", "31/12/1980", "1985-03-04", "04/04/1985")],
            ["month_first", "either", "", "", ""],
        )

    def test_it_reads_amounts_with_shekel_signs_and_thousands(self) -> None:
        cases = {
            "₪ 1,234.50": 1234.5,
            '1,234.50 ש"ח': 1234.5,
            "1 234": 1234.0,
            "1\xa0234": 1234.0,
            "3200": 3200.0,
            "1.234,50": 1234.5,
            "12,5": 12.5,
            "1,200": 1200.0,
            4200: 4200.0,
        }
        for raw, value in cases.items():
            with self.subTest(repr(raw)):
                self.assertEqual(parse("income_work", raw), value)
        self.assertEqual(parse("medical_percent", "75%"), 75.0)
        for raw in ("500-", "(500)", "abc"):
            with self.subTest(raw), self.assertRaises(RowError):
                parse("income_work", raw)

    def test_it_reads_the_words_files_write_for_values(self) -> None:
        cases: dict[str, dict[str, Any]] = {
            "sex": {"ז": "male", "נ": "female", "זכר": "male", "נקבה": "female", "M": "male", "F": "female"},
            "marital_status": {
                "נשוי/אה": "married",
                "נשואה": "married",
                "גרוש/ה": "divorced",
                "גרושה": "divorced",
                "אלמן/ה": "widowed",
                "אלמנה": "widowed",
                "רווק/ה": "single",
                "רווק": "single",
                "ידוע/ה בציבור": "common_law",
                "ידועה בציבור": "common_law",
            },
            "tenure": {
                "שוכר": "renter",
                "בעלים": "owner",
                "דיור ציבורי": "public_housing",
                "עמידר": "public_housing",
                "עמיגור": "public_housing",
                "דיור ציבורי - עמידר": "public_housing",
            },
            "role": {"ראש משפחה": "applicant", "בן/בת זוג": "partner", "ילד": "child"},
            "employment_service_registered": {"כן": True, "לא": False, "V": True},
            "receives": {
                "גמלת הבטחת הכנסה": "income_support",
                "income_support; child_allowance": "income_support;child_allowance",
            },
        }
        for field, written in cases.items():
            for raw, value in written.items():
                with self.subTest(f"{field}: {raw}"):
                    self.assertEqual(parse(field, raw), value)

    def test_it_composes_a_name_an_address_and_the_mobile_from_their_parts(self) -> None:
        header = ["ת.ז.", "שם פרטי", "שם משפחה", "רחוב", "מס' בית", "דירה", "טלפון", "נייד"]
        row = [DANA, "דנה", "לוי", "הרצל", "12", "4", "08-6123456", "052-1234567"]
        values = RowPlan.build(header, proposed(header)).parse(row)
        self.assertEqual(
            values,
            {"id_number": DANA, "full_name": "דנה לוי", "address": "הרצל 12, דירה 4", "phone": "0521234567"},
        )


class PreviewPageTests(ImportCase):
    """The preview says how the file was read, what it will not import, and takes the source's own words."""

    def setUp(self) -> None:
        login(self.client, self.michal, authority=self.a)

    def upload(self, source: Source, content: bytes, name: str) -> Any:
        return self.client.post(
            reverse("outreach:import-new"),
            {"source": source.pk, "file": SimpleUploadedFile(name, content)},
            follow=True,
        )

    def test_it_shows_the_layout_the_footer_date_order_and_saves_the_words_no_rule_covers(self) -> None:
        header = ["ת.ז.", "תאריך לידה", "סוג מגורים"]
        rows = [[ZERO, "12/31/1980", "שוכר"], [DANA, "03/04/1985", "דיור מוגן"], [OMAR, "1975", "דיור מוגן"]]
        text = delimited([header, *rows, ['סה"כ', "3"]], ";", ("עיריית אשדוד",))
        source = self.source(header)
        response = self.upload(source, text.encode("cp1255"), "export.csv")
        self.assertContains(response, "Windows-1255")
        self.assertContains(response, "נקודה-פסיק")
        self.assertContains(response, 'data-footer="1"')
        self.assertContains(response, "data-date-order")  # one month-first date, one that could swap
        self.assertContains(response, "חודש לפני יום")  # row 1's reason
        self.assertContains(response, "דיור מוגן")
        self.assertContains(response, "data-uncovered")
        with tenant_context(self.a):
            item = RecordImport.objects.for_authority(self.a).get()
        values = json.dumps([["tenure", "דיור מוגן", 2]], ensure_ascii=False)
        response = self.client.post(
            reverse("outreach:import-recode", args=[item.pk]), {"values": values, "value_0": "other"}, follow=True
        )
        self.assertContains(response, "הקידוד נשמר")
        self.assertNotContains(response, "data-uncovered")
        source.refresh_from_db()
        self.assertEqual(source.recode, {"tenure": {"דיור מוגן": "other"}})
        done = run_import(item)
        self.assertEqual((done.rows_total, done.merged, done.quarantined), (3, 2, 1))

    def test_it_refuses_a_value_the_field_does_not_take(self) -> None:
        source = self.source(["ת.ז.", "סוג מגורים"])
        item = self.upload_item(source, delimited([["ת.ז.", "סוג מגורים"], [DANA, "דיור מוגן"]]).encode())
        values = json.dumps([["tenure", "דיור מוגן", 1]], ensure_ascii=False)
        self.client.post(reverse("outreach:import-recode", args=[item.pk]), {"values": values, "value_0": "castle"})
        source.refresh_from_db()
        self.assertEqual(source.recode, {})

    def upload_item(self, source: Source, content: bytes, name: str = "x.csv") -> RecordImport:
        self.upload(source, content, name)
        with tenant_context(self.a):
            return RecordImport.objects.for_authority(self.a).latest("pk")

    def test_the_page_asks_for_the_sheet_and_will_not_start_before(self) -> None:
        header = ["ת.ז.", "שם"]
        content = workbook({"ינואר": [header, [DANA, "דנה"]], "פברואר": [header, [OMAR, "עומר"]]})
        source = self.source(header)
        response = self.upload(source, content, "two.xlsx")
        self.assertContains(response, "data-sheet-choice")
        self.assertNotContains(response, "תצוגה מקדימה: 10")
        with tenant_context(self.a):
            item = RecordImport.objects.for_authority(self.a).get()
        response = self.client.post(reverse("outreach:import-start", args=[item.pk]), follow=True)
        self.assertContains(response, "יש לבחור קודם את הגיליון")
        response = self.client.post(reverse("outreach:import-sheet", args=[item.pk]), {"sheet": "ינואר"}, follow=True)
        self.assertContains(response, "תצוגה מקדימה: 10")
        self.assertContains(response, "ינואר")
        item.refresh_from_db()
        self.assertEqual(item.sheet, "ינואר")

    def test_the_mapping_step_proposes_fields_for_hebrew_headers_and_says_how_the_file_was_read(self) -> None:
        content = welfare_text("\t", ("דוח רווחה",)).encode("utf-16")
        response = self.client.post(
            reverse("outreach:source-new"), {"name": "רווחה", "file": SimpleUploadedFile("w.txt", content)}
        )
        self.assertContains(response, "UTF-16")
        self.assertContains(response, "טאב")
        form = response.context["form"]
        initial = {form.fields[f"col_{i}"].label: form.fields[f"col_{i}"].initial for i in range(len(WELFARE_HEADER))}
        self.assertEqual(initial["ת.ז."], "id_number")
        self.assertEqual(initial["נייד"], "mobile")
        self.assertContains(response, "מוצע לפי שם העמודה")

    def test_a_refusal_is_in_the_staff_members_language(self) -> None:
        old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
        source = self.source(["ת.ז."])
        with translation.override("en"):
            with tenant_context(self.a), self.assertRaisesMessage(ImportRefused, "Excel"):
                start_import(None, authority=self.a, source=source, name="old.xls", fileobj=io.BytesIO(old))
            with self.assertRaises(ImportRefused) as caught:
                reading.file_kind("old.xls", io.BytesIO(old))
            self.assertNotIn("קובץ", str(caught.exception))


class NothingHalfWrittenTests(ImportCase):
    def test_a_file_without_the_sources_id_column_is_refused_before_anything_is_stored(self) -> None:
        source = self.source(["ת.ז.", "שם"])
        content = delimited([["שם"], ["דנה"]]).encode()
        with tenant_context(self.a), self.assertRaisesMessage(ImportRefused, "מספר הזהות"):
            start_import(None, authority=self.a, source=source, name="x.csv", fileobj=io.BytesIO(content))
        with tenant_context(self.a):
            self.assertFalse(RecordImport.objects.for_authority(self.a).exists())

    def test_rows_without_an_id_in_the_middle_are_quarantined_and_only_a_footer_is_dropped(self) -> None:
        header = ["ת.ז.", "שם", "כתובת", "מין"]
        rows = [[DANA, "דנה", "הרצל 1", "נ"], ["", "בלי זהות", "הגפן 2", "ז"], [OMAR, "עומר", "", "ז"]]
        footer = [["", "", "", ""], ['סה"כ רשומות: 3', "", "", ""], ["הופק על ידי מערכת הרווחה"]]
        item = self.run_file(self.source(header), delimited([header, *rows, *footer]).encode())
        self.assertEqual((item.rows_total, item.merged, item.quarantined), (3, 2, 1))
        with tenant_context(self.a):
            quarantined = QuarantinedRow.objects.for_authority(self.a).get()
        self.assertEqual((quarantined.row_number, quarantined.field), (2, "id_number"))


@pytest.mark.django_db
def test_the_command_imports_a_hebrew_export_with_the_proposed_mapping(tmp_path: Any, capsys: Any) -> None:
    from mizui.test import make_authority

    authority = make_authority("exports-cli", "אשדוד", 71)
    path = tmp_path / "welfare.csv"
    path.write_bytes(welfare_text(";", ("דוח רווחה",)).encode("cp1255"))
    out = io.StringIO()
    call_command("import_records", str(path), "--authority", authority.slug, "--source", "רווחה", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["rows_in_file"], result["merged"], result["balanced"]) == (3, 3, True)
    assert json.loads(capsys.readouterr().err.strip().splitlines()[-1])["mapping"]["ת.ז."] == "id_number"


@pytest.mark.django_db
def test_the_command_leaves_out_a_column_no_field_holds_and_imports_the_rest(tmp_path: Any, capsys: Any) -> None:
    from mizui.test import make_authority

    authority = make_authority("exports-cli-notes", "אשדוד", 72)
    rows = [[*WELFARE_HEADER, "הערות העובדת"], *([*row, "הערה אישית"] for row in WELFARE_ROWS)]
    path = tmp_path / "welfare-notes.csv"
    path.write_bytes(delimited(rows, ",").encode("utf-8"))
    out = io.StringIO()
    call_command("import_records", str(path), "--authority", authority.slug, "--source", "רווחה", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["rows_in_file"], result["merged"]) == (len(WELFARE_ROWS), len(WELFARE_ROWS))
    mapping = json.loads(capsys.readouterr().err.strip().splitlines()[-1])["mapping"]
    assert mapping["הערות העובדת"] == ""  # "do not import": the notes are not kept


def test_utf16_without_a_bom_and_big_endian_are_read_too() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        content = welfare_text("\t").encode(encoding)
        found = reading.read_layout(io.BytesIO(content), "csv")
        assert (found.encoding, found.delimiter, found.columns[0]) == (encoding, "\t", "ת.ז.")
