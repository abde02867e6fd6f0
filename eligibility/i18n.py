"""Languages, fallbacks and how numbers read in each language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGUAGES = ("he", "ar", "ru", "en")
FALLBACK = {"he": ("he",), "ar": ("ar", "he", "en"), "ru": ("ru", "en", "he"), "en": ("en", "he")}

YOURS = {
    "he": "{req}; אצלכם: {value}",
    "ar": "{req}؛ لديكم: {value}",
    "ru": "{req}; у вас: {value}",
    "en": "{req}; yours is {value}",
}
UNKNOWN = {
    "he": "{req}; חסר לנו מידע כדי לבדוק",
    "ar": "{req}؛ تنقصنا معلومات للفحص",
    "ru": "{req}; не хватает данных для проверки",
    "en": "{req}; we need more information to check",
}
YEARS_MONTHS = {
    "he": ("{y} שנים", "{y} שנים ו־{m} חודשים"),
    "ar": ("{y} سنة", "{y} سنة و{m} أشهر"),
    "ru": ("{y} лет", "{y} лет {m} мес."),
    "en": ("{y} years", "{y} years {m} months"),
}
YES_NO = {"he": ("כן", "לא"), "ar": ("نعم", "لا"), "ru": ("да", "нет"), "en": ("yes", "no")}


def pick(texts: Mapping[str, Any] | None, lang: str) -> Any:
    """The text in ``lang``, else the next language in its fallback chain (Hebrew is always present)."""
    if not texts:
        return ""
    for candidate in FALLBACK.get(lang, ("he",)):
        if texts.get(candidate):
            return texts[candidate]
    return next(iter(texts.values()))


def fmt(value: Any, kind: str, lang: str) -> str:
    if value is None:
        return "?"
    if kind == "money":
        return f"₪{float(value):,.0f}"
    if kind == "percent":
        return f"{float(value):g}%"
    if kind == "months":
        years, months = divmod(int(value), 12)
        plain, with_months = YEARS_MONTHS.get(lang, YEARS_MONTHS["en"])
        return (with_months if months else plain).format(y=years, m=months)
    if kind == "years":
        return YEARS_MONTHS.get(lang, YEARS_MONTHS["en"])[0].format(y=int(value))
    if kind == "bool":
        yes, no = YES_NO.get(lang, YES_NO["en"])
        return yes if value else no
    if kind == "sqm":
        return f"{float(value):g} m²"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def sentence(req: str, value: Any, has_value: bool, met: bool | None, kind: str, lang: str) -> str:
    if has_value and value is not None:
        return YOURS.get(lang, YOURS["en"]).format(req=req, value=fmt(value, kind, lang))
    if met is None:
        return UNKNOWN.get(lang, UNKNOWN["en"]).format(req=req)
    return req
