"""References and dates for the day-care subsidy (סבסוד מעונות יום ומשפחתונים, Ministry of Labor)."""

from __future__ import annotations

import calendar
import datetime as dt

from eligibility.parameters import Reference

SUBSIDY = Reference(
    "מבחני התמיכה של משרד העבודה בהשתתפות המדינה בשכר הלימוד במעונות יום ובמשפחתונים מוכרים – כל זכות",
    "https://www.kolzchut.org.il/he/%D7%94%D7%A9%D7%AA%D7%AA%D7%A4%D7%95%D7%AA_%D7%91%D7%9E%D7%99%D7%9E%D7%95%D7%9F_%D7%9E%D7%A2%D7%95%D7%A0%D7%95%D7%AA_%D7%99%D7%95%D7%9D_%D7%95%D7%9E%D7%A9%D7%A4%D7%97%D7%AA%D7%95%D7%A0%D7%99%D7%9D",
)
WORKING_PARENTS = Reference(
    'מבחני התמיכה – הורים עובדים: הכנסה ברוטו מעבודה מזערית לכל הורה (תשפ"ו), או עבודה ולימודים 24 שעות בשבוע – כל זכות',
    "https://www.kolzchut.org.il/he/%D7%A1%D7%99%D7%95%D7%A2_%D7%9C%D7%94%D7%95%D7%A8%D7%99%D7%9D_%D7%A2%D7%95%D7%91%D7%93%D7%99%D7%9D_%D7%91%D7%9E%D7%99%D7%9E%D7%95%D7%9F_%D7%9E%D7%A2%D7%95%D7%A0%D7%95%D7%AA_%D7%99%D7%95%D7%9D_%D7%95%D7%9E%D7%A9%D7%A4%D7%97%D7%AA%D7%95%D7%A0%D7%99%D7%9D",
)
INCOME_PER_CAPITA = Reference(
    "מבחני התמיכה – רמת ההכנסה לנפש: הכנסות ההורים ברוטו חלקי מספר הנפשות (הורה עצמאי: מחצית ההכנסה חלקי הנפשות ועוד 1) – כל זכות",
    "https://www.kolzchut.org.il/he/%D7%A8%D7%9E%D7%AA_%D7%94%D7%94%D7%9B%D7%A0%D7%A1%D7%94_%D7%9C%D7%A0%D7%A4%D7%A9_%D7%9C%D7%A6%D7%95%D7%A8%D7%9A_%D7%A1%D7%99%D7%95%D7%A2_%D7%91%D7%9E%D7%99%D7%9E%D7%95%D7%9F_%D7%9E%D7%A2%D7%95%D7%A0%D7%95%D7%AA_%D7%99%D7%95%D7%9D",
)
TUITION = Reference(
    'טבלת שכר הלימוד ודרגות ההשתתפות במעונות יום בעלי סמל, שנת הלימודים תשפ"ד (החדשה ביותר שנמצאה)',
    "https://digitaler.cld.bz/rdm1/8/",
)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day where it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def school_year_start(as_of: dt.date) -> dt.date:
    """1 September of the school year ``as_of`` falls in: the ages of the ministry's tables are on that day."""
    return dt.date(as_of.year if as_of.month >= 9 else as_of.year - 1, 9, 1)
