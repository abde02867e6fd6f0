"""Durations read as each language says them: its plural forms, not "1 лет" or "11 أشهر"."""

from __future__ import annotations

import pytest

from eligibility.i18n import fmt


@pytest.mark.parametrize(
    ("months", "lang", "text"),
    [
        (12, "ru", "1 год"),
        (24, "ru", "2 года"),
        (60, "ru", "5 лет"),
        (132, "ru", "11 лет"),
        (252, "ru", "21 год"),
        (11, "ru", "11 месяцев"),
        (26, "ru", "2 года 2 месяца"),
        (11, "ar", "11 شهرًا"),
        (3, "ar", "3 أشهر"),
        (1, "ar", "شهر واحد"),
        (24, "ar", "سنتان"),
        (36, "ar", "3 سنوات"),
        (132, "ar", "11 سنة"),
        (12, "he", "שנה אחת"),
        (24, "he", "שנתיים"),
        (62 * 12 + 4, "he", "62 שנים ו־4 חודשים"),
        (26, "he", "שנתיים וחודשיים"),
        (1, "en", "1 month"),
        (13, "en", "1 year 1 month"),
        (0, "en", "0 months"),
    ],
)
def test_a_span_of_months_reads_as_the_language_counts(months: int, lang: str, text: str) -> None:
    assert fmt(months, "months", lang) == text


@pytest.mark.parametrize(
    ("years", "lang", "text"),
    [(1, "ru", "1 год"), (3, "ru", "3 года"), (45, "ru", "45 лет"), (45, "en", "45 years"), (2, "he", "שנתיים")],
)
def test_an_age_reads_as_the_language_counts(years: int, lang: str, text: str) -> None:
    assert fmt(years, "years", lang) == text
