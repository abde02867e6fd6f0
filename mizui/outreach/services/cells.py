"""One cell of a municipal file as the value it means: ID numbers, dates and amounts written the ways Israeli
systems and Excel write them. Each parser raises ValueError with the reason, in the user's language, and never
repeats the cell's value (a quarantine reason is kept; the value is personal data)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mizui.lib.phone import normalize_il_phone
from mizui.lib.teudat_zehut import normalize_id_number

_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"), None)
_BIDI[0xA0] = " "  # a no-break space, as Hebrew Excel writes thousands and spaces
_ODD = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\xa0]")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (its day 60 is a 29 February that never was)


def clean(raw: Any) -> str:
    """A cell as text: direction marks and no-break spaces gone, trimmed, Excel's ="…" and leading ' taken off."""
    text = raw if type(raw) is str else str(raw)
    if not text.isascii() and _ODD.search(text):
        text = text.translate(_BIDI)
    text = text.strip()
    if text[:1] not in ("=", "'"):  # the common case: nothing more to take off
        return text
    if text.startswith('="') and text.endswith('"'):  # ="012345678": how some exports keep a leading zero
        return text[2:-1].strip()
    return text[1:].strip() if text.startswith("'") else text


# ID numbers (מספר זהות)

_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")
_WHOLE_FLOAT = re.compile(r"^(\d+)\.0+$")
_SEPARATORS = re.compile(r"[\s\-./]")


def id_number(raw: Any) -> str:
    """An Israeli ID number: nine digits with its check digit. Excel drops leading zeros (padded back), writes
    numbers as floats (12345678.0), and some systems separate the check digit (1234567-8)."""
    if isinstance(raw, str) and len(raw) == 9 and raw.isdigit():  # the common case of a million-row import
        value = normalize_id_number(raw)
        if value is None:
            raise ValueError(_("מספר זהות שגוי (ספרת ביקורת)"))
        return value
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError(_("מספר זהות לא תקין: מספר עם שבר"))
        raw = int(raw)
    text = clean(raw)
    if _SCIENTIFIC.match(text):
        raise ValueError(
            _("מספר הזהות נשמר ככתיב מדעי (כמו 1.23E+08) וספרות אבדו: יש לעצב את העמודה כטקסט בקובץ המקור ולייצא שוב")
        )
    whole = _WHOLE_FLOAT.match(text)
    digits = whole.group(1) if whole else _SEPARATORS.sub("", text)
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(_("מספר זהות לא תקין: יש בו תווים שאינם ספרות"))
    if len(digits) > 9:
        raise ValueError(_("מספר זהות לא תקין: יותר מ־9 ספרות"))
    value = normalize_id_number(digits.zfill(9))
    if value is None:
        raise ValueError(_("מספר זהות שגוי (ספרת ביקורת)"))
    return value


def phone(raw: Any) -> str:
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else clean(raw)
    digits = re.sub(r"[\s\-().]", "", text)
    if digits.startswith("972") and len(digits) in (11, 12):  # +972 with its plus lost
        digits = "0" + digits[3:]
    value = normalize_il_phone(digits if digits.startswith(("0", "+")) else "0" + digits)
    if value is None:
        raise ValueError(_("מספר טלפון לא ישראלי"))
    return value


# Dates

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(.+?)[ T]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[AaPp][Mm])?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./\-](\d{1,2})[./\-](\d{2}|\d{4})$")
_MONTH = re.compile(r"^(\d{1,2})[./\-](\d{4})$|^(\d{4})[./\-](\d{1,2})$")
_COMPACT = re.compile(r"^\d{8}$")


@functools.lru_cache(maxsize=2)
def _today(hour: int) -> dt.date:
    return timezone.localdate()


def today() -> dt.date:
    return _today(int(time.time()) // 3600)


def _century(short: int) -> int:
    """A two-digit year: this century unless that is in the future (a birth date of "85" is 1985)."""
    year = 2000 + short
    return year if year <= today().year else year - 100


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("תאריך לא תקין")) from None


def excel_serial(number: float) -> dt.date:
    """A date Excel stored as its day count (a date column not formatted as a date, or exported as a number)."""
    if not 1 <= number < 2_958_466:
        raise ValueError(_("תאריך לא תקין"))
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def _year(value: int) -> dt.date | None:
    """A year alone (1980): its 1 January, as the population registry records a birth date whose day is unknown."""
    return dt.date(value, 1, 1) if 1900 <= value <= today().year else None


def day(raw: Any) -> dt.date:
    """A calendar date as Israeli files write it: dd/mm/yyyy (or . or -, two-digit years), yyyy-mm-dd, with or
    without a time; an Excel serial; a month (01/1980 → its first day) or a year alone (→ 1 January). A date that
    is only valid month first (12/31/1980, American) is refused as such, never read another way."""
    if isinstance(raw, str) and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":  # ISO: the common case
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError(_("תאריך לא תקין")) from None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and (january := _year(int(raw))) is not None:
            return january
        return excel_serial(float(raw))
    text = clean(raw)
    match = _ISO.match(text)
    if match:
        return _make(int(match[1]), int(match[2]), int(match[3]))
    timed = _TIME.match(text)
    if timed:
        text = timed.group(1).strip()
    for pattern in (_YEAR_FIRST, _ISO):
        match = pattern.match(text)
        if match:
            return _make(int(match[1]), int(match[2]), int(match[3]))
    match = _DAY_FIRST.match(text)
    if match:
        first, second, year_text = int(match[1]), int(match[2]), match[3]
        year = int(year_text) if len(year_text) == 4 else _century(int(year_text))
        if second > 12 and first <= 12:
            raise ValueError(_("התאריך כתוב חודש לפני יום (כמו באנגלית אמריקאית); בקובץ קוראים יום/חודש/שנה"))
        return _make(year, second, first)
    return _partial(text)


def _partial(text: str) -> dt.date:
    match = _MONTH.match(text)
    if match:
        month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
        return _make(year, month, 1)
    if text.isdigit() and text.isascii():
        number = int(text)
        if len(text) == 4 and (january := _year(number)) is not None:
            return january
        if _COMPACT.match(text):
            return _compact(text)
        if 3 <= len(text) <= 6:
            return excel_serial(number)
    if re.fullmatch(r"\d+\.0+", text):
        return day(float(text))
    raise ValueError(_("תאריך לא תקין"))


def _compact(text: str) -> dt.date:
    """Eight digits: yyyymmdd or ddmmyyyy, whichever is a date (both: ambiguous, refused)."""
    readings = []
    for year, month, day_ in ((text[:4], text[4:6], text[6:]), (text[4:], text[2:4], text[:2])):
        try:
            readings.append(dt.date(int(year), int(month), int(day_)))
        except ValueError:
            continue
    if len(readings) == 1:
        return readings[0]
    if readings:
        raise ValueError(_("תאריך דו־משמעי: אפשר לקרוא אותו בשתי דרכים"))
    raise ValueError(_("תאריך לא תקין"))


def date_order(raw: Any) -> str:
    """How a written date reads: ``either`` when day and month could swap (03/04/1985), ``month_first`` when only
    month first is a date (12/31/1980), else ``""``. For the preview's warning about a column's date order."""
    if not isinstance(raw, str):
        return ""
    text = clean(raw)
    timed = _TIME.match(text)
    match = _DAY_FIRST.match(timed.group(1).strip() if timed else text)
    if not match:
        return ""
    first, second = int(match[1]), int(match[2])
    if second > 12 and 1 <= first <= 12:
        return "month_first"
    return "either" if first <= 12 and second <= 12 and first != second else ""


# Amounts and counts

PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
_CURRENCY = re.compile(r"₪|ש[\"״']?\s?ח|nis|ils|שקלים|שקל|%", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_EURO_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")


def number(raw: Any) -> float:
    """A number as files write amounts: 1234, 1,234.50, ₪ 1,234, 1 234 (a space or no-break space between
    thousands), 1.234,50 and 12,5 (a decimal comma), a minus before or after, (500) for a negative; 75%."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    text = str(raw).strip()
    if PLAIN.match(text):
        return float(text)
    text = _CURRENCY.sub("", clean(text)).replace(" ", "").strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text.endswith("-") or text.startswith("-"):
        negative, text = True, text.strip("-")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif (_EURO_THOUSANDS.match(text) and text.count(".") > 1) or (
        "," in text and text.rfind(",") > text.rfind(".") > 0
    ):
        text = text.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    if not PLAIN.match(text):
        raise ValueError(_("מספר לא תקין"))
    return -float(text) if negative else float(text)
