"""References for the Holocaust Survivors' Rights Authority's monthly allowance and annual grant."""

from __future__ import annotations

from eligibility.parameters import Reference

PERSECUTION_LAW = Reference(
    'חוק נכי רדיפות הנאצים, התשי"ז-1957; חוק הטבות לניצולי שואה, התשס"ז-2007 – כל זכות, תגמול לניצולי שואה ממשרד האוצר',
    "https://www.kolzchut.org.il/he/%D7%AA%D7%92%D7%9E%D7%95%D7%9C_%D7%9C%D7%A0%D7%99%D7%A6%D7%95%D7%9C%D7%99_%D7%A9%D7%95%D7%90%D7%94_%D7%9E%D7%9E%D7%A9%D7%A8%D7%93_%D7%94%D7%90%D7%95%D7%A6%D7%A8",
)
CAMPS_AND_GHETTOS = Reference(
    'חוק הטבות לניצולי שואה, התשס"ז-2007 – כל זכות, גמלה לניצולי שואה יוצאי מחנות וגטאות (מי שעלו אחרי 1.10.1953)',
    "https://www.kolzchut.org.il/he/%D7%92%D7%9E%D7%9C%D7%94_%D7%9C%D7%A0%D7%99%D7%A6%D7%95%D7%9C%D7%99_%D7%A9%D7%95%D7%90%D7%94_%D7%9E%D7%9E%D7%A9%D7%A8%D7%93_%D7%94%D7%90%D7%95%D7%A6%D7%A8_%D7%9C%D7%99%D7%95%D7%A6%D7%90%D7%99_%D7%9E%D7%97%D7%A0%D7%95%D7%AA_%D7%95%D7%92%D7%98%D7%90%D7%95%D7%AA",
)
ANNUAL_GRANT = Reference(
    'חוק הטבות לניצולי שואה, התשס"ז-2007, סעיף 1 ("מענק שנתי") – אביב לניצולי השואה, מענק שנתי (מי שלא מקבלים רנטה חודשית בשל רדיפות הנאצים מעל 1,000 ₪)',
    "https://www.avivshoa.co.il/%D7%A2%D7%9E%D7%95%D7%93%D7%96%D7%9B%D7%95%D7%99%D7%95%D7%AA/%D7%9E%D7%A2%D7%A0%D7%A7%D7%99%D7%9D-%D7%A9%D7%A0%D7%AA%D7%99%D7%99%D7%9D/4196-2/",
)
