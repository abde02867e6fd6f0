"""The fields a source's columns map onto (household contract v1, docs/household.md, plus who to contact),
and the validation of one row. A row either becomes clean values or is quarantined with one reason.

Each field is declared once with the names municipal systems give its column and the words their files write for
its values: the household's inputs in ``eligibility/inputs.yaml`` (``import_headers``, ``import_values``), the
contact fields here. The mapping step proposes a field for a header from them (``propose_mapping``; the person
importing confirms), and every row reads those words as the contract's values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from eligibility.catalogue import catalogue
from eligibility.frames import receivable
from eligibility.inputs import Input, inputs
from mizui.lib.forms import in_language
from mizui.outreach.services import cells
from mizui.outreach.services.layout import cell_text, column_key

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
    headers: tuple[str, ...] = ()  # how municipal files name the column
    codes: Mapping[str, str] = dataclasses.field(default_factory=dict)  # a written value (field_key) → the contract's
    into: str = ""  # a part of another field (a first name of the full name): composed into it, never kept alone


def field_key(raw: Any) -> str:
    """A cell as a recoding table looks it up: trimmed, single spaces, lower case, Hebrew quote marks as ASCII."""
    text = raw if type(raw) is str else str(raw)
    if text.isascii():
        return " ".join(text.split()).lower()
    return " ".join(cells.clean(text).replace("״", '"').replace("׳", "'").split()).lower()


_text = cells.clean


def _date(raw: Any, earliest: dt.date = dt.date(1900, 1, 1)) -> str:
    day = cells.day(raw)
    if day < earliest or day > cells.today():
        raise ValueError(_("תאריך מחוץ לטווח"))
    return day.isoformat()


SANITY_MAX = 1e9  # a number without a declared bound: larger is a typo or a misread column


def _number(raw: Any, low: float = 0, high: float = SANITY_MAX, *, above: float | None = None) -> float:
    value = float(raw) if raw.__class__ is str and cells.PLAIN.match(raw) else cells.number(raw)
    if not low <= value <= high or (above is not None and value <= above):
        raise ValueError(_("מספר מחוץ לטווח"))
    return value


TRUE = {"1", "true", "yes", "y", "כן", "v", "x", "✓", "✔", "+", "t", "יש", "נכון", "כ"}
FALSE = {"0", "false", "no", "n", "לא", "", "-", "f", "אין", "ל"}


def _bool(raw: Any) -> bool:
    text = field_key(raw).rstrip(".")
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


ITEMS = re.compile(r"\s*[;,|\n]\s*")  # how a cell lists several benefits


def split_items(raw: Any) -> list[str]:
    """A list of benefits as files write it: separated by ; , | or line breaks."""
    text = cells.clean(raw)
    if text.isascii() and "," not in text and "|" not in text and "\n" not in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    return [p for p in ITEMS.split(text) if p]


def _receives(raw: Any) -> str:
    items = split_items(raw)
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


def _codes(written: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {field_key(text): value for value, texts in written.items() for text in texts}


def _input_codes(spec: Input) -> dict[str, str]:
    """An enum's values as files write them: the values themselves, their labels in every language, then the words
    of ``import_values``."""
    labels = {value: texts.values() for value, texts in (spec.value_labels or {}).items()}
    return {**{v: v for v in spec.values}, **_codes(labels), **_codes(spec.import_values or {})}


def _program_codes() -> dict[str, str]:
    """A benefit named by its catalogue name, in any of the languages (גמלת הבטחת הכנסה)."""
    return _codes({pid: spec["name"].values() for pid, spec in catalogue().items()})


LANGUAGE_NAMES = {
    "he": ("עברית", "hebrew", "עב"),
    "ar": ("ערבית", "arabic", "العربية", "عربي"),
    "ru": ("רוסית", "russian", "русский"),
    "am": ("אמהרית", "amharic", "አማርኛ"),
    "en": ("אנגלית", "english"),
}
CONTACT = (
    Field(
        "id_number",
        _("מספר זהות"),
        cells.id_number,
        required=True,
        headers=(
            "ת.ז.",
            'ת"ז',
            "תז",
            "מספר זהות",
            "מס' זהות",
            "תעודת זהות",
            "מספר תעודת זהות",
            "מספר ת.ז.",
            "מס' ת.ז.",
            "ת. זהות",
            "זהות",
            "id",
            "id number",
            "teudat zehut",
            "رقم الهوية",
            "номер удостоверения",
        ),
    ),
    Field(
        "full_name",
        _("שם מלא"),
        _text,
        headers=(
            "שם",
            "שם מלא",
            "שם ומשפחה",
            "שם ושם משפחה",
            "שם משפחה ושם פרטי",
            "שם התושב",
            "שם המחזיק",
            "שם משלם",
            "שם הלקוח",
            "שם הפונה",
            "שם המבקש",
            "name",
            "full name",
            "الاسم",
            "имя и фамилия",
        ),
    ),
    Field(
        "first_name",
        _("שם פרטי"),
        _text,
        headers=("שם פרטי", "first name", "given name", "الاسم الشخصي", "имя"),
        into="full_name",
    ),
    Field(
        "last_name",
        _("שם משפחה"),
        _text,
        headers=("שם משפחה", "last name", "surname", "family name", "اسم العائلة", "фамилия"),
        into="full_name",
    ),
    Field(
        "phone",
        _("טלפון"),
        cells.phone,
        headers=(
            "טלפון",
            "טל",
            "מספר טלפון",
            "מס' טלפון",
            "טלפון בבית",
            "טלפון בית",
            "טלפון קווי",
            "phone",
            "telephone",
            "tel",
            "الهاتف",
            "телефон",
        ),
    ),
    Field(
        "mobile",
        _("טלפון נייד"),
        cells.phone,
        headers=(
            "נייד",
            "טלפון נייד",
            "טל נייד",
            "מספר נייד",
            "מס' נייד",
            "פלאפון",
            "סלולרי",
            "טלפון סלולרי",
            "mobile",
            "cell",
            "mobile phone",
            "الجوال",
            "мобильный",
        ),
        into="phone",
    ),
    Field(
        "address",
        _("כתובת"),
        _text,
        headers=("כתובת", "כתובת מגורים", "כתובת הנכס", "כתובת נכס", "כתובת מלאה", "address", "العنوان", "адрес"),
    ),
    Field("street", _("רחוב"), _text, headers=("רחוב", "שם רחוב", "street"), into="address"),
    Field(
        "house_number",
        _("מספר בית"),
        _text,
        headers=("מס' בית", "מספר בית", "בית", "house number", "house no"),
        into="address",
    ),
    Field(
        "apartment",
        _("מספר דירה"),
        _text,
        headers=("דירה", "מס' דירה", "מספר דירה", "apartment", "flat"),
        into="address",
    ),
    Field("city", _("יישוב"), _text, headers=("עיר", "ישוב", "יישוב", "city", "town"), into="address"),
    Field(
        "neighbourhood",
        _("שכונה"),
        _text,
        headers=("שכונה", "רובע", "אזור", "אזור מגורים", "neighbourhood", "neighborhood", "الحي", "район"),
    ),
    Field(
        "language",
        _("שפה מועדפת"),
        _language,
        headers=("שפה", "שפת פנייה", "שפת פניה", "language"),
        codes=_codes(LANGUAGE_NAMES),
    ),
    Field("no_sms", _("לא לשלוח SMS"), _bool, headers=("ללא SMS", "סירוב SMS", "לא לשלוח מסרונים")),
    Field("no_letters", _("לא לשלוח מכתבים"), _bool, headers=("ללא דואר", "ללא מכתבים", "לא לשלוח דואר")),
    Field(
        "household_id",
        _("מזהה משק בית (למשל חשבון ארנונה)"),
        _text,
        headers=(
            "מזהה משק בית",
            "מספר משפחה",
            "מס' משפחה",
            "תיק משפחה",
            "מספר תיק",
            "מס' תיק",
            "מספר תיק משפחה",
            "מספר חשבון",
            "מס' חשבון",
            "חשבון ארנונה",
            "מספר חשבון ארנונה",
            "מספר נכס",
            "מס' נכס",
            "מספר משלם",
            "מס' משלם",
            "קוד משפחה",
            "מספר משק בית",
            "household",
            "household id",
            "family id",
        ),
    ),
    Field(
        "arnona_bill",
        _("חיוב ארנונה שנתי (₪)"),
        functools.partial(_number, high=1_000_000),
        headers=("חיוב ארנונה שנתי", "חיוב שנתי", "חיוב ארנונה", "סכום חיוב שנתי", "ארנונה שנתית", "annual arnona"),
    ),
)
# Fields outreach reads that are not the rules' inputs: how to reach a person, and what a discount is worth.
OUTREACH_ONLY = ("neighbourhood", "language", "no_sms", "no_letters", "arnona_bill")
# The household inputs a column can feed: every declared input with an import label (eligibility/inputs.yaml).
HOUSEHOLD = tuple(
    Field(
        spec.column,
        in_language(spec.import_label),
        _parser(spec),
        headers=(spec.column, *spec.import_label.values(), *spec.import_headers),
        codes=_input_codes(spec) if spec.type == "enum" else (_program_codes() if spec.type == "programs" else {}),
    )
    for spec in inputs()
    if spec.import_label
)
FIELDS: dict[str, Field] = {f.name: f for f in (*CONTACT, *HOUSEHOLD)}
PARTS = frozenset(f.name for f in CONTACT if f.into)  # composed into another field: never stored
ITEMIZED = frozenset(spec.column for spec in inputs() if spec.import_label and spec.type == "programs")

# The fields whose cells are codes (a choice, yes/no, a list of benefits): what a source's recoding and the
# preview's list of uncovered values are about.
CODED = frozenset(
    spec.column for spec in inputs() if spec.import_label and spec.type in ("enum", "bool", "programs")
) | {"language", "no_sms", "no_letters"}
# A choice written as its declared label in any of the languages (``רווק/ה``, ``Divorced``) or as files write
# it (``גרושה``, ``נ``) is that value.
LABELS: dict[str, dict[str, str]] = {name: dict(f.codes) for name, f in FIELDS.items() if f.codes}
FIELD_CHOICES = [(name, f.label) for name, f in FIELDS.items()]
SKIP = ""  # a column the mapping names but never reads

# Headers municipal files often have that no field holds: the mapping proposes "do not import", and says why.
NOT_READ: dict[str, Any] = {
    **dict.fromkeys(
        ("מספר נפשות", "מס' נפשות", "נפשות", "מספר ילדים", "מס' ילדים", "ילדים", "גודל משפחה"),
        _("אין שדה למספר הנפשות או הילדים: בני הבית נבנים משורה לכל אחד מהם (קובץ רווחה)."),
    ),
    **dict.fromkeys(
        ("גובה הנחה", "סכום הנחה", "אחוז הנחה", "שיעור הנחה"),
        _("אין שדה לגובה ההנחה: ההנחה עצמה נקראת מ„סוג הנחה”, ושוויה מחושב מהחיוב."),
    ),
    **dict.fromkeys(("גיל",), _("גיל אינו תאריך לידה: הזכויות נבדקות לפי תאריך הלידה.")),
}


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


def mapped(mapping: dict[str, str]) -> dict[str, str]:
    """A mapping keyed by column names as files are read (``layout.column_key``)."""
    return {column_key(column): target for column, target in mapping.items()}


def unnamed_columns(header: list[str], mapping: dict[str, str]) -> list[str]:
    keys = mapped(mapping)
    return [column for column in header if column_key(column) not in keys]


# Proposing a mapping from a file's header

_PUNCTUATION = re.compile(r"[\"'״׳`.]")
_SPACES = re.compile(r"[_\-/\\:()\[\]{}#*,;|₪%]")
_UNITS = frozenset({"שח", "מר", "nis", "ils", "בשח", "במר", "לחודש"})


def header_key(text: Any) -> str:
    """A header as synonyms are compared: without quote marks or dots (ת.ז. = ת"ז = תז), units, case or
    punctuation."""
    text = _SPACES.sub(" ", _PUNCTUATION.sub("", cell_text(text).lower()))
    return " ".join(t for t in text.split() if t not in _UNITS)


@functools.cache
def _synonyms() -> dict[str, tuple[str, int]]:
    """Each known header (as ``header_key``) → (field, rank): a field's own names before its synonyms."""
    index: dict[str, tuple[str, int]] = {}
    for field in FIELDS.values():
        for rank, header in enumerate((field.name, *field.headers)):
            index.setdefault(header_key(header), (field.name, rank))
    return index


@functools.cache
def _not_read() -> dict[str, Any]:
    return {header_key(h): why for h, why in NOT_READ.items()}


@dataclass(frozen=True)
class Proposal:
    field: str  # SKIP: not imported
    how: str  # "name": the header is the field's name or a synonym; "part": a synonym begins it; "" none
    why: Any = ""  # for a header no field holds: why


def _match(column: str) -> tuple[str, int, int] | None:
    """(field, quality, rank): quality 0 the whole header is a synonym, 1 a column under a group's name is (with
    the group's name, or alone), 2 a synonym of two words or more begins it."""
    index = _synonyms()
    key = header_key(column)
    if key in index:
        field, rank = index[key]
        return field, 0, rank
    if " - " in column:  # a column under a group's name (a header of two rows): "הכנסות - עבודה"
        group, part = (header_key(text) for text in column.rsplit(" - ", 1))
        for each in (f"{group} {part}", part):
            if each in index:
                return index[each][0], 1, index[each][1]
    words = key.split()
    for size in range(len(words) - 1, 1, -1):
        head = " ".join(words[:size])
        if head in index:
            return index[head][0], 2, index[head][1]
    return None


def propose_mapping(columns: Iterable[str]) -> dict[str, Proposal]:
    """A field for each column whose header names one (``Field.headers``), or "do not import". A field two columns
    could feed goes to the closer name (then the earlier column); the person importing confirms or changes it."""
    columns = list(columns)
    matches = {column: _match(column) for column in columns}
    best: dict[str, tuple[int, int, int]] = {}
    for position, column in enumerate(columns):
        found = matches[column]
        if found is not None:
            score = (found[1], found[2], position)
            best[found[0]] = min(best.get(found[0], score), score)
    out = {}
    for position, column in enumerate(columns):
        found = matches[column]
        if found is not None and best[found[0]] == (found[1], found[2], position):
            out[column] = Proposal(found[0], "name" if found[1] < 2 else "part")
        else:
            out[column] = Proposal(SKIP, "", _not_read().get(header_key(column), ""))
    return out


# Reading a row


@dataclass(frozen=True)
class RowPlan:
    """Which cell of a row feeds which field, computed once per file."""

    cells: tuple[tuple[int, Field], ...]
    width: int
    exact: bool  # CSV rows may not have fewer cells than columns; spreadsheets drop trailing empty cells
    # Per field, what the source writes → the contract's value (the declared words, then the source's own).
    recode: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    parts: bool = False  # some field is a part of another (first and last name): composed after parsing
    # Per cell, what reading it needs, looked up once: (index, name, parse, recoding table, itemized, required, label).
    steps: tuple[tuple[Any, ...], ...] = ()

    @classmethod
    def build(
        cls,
        header: list[str],
        mapping: dict[str, str],
        *,
        exact: bool = True,
        recode: dict[str, dict[str, str]] | None = None,
    ) -> RowPlan:
        keys = mapped(mapping)
        cells_ = [
            (i, FIELDS[keys[column_key(col)]])
            for i, col in enumerate(header)
            if keys.get(column_key(col), SKIP) != SKIP
        ]
        own = {
            field: {field_key(raw): value for raw, value in values.items()} for field, values in (recode or {}).items()
        }
        codes = {f.name: {**LABELS.get(f.name, {}), **own.get(f.name, {})} for _i, f in cells_}
        tables = {name: table for name, table in codes.items() if table}
        steps = tuple(
            (i, f.name, f.parse, tables.get(f.name), f.name in ITEMIZED, f.required, f.label) for i, f in cells_
        )
        return cls(tuple(cells_), len(header), exact, tables, any(f.into for _i, f in cells_), steps)

    def parse(self, row: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
        """Clean values of one row, or RowError for the first field that is wrong or missing."""
        if not any(cell not in (None, "") for cell in row):
            raise RowError("", str(_("שורה ריקה")))
        width, length = self.width, len(row)
        if length != width and ((self.exact and length < width) or any(cell not in (None, "") for cell in row[width:])):
            counts = {"cells": length, "columns": width}
            raise RowError("", str(_("בשורה %(cells)s תאים, ובכותרת %(columns)s עמודות")) % counts)
        values: dict[str, Any] = {}
        for index, name, parse, table, itemized, required, label in self.steps:
            raw = row[index] if index < length else None
            if raw is None or (raw.__class__ is str and not raw.strip()):
                if required:
                    raise RowError(name, str(_("חסר: %(field)s")) % {"field": label})
                continue
            if table is not None:
                if itemized:
                    raw = recode_items(table, raw)
                else:
                    key = field_key(raw)
                    found = table.get(key)
                    raw = found if found is not None else recode_parts(table, key, raw)
            try:
                values[name] = parse(raw)
            except ValueError as error:
                raise RowError(name, f"{label}: {error}") from None
        return compose(values) if self.parts else values


def recoded(spec: Field, table: Mapping[str, str], raw: Any) -> Any:
    """A coded cell as the contract's value: the whole cell looked up; a list of benefits item by item; else, a
    cell of several words for one value ("גרוש/ה", "דיור ציבורי - עמידר"), when every known part agrees."""
    if spec.name in ITEMIZED:
        return recode_items(table, raw)
    key = field_key(raw)
    found = table.get(key)
    return found if found is not None else recode_parts(table, key, raw)


def recode_items(table: Mapping[str, str], raw: Any) -> str:
    known = _receivable()
    return ";".join(item if item in known else table.get(field_key(item), item) for item in split_items(raw))


def recode_parts(table: Mapping[str, str], key: str, raw: Any) -> Any:
    if isinstance(raw, str) and _WORDS.search(key):
        found = {table[part] for part in _WORDS.split(key) if part in table}
        if len(found) == 1:
            return found.pop()
    return raw


_WORDS = re.compile(r"\s*[/\\\-–(),]\s*")


def compose(values: dict[str, Any]) -> dict[str, Any]:
    """The parts of a row's fields put together: a full name from its first and last names, an address from its
    street, number, apartment and town, the mobile number as the phone (SMS reach it). Parts are never kept."""
    first, last = values.pop("first_name", ""), values.pop("last_name", "")
    if (first or last) and not values.get("full_name"):
        values["full_name"] = " ".join(p for p in (first, last) if p)
    street, number = values.pop("street", ""), values.pop("house_number", "")
    apartment, city = values.pop("apartment", ""), values.pop("city", "")
    if (street or number) and not values.get("address"):
        address = " ".join(p for p in (street, number) if p)
        address += f", דירה {apartment}" if apartment else ""  # data, written as Hebrew letters write it
        values["address"] = address + (f", {city}" if city else "")
    mobile = values.pop("mobile", "")
    if mobile:
        values["phone"] = mobile
    return values
