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


# Plural categories as gettext's Plural-Forms of each language (the same formulas as locale/*/django.po):
# Hebrew and English one/other (Hebrew's dual for 2), Russian one/few/many, Arabic zero/one/two/few/many/other.
def plural(n: int, lang: str) -> int:
    if lang == "ru":
        return 0 if n % 10 == 1 and n % 100 != 11 else 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
    if lang == "ar":
        return 0 if n == 0 else 1 if n == 1 else 2 if n == 2 else 3 if 3 <= n % 100 <= 10 else 4 if n % 100 >= 11 else 5
    if lang == "he":
        return 0 if n == 1 else 1 if n == 2 else 2
    return 0 if n == 1 else 1


# Per language, the forms in plural() order; "{n}" is the number.
UNITS = {
    "years": {
        "he": ("שנה אחת", "שנתיים", "{n} שנים"),
        "ar": ("{n} سنة", "سنة واحدة", "سنتان", "{n} سنوات", "{n} سنة", "{n} سنة"),
        "ru": ("{n} год", "{n} года", "{n} лет"),
        "en": ("{n} year", "{n} years"),
    },
    "months": {
        "he": ("חודש אחד", "חודשיים", "{n} חודשים"),
        "ar": ("{n} شهر", "شهر واحد", "شهران", "{n} أشهر", "{n} شهرًا", "{n} شهر"),
        "ru": ("{n} месяц", "{n} месяца", "{n} месяцев"),
        "en": ("{n} month", "{n} months"),
    },
}
AND = {"he": "{a} ו{b}", "ar": "{a} و{b}", "ru": "{a} {b}", "en": "{a} {b}"}


def count(n: int, unit: str, lang: str) -> str:
    """``n`` years or months, grammatical in ``lang`` (1 год, 2 года, 5 лет; 11 شهرًا; שנתיים)."""
    lang = lang if lang in UNITS[unit] else "en"
    return UNITS[unit][lang][plural(n, lang)].format(n=n)


def duration(months: int, lang: str) -> str:
    """A span of months as years and months ("2 years 3 months"), leaving out a part that is zero."""
    years, rest = divmod(months, 12)
    if not years:
        return count(rest, "months", lang)
    if not rest:
        return count(years, "years", lang)
    first, second = count(years, "years", lang), count(rest, "months", lang)
    if lang == "he" and second[0].isdigit():
        return f"{first} ו־{second}"  # Hebrew joins "and" to a number with a maqaf
    return AND.get(lang, AND["en"]).format(a=first, b=second)


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
        return duration(int(value), lang)
    if kind == "years":
        return count(int(value), "years", lang)
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
