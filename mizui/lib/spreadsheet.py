"""Every CSV and XLSX file Mizui writes goes through here, so that no cell can run as a formula.

Spreadsheet programs treat a text cell that begins with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage
return before one of them) as a formula, and a formula can fetch URLs or run commands (OWASP "CSV injection").
Names, addresses and neighbourhoods come from imported municipal files and from the public, so any of them can.

- **CSV**: such a text cell is written with a leading apostrophe (`'=1+1`), which every spreadsheet shows as
  text. `unneutralise` takes it off again where Mizui reads its own CSV back (the directory exchange).
- **XLSX**: such a cell is stored as a string with Excel's "quote prefix" style: the person sees exactly the
  text, it is never a formula, and editing the cell keeps it text.

Numbers stay numbers (a negative amount is not text and cannot be a formula).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def dangerous(value: object) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_cell(value: Any) -> Any:
    """The value as a CSV cell may hold it: text that a spreadsheet would read as a formula gets an apostrophe."""
    return "'" + value if dangerous(value) else value


def unneutralise(value: str) -> str:
    """`csv_cell` undone, for Mizui's own CSV files read back."""
    return value[1:] if value.startswith("'") and dangerous(value[1:]) else value


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads the Hebrew), every text cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode()


def append(sheet: Worksheet | WriteOnlyWorksheet, values: Sequence[Any]) -> None:
    """`sheet.append(values)`, with every text cell that starts like a formula stored as plain text."""
    if isinstance(sheet, WriteOnlyWorksheet):
        sheet.append([_text_cell(sheet, value) if dangerous(value) else value for value in values])
        return
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if dangerous(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
