"""The fields a source's columns map onto (household contract v1, docs/household.md, plus who to contact),
and the validation of one row. A row either becomes clean values or is quarantined with one reason."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility.frames import receivable
from eligibility.inputs import Input, inputs
from mizui.lib.forms import in_language
from mizui.lib.phone import normalize_il_phone
from mizui.lib.teudat_zehut import normalize_id_number

IDENTITY = ("id_number", "full_name", "phone", "address")  # encrypted, never in clear
LANGUAGES = ("he", "ar", "ru", "am", "en")


class RowError(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Field:
    name: str
    label: Any
    parse: Callable[[Any], Any]
    required: bool = False


def _text(raw: Any) -> str:
    return str(raw).strip()


def _id(raw: Any) -> str:
    text = str(raw).strip()
    if isinstance(raw, float) and raw.is_integer():  # Excel stores ID numbers as numbers
        text = str(int(raw))
    value = normalize_id_number(text.zfill(9) if text.isdigit() else text)
    if value is None:
        raise ValueError(_("מספר זהות שגוי (ספרת ביקורת)"))
    return value


def _phone(raw: Any) -> str:
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
    value = normalize_il_phone(text if text.startswith(("0", "+")) else "0" + text)
    if value is None:
        raise ValueError(_("מספר טלפון לא ישראלי"))
    return value


DATE_FORMATS = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


@functools.lru_cache(maxsize=2)
def _today(hour: int) -> dt.date:
    return timezone.localdate()


def _parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date, no time)
        except ValueError:
            continue
    raise ValueError(_("תאריך לא תקין"))


def _day(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    return _parse_day(str(raw).strip())


def _date(raw: Any, earliest: dt.date = dt.date(1900, 1, 1)) -> str:
    day = _day(raw)
    if day < earliest or day > _today(int(time.time()) // 3600):
        raise ValueError(_("תאריך מחוץ לטווח"))
    return day.isoformat()


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
SANITY_MAX = 1e9  # a number without a declared bound: larger is a typo or a misread column


def _number(raw: Any, low: float = 0, high: float = SANITY_MAX, *, above: float | None = None) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    else:
        text = str(raw).strip()
        if not _NUMBER.match(text):
            text = text.replace(",", "").replace("₪", "").strip()
            if not _NUMBER.match(text):
                raise ValueError(_("מספר לא תקין"))
        value = float(text)
    if not low <= value <= high or (above is not None and value <= above):
        raise ValueError(_("מספר מחוץ לטווח"))
    return value


TRUE = {"1", "true", "yes", "y", "כן", "v", "x"}
FALSE = {"0", "false", "no", "n", "לא", ""}


def _bool(raw: Any) -> bool:
    text = str(raw).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(_("ערך כן/לא לא תקין"))


def _choice(options: list[str]) -> Callable[[Any], str]:
    def parse(raw: Any) -> str:
        text = str(raw).strip().lower()
        if text not in options:
            raise ValueError(_("ערך לא מוכר"))
        return text

    return parse


def _language(raw: Any) -> str:
    text = str(raw).strip().lower()[:2]
    if text not in LANGUAGES:
        raise ValueError(_("שפה לא מוכרת"))
    return text


@functools.cache
def _receivable() -> frozenset[str]:
    return frozenset(receivable())


def _receives(raw: Any) -> str:
    items = [p.strip() for p in str(raw).split(";") if p.strip()]
    if any(p not in _receivable() for p in items):
        raise ValueError(_("קצבה לא מוכרת ברשימת הקצבאות"))
    return ";".join(items)


def _parser(spec: Input) -> Callable[[Any], Any]:
    """How a spreadsheet cell becomes the declared input's value: its type, its values, its bounds."""
    if spec.type == "enum":
        return _choice(list(spec.values))
    if spec.type == "bool":
        return _bool
    if spec.type == "date":
        return functools.partial(_date, earliest=spec.plausible_min or dt.date(1900, 1, 1))
    if spec.type == "programs":
        return _receives
    if spec.type in ("integer", "number", "money"):
        low = spec.minimum if spec.minimum is not None else (spec.minimum_exclusive or 0)
        high = spec.plausible_max or spec.maximum or SANITY_MAX
        number = functools.partial(_number, low=low, high=high, above=spec.minimum_exclusive)
        return number if spec.type != "integer" else functools.partial(_whole, number)
    return _text


def _whole(number: Callable[[Any], float], raw: Any) -> int:
    value = number(raw)
    if not value.is_integer():
        raise ValueError(_("מספר לא תקין"))
    return int(value)


