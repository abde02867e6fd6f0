"""Files as municipal systems really export them: which table in the file, where its header is, what its columns
are called, and which of its rows are data.

- **Kind by content**, not by name: a zip is a workbook (XLSX), anything else text; an old binary XLS, a
  password-protected workbook, or a web page saved as ".xls" is refused with what to do.
- **Text**: the encoding (``lib.textfiles``: UTF-8 with or without a BOM, UTF-16, Windows Hebrew) and the
  delimiter (comma, semicolon, tab, pipe; Excel's ``sep=`` line), quoted fields with line breaks in them.
- **Workbooks**: the sheet whose table has the source's columns (or, for a sample, the sheet that looks most
  like a list of persons); several that fit are a question for the person importing, never a guess.
- **Header**: title rows above it are skipped; a header of two rows (merged cells over sub-headings, or cells
  merged down over both rows) gives each column one name; unnamed columns are named by their letter, repeated
  names numbered, so every column can be named in a mapping.
- **Rows**: blank rows right under the header and, at the end, blank rows and a totals or signature line (no ID
  number, and "סה״כ" or at most two cells) are not data. Data rows are numbered from 1, the first one after the
  header (blank rows under it not counted).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import PurePath
from typing import IO, Any

from django.core.files.base import File
from django.utils.translation import gettext as _

from mizui.lib.textfiles import SNIFF, TextEncodingError, detect_encoding, open_text, sample

EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls")
DELIMITERS = (",", ";", "\t", "|")
SAMPLED = 60  # rows read to find the header and the table's shape
FOOTER_HELD = 1_000  # rows without an ID number held back to see whether they end the file
UNNAMED = "עמודה"  # "column": an unnamed column is called "עמודה C" (stable across languages: a mapping key)
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"))
_TOTALS = re.compile(r"^\s*(סה[\"״']?\s*כ|סך\s*ה?כו?ל|סיכום|total|sum\b|итого|المجموع)", re.IGNORECASE)
_NUMERIC = re.compile(r"^[\s\d.,/\-:₪%'\"=+()]*\d[\s\d.,/\-:₪%'\"=+()]*$")
_DATE_LIKE = re.compile(r"^(\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}|\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2})$")
_ID_LIKE = re.compile(r"^\s*=?[\"']?(\d[\d\- ]{3,10}\d)(\.0+)?[\"']?\s*$")


class LayoutError(ValueError):
    """The file cannot be read as a table; the message is for the user."""


class SheetChoice(LayoutError):
    """Several sheets of a workbook hold the source's table: the person importing chooses one."""

    def __init__(self, sheets: list[str]) -> None:
        self.sheets = sheets
        super().__init__(
            _("בחוברת כמה גיליונות עם העמודות של המקור: %(sheets)s. יש לבחור את הגיליון לייבוא.")
            % {"sheets": ", ".join(sheets)}
        )


@dataclass(frozen=True)
class Layout:
    """How one file is read: where its table is and what its columns are called."""

    kind: str  # csv | xlsx
    columns: tuple[str, ...]
    start: int  # the index, among the file's rows (records), of its first data row
    header_row: int  # the index of the header's (last) row, for people: + 1 is its line in the file
    header_rows: int = 1
    encoding: str = ""
    delimiter: str = ","
    sheet: str = ""
    sheets: tuple[str, ...] = ()  # every sheet of a workbook that holds a table
    title_rows: int = 0  # rows above the header that are not part of it

    def describe(self) -> list[str]:
        """What was found, in words for the person importing."""
        out = []
        if self.kind == "csv":
            names = {",": _("פסיק"), ";": _("נקודה-פסיק"), "\t": _("טאב"), "|": _("קו אנכי")}
            out.append(
                _("קובץ טקסט בקידוד %(encoding)s, העמודות מופרדות ב%(delimiter)s.")
                % {"encoding": ENCODING_NAMES.get(self.encoding, self.encoding), "delimiter": names[self.delimiter]}
            )
        else:
            out.append(_("גיליון „%(sheet)s”.") % {"sheet": self.sheet})
            others = [s for s in self.sheets if s != self.sheet]
            if others:
                out.append(_("גיליונות נוספים עם טבלה: %(sheets)s.") % {"sheets": ", ".join(others)})
        if self.header_rows == 2:
            lines = {"first": self.header_row + 1, "last": self.header_row + 2}
            out.append(_("הכותרת בשתי שורות, %(first)s–%(last)s.") % lines)
        else:
            out.append(_("הכותרת בשורה %(row)s.") % {"row": self.header_row + 1})
        if self.title_rows:
            out.append(_("שורות כותרת עליונה שדולגו: %(count)s.") % {"count": self.title_rows})
        return out


ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1255": "Windows-1255",
}


