"""Barriers: recorded and resolved on a case, counted for the forum with no personal data, per authority."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from mizui.accounts.models import AccessAction, AccessLog, Authority, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Barrier, BarrierKind, Entitlement
from mizui.cases.services.barriers import BarrierError, record_barrier, resolve_barrier
from mizui.test import MizuiTestCase, formula_cells, login, make_case, make_membership, make_user

TODAY = dt.date(2026, 11, 23)
SECRET = "הפקידה שרית אמרה למרים שלא תחזור"


def make_barrier(
    authority: Authority,
    actor: User,
    *,
    case: Any = None,
    resolved_on: dt.date | None = None,
    **fields: Any,
) -> Barrier:
    case = case if case is not None else make_case(authority)
    values: dict[str, Any] = {
        "kind": BarrierKind.UNREACHABLE_OFFICE,
        "agency": "nii",
        "occurred_on": dt.date(2026, 3, 1),
    }
    values.update(fields)
    with tenant_context(authority):
        barrier = record_barrier(actor, case, **values)
        if resolved_on is not None:
            resolve_barrier(actor, barrier, resolved_on=resolved_on)
    return barrier


@time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC), tick=False)
class RecordTests(MizuiTestCase):
    def setUp(self) -> None:
        self.case = make_case(self.a, lawyer=self.dana)
        with tenant_context(self.a):
            self.row = Entitlement.objects.get(case=self.case)

    def test_it_records_a_barrier_on_a_ledger_row_with_its_right_and_agency(self) -> None:
        login(self.client, self.dana)
        data = {"entitlement": self.row.pk, "kind": "documents", "occurred_on": "2026-11-01", "description": SECRET}
        response = self.client.post(reverse("cases:barrier-add", kwargs={"pk": self.case.pk}), data, follow=True)
        self.assertContains(response, "החסם נרשם")
        self.assertContains(response, SECRET)  # staff see the description on the case page
        with tenant_context(self.a):
            barrier = Barrier.objects.get()
            log = AccessLog.objects.get(action=AccessAction.CREATE, object_type="barrier")
        self.assertEqual((barrier.agency, barrier.program, barrier.kind), ("nii", "income_support", "documents"))
        self.assertEqual((barrier.recorded_by, log.object_id), (self.dana, str(barrier.pk)))

    def test_it_keeps_the_description_encrypted(self) -> None:
        from django.db import connection

        barrier = make_barrier(self.a, self.dana, case=self.case, description=SECRET)
        with tenant_context(self.a), connection.cursor() as cursor:
            cursor.execute("SELECT description FROM cases_barrier WHERE id = %s", [barrier.pk])
            self.assertNotIn("שרית", cursor.fetchone()[0])

    def test_it_asks_for_an_agency_when_no_right_is_chosen(self) -> None:
        login(self.client, self.dana)
        data = {"kind": "language", "occurred_on": "2026-11-01"}
        response = self.client.post(reverse("cases:barrier-add", kwargs={"pk": self.case.pk}), data, follow=True)
        self.assertContains(response, "נא לבחור זכות או גורם")
        with tenant_context(self.a):
            self.assertFalse(Barrier.objects.exists())

    def test_it_refuses_a_future_date_and_another_cases_right(self) -> None:
        other = make_case(self.a)
        with tenant_context(self.a):
            other_row = Entitlement.objects.get(case=other)
            with self.assertRaisesMessage(BarrierError, "בעתיד"):
                record_barrier(
                    self.dana, self.case, kind="delay", agency="nii", occurred_on=TODAY + dt.timedelta(days=1)
                )
            with self.assertRaisesMessage(BarrierError, "אינה שייכת"):
                record_barrier(self.dana, self.case, kind="delay", entitlement=other_row, occurred_on=TODAY)

    def test_it_resolves_a_barrier_once(self) -> None:
        barrier = make_barrier(self.a, self.dana, case=self.case)
        login(self.client, self.michal)
        url = reverse("cases:barrier-resolve", kwargs={"pk": barrier.pk})
        response = self.client.post(
            url, {"resolved_on": "2026-03-11", "resolution": "נפגשנו עם מנהל הסניף"}, follow=True
        )
        self.assertContains(response, "החסם סומן כפתור")
        again = self.client.post(url, {"resolved_on": "2026-03-12"}, follow=True)
        self.assertContains(again, "כבר סומן כפתור")
        with tenant_context(self.a):
            barrier.refresh_from_db()
        self.assertEqual((barrier.resolved_on, barrier.resolved_by), (dt.date(2026, 3, 11), self.michal))
        self.assertEqual(barrier.resolution, "נפגשנו עם מנהל הסניף")

    def test_it_refuses_a_resolution_before_the_barrier(self) -> None:
        barrier = make_barrier(self.a, self.dana, case=self.case)
        with tenant_context(self.a), self.assertRaisesMessage(BarrierError, "מוקדם"):
            resolve_barrier(self.dana, barrier, resolved_on=dt.date(2026, 2, 1))

    def test_it_hides_the_card_from_volunteers_and_refuses_their_posts(self) -> None:
        case = make_case(self.a, volunteer=self.yael)
        login(self.client, self.yael)
        self.assertNotContains(self.client.get(reverse("cases:case", kwargs={"pk": case.pk})), "barriers-title")
        data = {"agency": "nii", "kind": "language", "occurred_on": "2026-11-01"}
        self.assertEqual(self.client.post(reverse("cases:barrier-add", kwargs={"pk": case.pk}), data).status_code, 403)

    def test_it_answers_404_to_another_authority(self) -> None:
        barrier = make_barrier(self.a, self.dana, case=self.case)
        login(self.client, self.boaz)
        add = self.client.post(reverse("cases:barrier-add", kwargs={"pk": self.case.pk}), {"agency": "nii"})
        resolve = self.client.post(
            reverse("cases:barrier-resolve", kwargs={"pk": barrier.pk}), {"resolved_on": "2026-11-01"}
        )
        self.assertEqual((add.status_code, resolve.status_code), (404, 404))
        with tenant_context(self.a):
            self.assertEqual(Barrier.objects.open().count(), 1)


@time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC), tick=False)
class ReportTests(MizuiTestCase):
    analyst: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.analyst = make_user("noa@a.test", "נועה אנליסטית")
        make_membership(cls.analyst, cls.a, Role.ANALYST)
        case = make_case(cls.a, full_name="מרים בן חיים")
        d = dt.date
        # A hand-built set with known answers. Resolution days: 4, 10, 3 → median 4.
        make_barrier(
            cls.a,
            cls.dana,
            case=case,
            program="income_support",
            kind="documents",
            occurred_on=d(2026, 1, 5),
            resolved_on=d(2026, 1, 9),
            description=SECRET,
        )
        make_barrier(
            cls.a,
            cls.dana,
            case=case,
            program="income_support",
            kind="documents",
            occurred_on=d(2026, 2, 1),
            resolved_on=d(2026, 2, 11),
        )
        make_barrier(cls.a, cls.dana, case=case, program="income_support", kind="delay", occurred_on=d(2026, 3, 1))
        make_barrier(
            cls.a,
            cls.dana,
            case=case,
            agency="iec",
            program="",
            kind="digital",
            occurred_on=d(2026, 6, 1),
            resolved_on=d(2026, 6, 4),
        )
        make_barrier(
            cls.a,
            cls.dana,
            case=case,
            agency="municipality",
            program="arnona_senior",
            kind="language",
            occurred_on=d(2025, 12, 31),
        )
        # Authority B's barrier must never be counted at A.
        make_barrier(cls.b, cls.omar, kind="wrong_denial", agency="housing", occurred_on=d(2026, 2, 2))

    def _report(self, user: User | None = None, **params: str) -> Any:
        login(self.client, user or self.michal)
        response = self.client.get(reverse("cases:barriers"), params)
        self.assertEqual(response.status_code, 200)
        return response.context["report"]

    def test_it_counts_by_agency_and_type(self) -> None:
        report = self._report()
        self.assertEqual((report.total, report.open, report.resolved, report.median_days), (5, 2, 3, 4))
        by_agency = report.tables[0]
        kinds = list(BarrierKind.values)
        self.assertEqual(by_agency.header[1 : 1 + len(kinds)], [str(label) for label in BarrierKind.labels])

        def row(*counts: tuple[str, int]) -> list[int]:
            return [dict(counts).get(kind, 0) for kind in kinds]

        self.assertEqual(
            by_agency.rows,
            [
                ["המוסד לביטוח לאומי", *row(("documents", 2), ("delay", 1)), 3, 1, 2, 7],
                ["הרשות המקומית – מחלקת הארנונה", *row(("language", 1)), 1, 1, 0, None],
                ["חברת החשמל", *row(("digital", 1)), 1, 0, 1, 3],
                ["סה״כ", *row(("documents", 2), ("delay", 1), ("language", 1), ("digital", 1)), 5, 2, 3, 4],
            ],
        )

    def test_it_counts_by_right(self) -> None:
        self.assertEqual(
            self._report().tables[1].rows,
            [
                ["גמלת הבטחת הכנסה", "המוסד לביטוח לאומי", 3, 1, 2, 7],
                ["הנחה בארנונה לאזרח ותיק", "הרשות המקומית – מחלקת הארנונה", 1, 1, 0, None],
                ["ללא זכות מסוימת", "חברת החשמל", 1, 0, 1, 3],
            ],
        )

    def test_it_filters_by_period_agency_and_status(self) -> None:
        report = self._report(start="2026-01-01", end="2026-02-28")
        self.assertEqual((report.total, report.resolved, report.median_days), (2, 2, 7))
        self.assertEqual(self._report(agency="iec").total, 1)
        self.assertEqual(self._report(status="open").total, 2)
        self.assertEqual(self._report(status="resolved", agency="nii").total, 2)

    def test_it_shows_another_authority_only_its_own(self) -> None:
        report = self._report(self.boaz)
        self.assertEqual((report.total, report.tables[0].rows[0][0]), (1, "משרד הבינוי והשיכון"))

    def test_it_lets_analysts_in_and_keeps_volunteers_out(self) -> None:
        self.assertEqual(self._report(self.analyst).total, 5)
        login(self.client, self.yael)
        self.assertEqual(self.client.get(reverse("cases:barriers")).status_code, 403)
        self.assertEqual(self.client.get(reverse("cases:barriers-export")).status_code, 403)
        self.assertNotContains(self.client.get(reverse("accounts:home")), reverse("cases:barriers"))

    def test_it_keeps_the_page_to_a_fixed_number_of_queries(self) -> None:
        login(self.client, self.michal)
        with self.assertNumQueries(self._queries()):
            self.client.get(reverse("cases:barriers"))
        make_barrier(self.a, self.dana, kind="form", agency="water", occurred_on=dt.date(2026, 7, 1))
        with self.assertNumQueries(self._queries()):
            self.client.get(reverse("cases:barriers"))

    def _queries(self) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.client.get(reverse("cases:barriers"))
        return len(captured)

    def _export(self, fmt: str) -> bytes:
        login(self.client, self.analyst)
        response = self.client.get(reverse("cases:barriers-export"), {"format": fmt, "start": "2026-01-01"})
        self.assertEqual(response.status_code, 200)
        self.assertIn(f".{fmt}", response["Content-Disposition"])
        return response.content

    def _assert_no_personal_data(self, cells: list[str]) -> None:
        text = "\n".join(cells)
        for personal in (SECRET, "שרית", "מרים", self.dana.full_name, "דנה"):
            self.assertNotIn(personal, text)
        # Counts may equal a case id by chance, so look for what an id column would bring: its header.
        self.assertFalse({"case", "case_id", "תיק", "מספר תיק"} & set(cells))

    def test_it_exports_csv_with_counts_only_and_logs_it(self) -> None:
        content = self._export("csv").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content)))
        self._assert_no_personal_data([cell for row in rows for cell in row])
        self.assertIn(["גמלת הבטחת הכנסה", "המוסד לביטוח לאומי", "3", "1", "2", "7"], rows)
        self.assertIn(["חברת החשמל", "0", "0", "0", "0", "0", "0", "1", "0", "0", "1", "0", "1", "3"], rows)
        self.assertNotIn("הנחה בארנונה לאזרח ותיק", content)  # 31.12.2025 is before the period
        with tenant_context(self.a):
            log = AccessLog.objects.get(action=AccessAction.EXPORT)
        self.assertEqual((log.user, log.object_type, log.object_id), (self.analyst, "barrier_report", "csv"))

    def test_no_exported_cell_runs_as_a_formula(self) -> None:
        Authority.objects.filter(pk=self.a.pk).update(name_he='=HYPERLINK("http://x.example","אשדוד")')
        for fmt in ("csv", "xlsx"):
            self.assertEqual(formula_cells(self._export(fmt), fmt), [])

    def test_it_exports_xlsx_with_counts_only(self) -> None:
        book = load_workbook(io.BytesIO(self._export("xlsx")))
        cells = [
            str(c)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for c in row
            if c is not None
        ]
        self._assert_no_personal_data(cells)
        by_right = book.worksheets[2]
        self.assertTrue(by_right.sheet_view.rightToLeft)
        self.assertIn(
            ("גמלת הבטחת הכנסה", "המוסד לביטוח לאומי", 3, 1, 2, 7), list(by_right.iter_rows(values_only=True))
        )


@time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC), tick=False)
class PublicationTests(MizuiTestCase):
    """The publication version: every count shown is at least 10, and no hidden count follows from the totals."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        case = make_case(cls.a)
        d = dt.date
        for day in range(1, 13):  # 12 × documents at NII, 7 of them resolved within 2 days
            resolved = d(2026, 1, day + 2) if day <= 7 else None
            make_barrier(cls.a, cls.dana, case=case, program="income_support", kind="documents",
                         occurred_on=d(2026, 1, day), resolved_on=resolved)  # fmt: skip
        for day in range(1, 4):  # 3 × delay at NII: too few to show
            make_barrier(cls.a, cls.dana, case=case, agency="nii", kind="delay", occurred_on=d(2026, 2, day))
        for day in range(1, 12):  # 11 × digital at the electricity company
            make_barrier(cls.a, cls.dana, case=case, agency="iec", kind="digital", occurred_on=d(2026, 3, day))

    def _report(self, **params: str) -> Any:
        login(self.client, self.michal)
        return self.client.get(reverse("cases:barriers"), {"publish": "on", **params}).context["report"]

    def test_it_shows_no_count_below_ten_and_none_that_can_be_recomputed(self) -> None:
        from mizui.lib.disclosure import Mask
        from mizui.outcomes.tests.test_disclosure import linearly_recoverable

        report = self._report()
        by_agency = report.tables[0]
        kinds = len(BarrierKind.values)
        shown = [c for row in by_agency.rows for c in row[1:] if c is not None]
        self.assertTrue(shown, "the publication version should still show the large counts")
        self.assertTrue(all(c >= 10 for c in shown), by_agency.rows)
        self.assertEqual(report.total, 26)  # 12 + 3 + 11: the grand total stays
        # Attack it: rebuild the true table and solve for every hidden cell from what is shown.
        true = {"המוסד לביטוח לאומי": {"documents": 12, "delay": 3}, "חברת החשמל": {"digital": 11}}
        body = by_agency.rows[:-1]
        counts = [[true[row[0]].get(k, 0) for k in BarrierKind.values] for row in body]
        mask = Mask(
            cells=tuple(tuple(c is None for c in row[1 : 1 + kinds]) for row in body),
            rows=tuple(row[1 + kinds] is None for row in body),
            cols=tuple(c is None for c in by_agency.rows[-1][1 : 1 + kinds]),
            total=by_agency.rows[-1][1 + kinds] is None,
        )
        self.assertEqual(linearly_recoverable(counts, mask), [])
        delay = list(BarrierKind.values).index("delay")
        self.assertIsNone(body[0][1 + delay])  # the 3 delays are hidden…
        self.assertIsNone(body[0][1 + list(BarrierKind.values).index("documents")])  # …and so is a partner cell

    def test_it_keeps_the_by_right_table_and_its_median_to_the_rule(self) -> None:
        report = self._report()
        rows = report.tables[1].rows
        income = next(r for r in rows if r[0] == "גמלת הבטחת הכנסה")
        self.assertEqual(income[2:4], [12, None])  # 12 in all, but 5 open is too few to show…
        self.assertIsNone(income[4])  # …and 7 resolved then follows from 12 − 5: hidden too
        self.assertEqual(income[5], 2)  # the median of 12 barriers may be shown
        self.assertTrue(all(c is None or c >= 10 for r in rows for c in r[2:5]))

    def test_it_exports_the_publication_version_with_its_note(self) -> None:
        login(self.client, self.michal)
        response = self.client.get(reverse("cases:barriers-export"), {"format": "csv", "publish": "on"})
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertIn("גרסה לפרסום", [r[0] for r in rows if r])
        by_agency = rows[rows.index(["חסמים לפי גורם וסוג"]) + 2 : rows.index(["חסמים לפי זכות"]) - 1]
        counts = [int(c) for r in by_agency for c in r[1:] if c]
        self.assertTrue(counts)
        self.assertTrue(all(c >= 10 for c in counts), counts)
        by_right = rows[rows.index(["חסמים לפי זכות"]) + 2 :]
        self.assertFalse({"3", "5", "7"} & {c for r in by_right for c in r[2:5]})
