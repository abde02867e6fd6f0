"""A municipal file as an import reads it, and what it holds, looked at before anything is imported.

``open_table`` is the one way the import, its preview and its checks read a file's rows: the table found by
``layout`` (sheet, header, delimiter, encoding), checked against the source's mapping (every column named, the ID
number's column present), and its data rows numbered from 1 without the totals or signature lines at its end.
``inspect`` reads a file's first rows as the import would and reports, before anything is stored, every row that
would go to quarantine and why, every coded value no rule covers, dates whose day and month could swap, and the
lines at the end that are not data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

from django.utils.translation import gettext as _

from mizui.outreach.services import layout as layouts
from mizui.outreach.services.cells import date_order
from mizui.outreach.services.fields import (
    CODED,
    ITEMIZED,
    ITEMS,
    RowError,
    RowPlan,
    check_mapping,
    mapped,
    propose_mapping,
    recoded,
    unnamed_columns,
)
from mizui.outreach.services.layout import Footer, Layout, LayoutError, SheetChoice


class ImportRefused(ValueError):
    """The file cannot be imported as it is; nothing was stored. The message is for the user."""


class SheetNeeded(ImportRefused):
    """Several sheets of the workbook hold the source's table; which one is the person's choice."""

    def __init__(self, sheets: list[str], message: str) -> None:
        super().__init__(message)
        self.sheets = sheets


def file_kind(name: str, fileobj: IO[bytes]) -> str:
    """``csv`` or ``xlsx``: the file's content decides; its name only has to be a table's."""
    try:
        return layouts.file_kind(fileobj, name)
    except LayoutError as error:
        raise ImportRefused(str(error)) from None


def read_layout(fileobj: IO[bytes], kind: str, mapping: dict[str, str] | None = None, sheet: str = "") -> Layout:
    """Where the file's table is: with a source's mapping, the header and sheet that have its columns; without,
    the table that looks most like a list of persons (a sample for a new mapping)."""
    score: Callable[[list[str]], int] | None = None
    if mapping is None:

        def score(columns: list[str]) -> int:
            return sum(1 for p in propose_mapping(columns).values() if p.field)

    try:
        return layouts.read_layout(fileobj, kind, mapping=mapping, sheet=sheet, score=score).layout
    except SheetChoice as choice:
        raise SheetNeeded(choice.sheets, str(choice)) from None
    except LayoutError as error:
        raise ImportRefused(str(error)) from None
    except (UnicodeDecodeError, OSError, ValueError, KeyError) as error:
        raise ImportRefused(_("לא הצלחנו לקרוא את הקובץ: %(error)s") % {"error": error}) from None


def read_header(fileobj: IO[bytes], kind: str, sheet: str = "") -> list[str]:
    """The column names of a sample file's table (title rows skipped, a header of two rows made one)."""
    columns = list(read_layout(fileobj, kind, sheet=sheet).columns)
    if not columns:
        raise ImportRefused(_("הקובץ ריק."))
    return columns


def check_mapping_problems(mapping: dict[str, str]) -> list[str]:
    return check_mapping(mapping)


def check_file(header: list[str], mapping: dict[str, str]) -> None:
    """Refuse a file with a column the source's mapping does not name (data minimization), or without the column
    of ID numbers the mapping names."""
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
    keys = mapped(mapping)
    if not any(keys.get(layouts.column_key(column)) == "id_number" for column in header):
        names = [column for column, target in mapping.items() if target == "id_number"]
        raise ImportRefused(
            _("בקובץ אין את עמודת מספר הזהות של המקור (%(column)s). בלי מספר זהות אי אפשר לייבא אף שורה.")
            % {"column": ", ".join(names)}
        )


@dataclass
class Table:
    """A file opened for reading its rows: where its table is, how each row is read, and the rows."""

    layout: Layout
    plan: RowPlan
    footer: Footer
    rows: Iterator[tuple[int, list[Any]]]  # data rows numbered from 1


@contextmanager
def open_table(
    fileobj: IO[bytes],
    kind: str,
    mapping: dict[str, str],
    recode: dict[str, Any] | None = None,
    *,
    sheet: str = "",
    skip: int = 0,
) -> Iterator[Table]:
    """The file's table checked against its source's mapping, and its data rows after the first `skip` (an import
    taken up again), streamed: the one way an import, its preview and its checks read a file."""
    found = read_layout(fileobj, kind, mapping, sheet)
    header = list(found.columns)
    check_file(header, mapping)
    plan = RowPlan.build(header, mapping, exact=kind == "csv", recode=recode)
    ids = [index for index, spec in plan.cells if spec.name == "id_number"]
    footer = Footer(ids[0] if ids else None)
    try:
        with layouts.data_rows(fileobj, found) as rows:
            numbered = enumerate(islice(footer(rows), skip, None), start=skip + 1)
            yield Table(found, plan, footer, numbered)
    except LayoutError as error:
        raise ImportRefused(str(error)) from None


def count_rows(fileobj: IO[bytes], kind: str, mapping: dict[str, str], sheet: str = "") -> int:
    with open_table(fileobj, kind, mapping, sheet=sheet) as table:
        return sum(1 for _row in table.rows)


def preview(
    fileobj: IO[bytes],
    kind: str,
    mapping: dict[str, str],
    rows: int = 10,
    recode: dict[str, Any] | None = None,
    *,
    sheet: str = "",
) -> list[dict[str, Any]]:
    """The first rows as the import would see them: clean values or the reason for quarantine."""
    out = []
    with open_table(fileobj, kind, mapping, recode, sheet=sheet) as table:
        for number, row in islice(table.rows, rows):
            try:
                out.append({"row": number, "values": table.plan.parse(row), "error": ""})
            except RowError as error:
                out.append({"row": number, "values": {}, "error": error.reason})
    return out