def check_name(name: str) -> None:
    if PurePath(name).suffix.lower() not in EXTENSIONS:
        raise LayoutError(_("אפשר לייבא קובץ CSV או Excel (XLSX) בלבד."))


def file_kind(fileobj: IO[bytes], name: str = "") -> str:
    """``csv`` or ``xlsx``, from the file's first bytes (a ".xls" that is really text is read as text)."""
    if name:
        check_name(name)
    fileobj.seek(0)
    head = fileobj.read(512)
    fileobj.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise LayoutError(
            _(
                "זה קובץ Excel בפורמט הישן (XLS), או קובץ Excel מוגן בסיסמה. יש לפתוח אותו ב-Excel, להסיר את הסיסמה "
                "אם יש, ולשמור בשם כ„חוברת עבודה של Excel (XLSX)” או כ„CSV UTF-8”, ואז להעלות שוב."
            )
        )
    text = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if text.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta")) or b"<html" in head.lower():
        raise LayoutError(
            _(
                "הקובץ הוא דף אינטרנט או XML שנשמר בשם של קובץ Excel, ולא טבלה. יש לפתוח אותו ב-Excel ולשמור בשם "
                "כ„חוברת עבודה של Excel (XLSX)” או כ„CSV UTF-8”, ואז להעלות שוב."
            )
        )
    if not head.strip():
        raise LayoutError(_("הקובץ ריק."))
    return "csv"


def cell_text(value: Any) -> str:
    """A header cell as a name: text with its spaces and line breaks made single spaces, direction marks dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return " ".join(text.translate(_BIDI).split())


def column_key(name: str) -> str:
    """A column name as a mapping is looked up by (mappings saved before names were tidied still match)."""
    return " ".join(str(name).translate(_BIDI).split())


def _filled(row: list[Any] | tuple[Any, ...]) -> int:
    return sum(1 for cell in row if cell_text(cell))


def _numeric(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | dt.date):
        return True
    return bool(_NUMERIC.match(str(value))) if value is not None and str(value).strip() else False


def _id_like(value: Any) -> bool:
    """A cell that could be an ID number (what every data row has, and no title or header row)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return 10_000 <= value < 1_000_000_000 and float(value).is_integer()
    if value is None or not _ID_LIKE.match(str(value)):
        return False
    return not _DATE_LIKE.match(str(value).strip()) and 5 <= sum(c.isdigit() for c in str(value)) <= 9


def _header_like(row: list[Any]) -> bool:
    texts = [cell for cell in row if cell_text(cell)]
    return bool(texts) and not any(_id_like(c) for c in texts) and sum(map(_numeric, texts)) * 2 <= len(texts)


def _data_like(row: list[Any], widest: int) -> bool:
    return _filled(row) >= min(2, widest) and any(_id_like(cell) for cell in row)