CONTACT = (
    Field("id_number", _("מספר זהות"), _id, required=True),
    Field("full_name", _("שם מלא"), _text),
    Field("phone", _("טלפון"), _phone),
    Field("address", _("כתובת"), _text),
    Field("neighbourhood", _("שכונה"), _text),
    Field("language", _("שפה מועדפת"), _language),
    Field("no_sms", _("לא לשלוח SMS"), _bool),
    Field("no_letters", _("לא לשלוח מכתבים"), _bool),
    Field("household_id", _("מזהה משק בית (למשל חשבון ארנונה)"), _text),
    Field("arnona_bill", _("חיוב ארנונה שנתי (₪)"), functools.partial(_number, high=1_000_000)),
)
# Fields outreach reads that are not the rules' inputs: how to reach a person, and what a discount is worth.
OUTREACH_ONLY = ("neighbourhood", "language", "no_sms", "no_letters", "arnona_bill")
# The household inputs a column can feed: every declared input with an import label (eligibility/inputs.yaml).
HOUSEHOLD = tuple(
    Field(spec.column, in_language(spec.import_label), _parser(spec)) for spec in inputs() if spec.import_label
)
FIELDS: dict[str, Field] = {f.name: f for f in (*CONTACT, *HOUSEHOLD)}


def field_key(raw: Any) -> str:
    """A cell as a recoding table looks it up: trimmed, single spaces, lower case."""
    return " ".join(str(raw).split()).lower()


# The fields whose cells are codes (a choice, yes/no): what a source's recoding and the preview's list of
# uncovered values are about.
CODED = frozenset(spec.column for spec in inputs() if spec.import_label and spec.type in ("enum", "bool")) | {
    "language",
    "no_sms",
    "no_letters",
}
# A choice written as its declared label, in any of the languages (``רווק/ה``, ``Divorced``), is that value.
LABELS: dict[str, dict[str, str]] = {
    spec.column: {
        field_key(label): value for value, texts in (spec.value_labels or {}).items() for label in texts.values()
    }
    for spec in inputs()
    if spec.import_label and spec.type == "enum"
}
FIELD_CHOICES = [(name, f.label) for name, f in FIELDS.items()]
SKIP = ""  # a column the mapping names but never reads


def check_mapping(mapping: dict[str, str]) -> list[str]:
    """Problems of a mapping itself: unknown fields, a field twice, no ID number column."""
    problems = []
    targets = [f for f in mapping.values() if f != SKIP]
    unknown = sorted({f for f in targets if f not in FIELDS})
    if unknown:
        problems.append(str(_("שדות לא מוכרים: %(fields)s")) % {"fields": ", ".join(unknown)})
    twice = sorted({f for f in targets if targets.count(f) > 1})
    if twice:
        problems.append(str(_("שדה ממופה פעמיים: %(fields)s")) % {"fields": ", ".join(twice)})
    if "id_number" not in targets:
        problems.append(str(_("חובה למפות עמודה של מספר זהות.")))
    return problems


def unnamed_columns(header: list[str], mapping: dict[str, str]) -> list[str]:
    return [column for column in header if column not in mapping]


@dataclass(frozen=True)
class RowPlan:
    """Which cell of a row feeds which field, computed once per file."""

    cells: tuple[tuple[int, Field], ...]
    width: int
    exact: bool  # CSV rows must have one cell per column; spreadsheets drop trailing empty cells
    # Per field, what the source writes → the contract's value (the source's own, then the declared labels).
    recode: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)

    @classmethod
    def build(
        cls,
        header: list[str],
        mapping: dict[str, str],
        *,
        exact: bool = True,
        recode: dict[str, dict[str, str]] | None = None,
    ) -> RowPlan:
        cells = [(i, FIELDS[mapping[col]]) for i, col in enumerate(header) if mapping.get(col, SKIP) != SKIP]
        own = {
            field: {field_key(raw): value for raw, value in values.items()} for field, values in (recode or {}).items()
        }
        codes = {f.name: {**LABELS.get(f.name, {}), **own.get(f.name, {})} for _i, f in cells}
        return cls(tuple(cells), len(header), exact, {name: table for name, table in codes.items() if table})

    def parse(self, row: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
        """Clean values of one row, or RowError for the first field that is wrong or missing."""
        if not any(cell not in (None, "") for cell in row):
            raise RowError("", str(_("שורה ריקה")))
        if len(row) != self.width and (self.exact or any(cell not in (None, "") for cell in row[self.width :])):
            counts = {"cells": len(row), "columns": self.width}
            raise RowError("", str(_("בשורה %(cells)s תאים, ובכותרת %(columns)s עמודות")) % counts)
        values: dict[str, Any] = {}
        for index, spec in self.cells:
            raw = row[index] if index < len(row) else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if spec.required:
                    raise RowError(spec.name, str(_("חסר: %(field)s")) % {"field": spec.label})
                continue
            table = self.recode.get(spec.name)
            if table is not None:
                raw = table.get(field_key(raw), raw)
            try:
                values[spec.name] = spec.parse(raw)
            except ValueError as error:
                raise RowError(spec.name, f"{spec.label}: {error}") from None
        return values
