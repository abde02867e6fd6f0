"""A stored text together with the language it is in, so a page in another language can mark it (lang, dir)."""

from __future__ import annotations


class Localized(str):
    """A text in ``lang``: a directory branch's name in the page's language, or its Hebrew name where no
    translation is stored. It is a ``str`` everywhere; templates read ``lang`` (the ``hebrew`` filter)."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Localized:
        made = super().__new__(cls, text)
        made.lang = lang
        return made


def pick_text(hebrew: str, translations: dict[str, dict[str, str]], name: str, lang: str) -> Localized:
    """``name`` in ``lang`` from stored ``translations`` ({"ar": {"name": ...}}), else the Hebrew text."""
    text = (translations.get(lang) or {}).get(name, "") if lang != "he" else ""
    return Localized(text, lang) if text else Localized(hebrew, "he")