def letter(index: int) -> str:
    """A spreadsheet column's letter: 0 → A, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _width(rows: list[list[Any]]) -> int:
    widest = 0
    for row in rows:
        last = max((i + 1 for i, cell in enumerate(row) if cell_text(cell)), default=0)
        widest = max(widest, last)
    return widest


def name_columns(lower: list[Any], upper: list[Any] | None, data: list[list[Any]]) -> tuple[list[str], bool]:
    """The names of a table's columns from its header row (`lower`), the row above it (`upper`, a group row of
    merged cells or a title) and some data rows; and whether the upper row was used.

    The upper row names a column whose header cell is empty (cells merged down over both rows), and is put before
    the names of the columns under a group (a cell merged across them) when the two rows are a header of two rows:
    some header cell empty under a name, or a name repeated in the lower row."""
    width = _width([lower, *(data or [])])
    low = [cell_text(lower[i]) if i < len(lower) else "" for i in range(width)]
    up = [cell_text(upper[i]) if upper is not None and i < len(upper) else "" for i in range(width)]
    has_data = [any(i < len(row) and cell_text(row[i]) for row in data) for i in range(width)]
    repeated = len({n for n in low if n}) < sum(1 for n in low if n)
    merged_down = any(not low[i] and up[i] and has_data[i] for i in range(width))
    use_upper = upper is not None and (merged_down or (repeated and any(up)))
    names = []
    group = ""
    for i in range(width):
        if use_upper and up[i] and low[i]:
            group = up[i]  # a group's first column: the cells merged across start here
        elif not low[i] or up[i]:
            group = ""
        if not low[i]:
            names.append(up[i] if use_upper and up[i] else f"{UNNAMED} {letter(i)}")
        elif use_upper and group:
            names.append(f"{group} - {low[i]}")
        else:
            names.append(low[i])
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique, use_upper


@dataclass
class Found:
    """A table found in the first rows of a file or sheet."""

    columns: list[str]
    header_row: int
    header_rows: int
    start: int
    title_rows: int
    rows: list[list[Any]] = field(default_factory=list)  # the sampled data rows


def find_table(rows: list[list[Any]], keys: frozenset[str] | None = None, id_key: str = "") -> Found | None:
    """Where the table starts in `rows` (a file's first rows): the header and the first data row.

    With a mapping's column keys, the header is the first row (with the row above it, or alone) whose names are
    all in the mapping and name its ID column. Without, it is the row of names right above the first row of
    data (a row with a number in it), title rows above it skipped."""
    widest = _width(rows)
    if widest == 0:
        return None
    if keys is not None:
        for index in range(len(rows)):
            found = _table_at(rows, index, widest)
            for candidate in (found, _table_at(rows, index, widest, single=True)):
                names = {column_key(n) for n in candidate.columns}
                if id_key in names and names <= keys:
                    return candidate
    first_data = next((i for i, row in enumerate(rows) if _data_like(row, widest)), None)
    if first_data is None:
        header = next((i for i, row in enumerate(rows) if _filled(row)), None)
        return None if header is None else _table_at(rows, header, widest)
    header = next((i for i in range(first_data - 1, -1, -1) if _filled(rows[i])), None)
    if header is None or not _header_like(rows[header]):
        raise LayoutError(
            _("לקובץ אין שורת כותרת: שורה ראשונה עם שמות העמודות (למשל „מספר זהות”) חייבת לבוא לפני הנתונים.")
        )
    return _table_at(rows, header, widest)


def _table_at(rows: list[list[Any]], header: int, widest: int, *, single: bool = False) -> Found:
    start = header + 1
    while start < len(rows) and not _filled(rows[start]):
        start += 1
    data = [row for row in rows[start:] if _filled(row)][:20]
    upper = rows[header - 1] if header > 0 and not single and _header_like(rows[header - 1]) else None
    columns, used = name_columns(list(rows[header]), list(upper) if upper is not None else None, data)
    first = header - 1 if used else header
    titles = sum(1 for row in rows[:first] if _filled(row))
    return Found(columns, first, 2 if used else 1, start, titles, data)


# Reading text files


def _records(text: str, delimiter: str, limit: int, *, complete: bool) -> list[list[str]]:
    """The first `limit` records of `text`; when `text` is only the file's start, its last record (perhaps cut)
    is dropped."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    out: list[list[str]] = []
    try:
        out.extend(islice(reader, limit + 1))
    except csv.Error:
        complete = False
    if len(out) > limit:
        return out[:limit]
    return out if complete or len(out) < 2 else out[:-1]


def sniff_delimiter(text: str, *, complete: bool = True) -> tuple[str, bool]:
    """The delimiter of delimited `text` (its start), and whether its first line is Excel's ``sep=`` hint."""
    first = text.split("\n", 1)[0].strip().strip('"')
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4], True
    best, score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        records = [r for r in _records(text, delimiter, SAMPLED, complete=complete) if any(c.strip() for c in r)]
        widths = [len(r) for r in records]
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        if common < 2:
            continue
        candidate = (widths.count(common) / len(widths), common)
        if candidate > score:
            best, score = delimiter, candidate
    return best, False


