"""The fields a source's columns map onto (household contract v1, docs/household.md, plus who to contact),
and the validation of one row. A row either becomes clean values or is quarantined with one reason."""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from eligibility.frames import EMPLOYMENT, MARITAL, ROLE, SEX, TENURE, receivable
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


def _date(raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        day = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    else:
        day = _parse_day(str(raw).strip())
    if day.year < 1900 or day > _today(int(time.time()) // 3600):
        raise ValueError(_("תאריך מחוץ לטווח"))
    return day.isoformat()


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _number(raw: Any, low: float = 0, high: float = 1e9) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    else:
        text = str(raw).strip()
        if not _NUMBER.match(text):
            text = text.replace(",", "").replace("₪", "").strip()
            if not _NUMBER.match(text):
                raise ValueError(_("מספר לא תקין"))
        value = float(text)
    if not low <= value <= high:
        raise ValueError(_("מספר מחוץ לטווח"))
    return value


def _money(raw: Any) -> float:
    return _number(raw)


def _percent(raw: Any) -> float:
    return _number(raw, 0, 100)


def _months(raw: Any) -> int:
    value = _number(raw, 0, 18)
    if not value.is_integer():
        raise ValueError(_("מספר לא תקין"))
    return int(value)


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


def _enum(dtype: Any) -> Callable[[Any], str]:
    return _choice(list(dtype.categories))


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("id_number", _("מספר זהות"), _id, required=True),
        Field("full_name", _("שם מלא"), _text),
        Field("phone", _("טלפון"), _phone),
        Field("address", _("כתובת"), _text),
        Field("neighbourhood", _("שכונה"), _text),
        Field("language", _("שפה מועדפת"), _language),
        Field("no_sms", _("לא לשלוח SMS"), _bool),
        Field("no_letters", _("לא לשלוח מכתבים"), _bool),
        Field("household_id", _("מזהה משק בית (למשל חשבון ארנונה)"), _text),
        Field("role", _("תפקיד במשק הבית"), _enum(ROLE)),
        Field("birth_date", _("תאריך לידה"), _date),
        Field("sex", _("מין"), _enum(SEX)),
        Field("marital_status", _("מצב משפחתי"), _enum(MARITAL)),
        Field("resident_since", _("תושב/ת מאז"), _date),
        Field("immigration_date", _("תאריך עלייה"), _date),
        Field("employment", _("תעסוקה"), _enum(EMPLOYMENT)),
        Field("months_worked_last_18", _("חודשי עבודה ב-18 החודשים האחרונים"), _months),
        Field("employment_service_registered", _("רשום/ה בשירות התעסוקה"), _bool),
        Field("student", _("סטודנט/ית"), _bool),
        Field("soldier", _("חייל/ת"), _bool),
        Field("holocaust_survivor", _("ניצול/ת שואה"), _bool),
        Field("chronic_illness", _("מחלה כרונית"), _bool),
        Field("medical_percent", _("נכות רפואית (%)"), _percent),
        Field("incapacity_percent", _("אי-כושר (%)"), _percent),
        Field("blind", _("עיוור/ת"), _bool),
        Field("receives_general_disability", _("מקבל/ת קצבת נכות כללית"), _bool),
        Field("income_work", _("הכנסה מעבודה (₪ לחודש)"), _money),
        Field("income_pension_occupational", _("פנסיה תעסוקתית (₪ לחודש)"), _money),
        Field("income_nii_benefits", _("קצבאות ביטוח לאומי (₪ לחודש)"), _money),
        Field("income_alimony", _("מזונות (₪ לחודש)"), _money),
        Field("income_capital", _("הכנסה מהון (₪ לחודש)"), _money),
        Field("income_other", _("הכנסה אחרת (₪ לחודש)"), _money),
        Field("receives", _("קצבאות שמתקבלות (מזהים מופרדים ב-;)"), _receives),
        Field("tenure", pgettext_lazy("housing", "סוג מגורים"), _enum(TENURE)),
        Field("rent_monthly", _("שכר דירה (₪ לחודש)"), _money),
        Field("arnona_area_sqm", _("שטח לארנונה (מ״ר)"), lambda raw: _number(raw, 0.01, 2000)),
        Field("owns_other_property", _("בעלות על נכס נוסף"), _bool),
        Field("ever_owned_home", _("היתה בבעלות דירה"), _bool),
        Field("car_value", _("שווי רכב (₪)"), _money),
        Field("financial_assets", _("חסכונות (₪)"), _money),
        Field("debt_total", _("חובות (₪)"), _money),
        Field("debt_includes_alimony", _("החוב כולל מזונות"), _bool),
        Field("debt_enforcement_file", _("תיק בהוצאה לפועל"), _bool),
    )
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

    @classmethod
    def build(cls, header: list[str], mapping: dict[str, str], *, exact: bool = True) -> RowPlan:
        cells = [(i, FIELDS[mapping[col]]) for i, col in enumerate(header) if mapping.get(col, SKIP) != SKIP]
        return cls(tuple(cells), len(header), exact)

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
            try:
                values[spec.name] = spec.parse(raw)
            except ValueError as error:
                raise RowError(spec.name, f"{spec.label}: {error}") from None
        return values