SCANNED = 100_000  # rows of a file the preview checks (rows that would go to quarantine, values, dates)
PREVIEW_BAD_SHOWN = 200


@dataclass
class BadRows:
    """The rows of a file (its first `scanned`) that an import would quarantine: the first few with their reason."""

    rows: list[tuple[int, str]]
    count: int
    scanned: int
    whole_file: bool


@dataclass
class DateOrder:
    """A date column's dates that read only month first (12/31/1980: refused), and those whose day and month could
    swap (03/04/1985: read day first)."""

    month_first: int = 0
    either: int = 0


@dataclass
class Inspection:
    """What a file holds, read as the import would, before anything is imported."""

    layout: Layout
    bad: BadRows
    uncovered: dict[str, list[tuple[str, int]]]  # per coded field, values nothing covers, with their row counts
    dates: dict[str, DateOrder] = field(default_factory=dict)  # per date field whose order is in doubt
    footer: int = 0  # lines at the end of the file that are not data (totals, signature, blanks)


def inspect(
    fileobj: IO[bytes],
    kind: str,
    mapping: dict[str, str],
    recode: dict[str, Any] | None = None,
    *,
    sheet: str = "",
    scanned: int = SCANNED,
) -> Inspection:
    """The file's first `scanned` rows read as the import reads them (the same checks, except a second row of one
    ID number, which needs the rows already imported)."""
    shown: list[tuple[int, str]] = []
    count = last = 0
    found: dict[str, dict[str, int]] = {}
    dates: dict[str, DateOrder] = {}
    whole = True
    with open_table(fileobj, kind, mapping, recode, sheet=sheet) as table:
        coded = [(i, f) for i, f in table.plan.cells if f.name in CODED]
        dated = [(i, f) for i, f in table.plan.cells if _is_date(f.name)]
        for number, row in table.rows:
            if number > scanned:
                whole = False
                break
            last = number
            try:
                table.plan.parse(row)
            except RowError as error:
                count += 1
                if len(shown) < PREVIEW_BAD_SHOWN:
                    shown.append((number, error.reason))
            _uncovered(table.plan, coded, row, found)
            _date_orders(dated, row, dates)
        footer = table.footer.dropped
    uncovered = {name: sorted(counts.items(), key=lambda kv: -kv[1]) for name, counts in found.items()}
    doubtful = {name: order for name, order in dates.items() if order.month_first}
    return Inspection(table.layout, BadRows(shown, count, last, whole), uncovered, doubtful, footer)


def _is_date(name: str) -> bool:
    from eligibility.inputs import by_column

    spec = by_column().get(name)
    return spec is not None and spec.type == "date"


def _uncovered(plan: RowPlan, coded: list[tuple[int, Any]], row: list[Any], found: dict[str, dict[str, int]]) -> None:
    for index, spec in coded:
        raw = row[index] if index < len(row) else None
        if raw is None or not str(raw).strip():
            continue
        table = plan.recode.get(spec.name, {})
        items = ITEMS.split(str(raw)) if spec.name in ITEMIZED else [raw]
        for item in items:
            if not str(item).strip():
                continue
            try:
                spec.parse(recoded(spec, table, item))
            except ValueError:
                text = " ".join(str(item).split())
                counts = found.setdefault(spec.name, {})
                counts[text] = counts.get(text, 0) + 1


def _date_orders(dated: list[tuple[int, Any]], row: list[Any], dates: dict[str, DateOrder]) -> None:
    for index, spec in dated:
        order = date_order(row[index]) if index < len(row) else ""
        if order:
            seen = dates.setdefault(spec.name, DateOrder())
            if order == "month_first":
                seen.month_first += 1
            else:
                seen.either += 1


def bad_rows(
    fileobj: IO[bytes], kind: str, mapping: dict[str, str], recode: dict[str, Any] | None = None, *, sheet: str = ""
) -> BadRows:
    """Every row the import would refuse, found before anything is imported."""
    return inspect(fileobj, kind, mapping, recode, sheet=sheet).bad


def uncovered_values(
    fileobj: IO[bytes], kind: str, mapping: dict[str, str], recode: dict[str, Any] | None = None, *, sheet: str = ""
) -> dict[str, list[tuple[str, int]]]:
    """Per coded field, every value the file writes that neither the contract, the declared words nor the source's
    recoding covers, with how many rows write it: what would send those rows to quarantine."""
    return inspect(fileobj, kind, mapping, recode, sheet=sheet).uncovered


def choices_for(name: str) -> list[tuple[str, Any]]:
    """What a value of the coded field `name` can be recoded to: its contract values, named."""
    from eligibility.catalogue import catalogue
    from eligibility.inputs import by_column
    from mizui.lib.forms import in_language

    if name in ITEMIZED:
        return [(pid, in_language(spec["name"])) for pid, spec in catalogue().items()]
    spec = by_column().get(name)
    if spec is not None and spec.type == "enum":
        labels = spec.value_labels or {}
        return [(value, in_language(labels[value]) if value in labels else value) for value in spec.values]
    if name == "language":
        from mizui.outreach.services.fields import LANGUAGES

        return [(code, code) for code in LANGUAGES]
    return [("yes", _("כן")), ("no", _("לא"))]