@dataclass
class TextShape:
    encoding: str
    delimiter: str
    skip: int  # records before the table (Excel's sep= line)


def text_shape(binary: IO[bytes]) -> tuple[TextShape, list[list[Any]]]:
    """A text file's encoding and delimiter, and its first records."""
    head = sample(binary)
    encoding = detect_encoding(head)
    complete = len(head) < SNIFF  # the whole file
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head[:SNIFF])
    text = text.removeprefix("\ufeff")
    delimiter, hinted = sniff_delimiter(text, complete=complete)
    records = _records(text, delimiter, SAMPLED + 1, complete=complete)
    if hinted:
        records = records[1:]
    return TextShape(encoding, delimiter, 1 if hinted else 0), records


def _inner(fileobj: IO[bytes]) -> IO[bytes]:
    # Read the storage's own file object: through Django's File wrappers every line costs two Python-level `closed`
    # checks (≈ 4 µs a row of the import's main process).
    inner: Any = fileobj
    while isinstance(inner, File) and inner.file is not None:
        inner = inner.file
    return inner  # type: ignore[no-any-return]


# Reading workbooks


def _open_book(fileobj: IO[bytes]) -> Any:
    from openpyxl import load_workbook

    fileobj.seek(0)
    try:
        return load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged workbook
        raise LayoutError(
            _("לא הצלחנו לפתוח את חוברת ה-Excel. יש לפתוח אותה ב-Excel, לשמור בשם כ-XLSX ולהעלות שוב.")
        ) from None


def _sheet_rows(sheet: Any, limit: int | None = None) -> Iterator[list[Any]]:
    sheet.reset_dimensions()  # some exporters write a wrong size ("A1"), which would cut the sheet short
    for row in sheet.iter_rows(values_only=True, max_row=limit):
        yield list(row)


def _sheets(book: Any) -> list[Any]:
    visible = [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
    hidden = [s for s in book.worksheets if s not in visible]
    return visible + hidden


# Both kinds


@dataclass
class Reading:
    """A file's layout with its first data rows (what a sample or a preview shows)."""

    layout: Layout
    sample: list[list[Any]]


def read_layout(
    fileobj: IO[bytes],
    kind: str,
    *,
    mapping: dict[str, str] | None = None,
    sheet: str = "",
    score: Any = None,
) -> Reading:
    """Where the table of `fileobj` is. With a source's `mapping`, the header and sheet that have its columns;
    without, the table that looks like a list of persons (``score(columns)`` ranks sheets: the sample step)."""
    keys = id_key = None
    if mapping is not None:
        keys = frozenset(column_key(c) for c in mapping)
        id_key = next((column_key(c) for c, f in mapping.items() if f == "id_number"), "")
    if kind == "csv":
        try:
            shape, records = text_shape(_inner(fileobj))
        except TextEncodingError as error:
            raise LayoutError(str(error)) from None
        found = _found(records, keys, id_key or "")
        layout = Layout(
            "csv",
            tuple(found.columns),
            found.start + shape.skip,
            found.header_row + shape.skip,
            found.header_rows,
            encoding=shape.encoding,
            delimiter=shape.delimiter,
            title_rows=found.title_rows,
        )
        return Reading(layout, found.rows)
    book = _open_book(fileobj)
    try:
        tables = []
        for each in _sheets(book):
            if sheet and each.title != sheet:
                continue
            rows = list(_sheet_rows(each, SAMPLED))
            try:
                table = find_table(rows, keys, id_key or "")
            except LayoutError:
                continue
            if table is not None and (keys is None or _matches(table, keys, id_key or "")):
                tables.append((each.title, table))
        if sheet and not tables:
            raise LayoutError(_("בחוברת אין גיליון „%(sheet)s” עם העמודות של המקור.") % {"sheet": sheet})
        if not tables:
            if keys is not None:
                return _nearest_sheet(book, keys, id_key or "")
            raise LayoutError(_("לא נמצאה בחוברת טבלה עם שורת כותרת ונתונים."))
        if any(found.rows for _title, found in tables):  # a sheet of notes is not a table
            tables = [(title, found) for title, found in tables if found.rows]
        names = tuple(title for title, _table in tables)
        if keys is not None and len(tables) > 1:
            raise SheetChoice(list(names))
        if score is not None:
            tables.sort(key=lambda tf: -score(tf[1].columns))
        title, found = tables[0]
    finally:
        book.close()
    layout = Layout(
        "xlsx",
        tuple(found.columns),
        found.start,
        found.header_row,
        found.header_rows,
        sheet=title,
        sheets=names,
        title_rows=found.title_rows,
    )
    return Reading(layout, found.rows)


def _matches(table: Found, keys: frozenset[str], id_key: str) -> bool:
    names = {column_key(n) for n in table.columns}
    return id_key in names and names <= keys


def _found(records: list[list[Any]], keys: frozenset[str] | None, id_key: str) -> Found:
    found = find_table(records, keys, id_key)
    if found is None and keys is not None:
        found = find_table(records)
    if found is None:
        raise LayoutError(_("הקובץ ריק."))
    return found


def _nearest_sheet(book: Any, keys: frozenset[str], id_key: str) -> Reading:
    """No sheet has exactly the source's columns: the first sheet's own table, which the mapping check then refuses
    naming the columns it does not know."""
    for each in _sheets(book):
        rows = list(_sheet_rows(each, SAMPLED))
        try:
            found = find_table(rows)
        except LayoutError:
            continue
        if found is not None:
            layout = Layout(
                "xlsx",
                tuple(found.columns),
                found.start,
                found.header_row,
                found.header_rows,
                sheet=each.title,
                sheets=(each.title,),
                title_rows=found.title_rows,
            )
            return Reading(layout, found.rows)
    raise LayoutError(_("לא נמצאה בחוברת טבלה עם שורת כותרת ונתונים."))


@contextmanager
def data_rows(fileobj: IO[bytes], layout: Layout) -> Iterator[Iterator[list[Any]]]:
    """Every row of the file after its header (blank rows right under the header skipped), streamed."""
    fileobj.seek(0)
    if layout.kind == "csv":
        text = open_text(_inner(fileobj), layout.encoding)
        try:
            records = csv.reader(text, delimiter=layout.delimiter)
            yield islice(records, layout.start, None)
        finally:
            text.detach()
        return
    book = _open_book(fileobj)
    try:
        sheet = book[layout.sheet]
        yield islice(_sheet_rows(sheet), layout.start, None)
    finally:
        book.close()


class Footer:
    """Drops the blank rows and the totals or signature lines at the end of a file (rows with no ID number, each a
    totals line or at most two cells), counting them. Rows with no ID number (no digit where it would be) are held
    back until a row with one comes (then they are data, and go to quarantine) or the file ends."""

    def __init__(self, id_index: int | None) -> None:
        self.id_index = id_index
        self.dropped = 0

    def __call__(self, rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
        index = self.id_index
        if index is None:
            yield from rows
            return
        held: list[list[Any]] = []
        for row in rows:
            cell = row[index] if index < len(row) else None
            if cell is not None and (not isinstance(cell, str) or cell[:1].isdigit() or _id_cell(cell)):
                if held:
                    yield from held
                    held = []
                yield row
            else:
                held.append(row)
                if len(held) > FOOTER_HELD:  # not a footer: a long run of rows without ID numbers
                    yield from held
                    held = []
        last = max((i for i, row in enumerate(held) if not is_footer(row)), default=-1)
        yield from held[: last + 1]
        self.dropped += len(held) - last - 1


def _id_cell(text: str) -> bool:
    """Whether an ID number's cell holds one: a digit in it, and not a totals line ("סה״כ רשומות: 3")."""
    return any(ch.isdigit() for ch in text) and not _TOTALS.match(text)


def is_footer(row: list[Any]) -> bool:
    """A row (with no ID number, at the end of a file) that is a totals line, a signature or a blank."""
    texts = [cell_text(cell) for cell in row if cell_text(cell)]
    return len(texts) <= 2 or any(_TOTALS.match(t) for t in texts)
