"""Legal references shared by many variables (statute and section in Hebrew, stable URL)."""

from __future__ import annotations

from eligibility.parameters import Reference

NII_LAW = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995',
    "https://www.btl.gov.il/Laws1/00_0001_000000.pdf",
)
IS_LAW = Reference(
    'חוק הבטחת הכנסה, התשמ"א-1980, סעיף 2',
    "https://www.btl.gov.il/English%20Homepage/Benefits/Income%20Support%20Benefit/Pages/Conditions.aspx",
)
IS_WORK_TEST_EXEMPTIONS = Reference(
    "המוסד לביטוח לאומי – פטור מהתייצבות בשירות התעסוקה (הורים לילד עד גיל שנתיים בוחרים מי מהם פטור; גם הורה עצמאי)",
    "https://www.btl.gov.il/benefits/Income_support/Pages/ptor.aspx",
)
IS_SHORT_RESIDENCE = Reference(
    "המוסד לביטוח לאומי – קצבת הבטחת הכנסה למי שתושב ישראל פחות מ-24 חודשים",
    "https://www.btl.gov.il/benefits/Income_support/Pages/newtoshav.aspx",
)
IS_AMOUNT = Reference(
    'חוק הבטחת הכנסה, התשמ"א-1980, סעיפים 5 ו-9 והתוספת השנייה',
    "https://www.btl.gov.il/English%20Homepage/Benefits/Income%20Support%20Benefit/Pages/BenefitCalculation.aspx",
)
IS_INCOME = Reference(
    'חוק הבטחת הכנסה, התשמ"א-1980, סעיף 9 (הכנסה שתובאה בחשבון)',
    "https://www.btl.gov.il/benefits/Income_support/Pages/hishuvincome.aspx",
)
RETIREMENT = Reference(
    'חוק גיל פרישה, התשס"ד-2004, סעיפים 3–4',
    "https://www.btl.gov.il/benefits/old_age/Conditions_of_eligibility/gilMezake/Pages/gilPrisha.aspx",
)
OLD_AGE = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ה' (ביטוח זקנה ושאירים), סעיפים 240–245",
    "https://www.btl.gov.il/benefits/old_age/Conditions_of_eligibility/Pages/%D7%94%D7%9B%D7%A0%D7%A1%D7%95%D7%AA%20%D7%91%D7%92%D7%99%D7%9C%20%D7%94%D7%A4%D7%A8%D7%99%D7%A9%D7%94.aspx",
)
SUPPLEMENT = Reference(
    'חוק הבטחת הכנסה, התשמ"א-1980, סעיף 2(א)(4)',
    "https://www.btl.gov.il/benefits/old_age/hashHachZ/Pages/tnaiZakautTosefet.aspx",
)
CHILDREN = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ד' (ביטוח ילדים), סעיפים 65–68",
    "https://www.btl.gov.il/benefits/children/Pages/default.aspx",
)
SAVINGS = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, סעיף 74א',
    "https://www.btl.gov.il/benefits/children/HisahoLayeled/Pages/sum.aspx",
)
ARNONA = Reference(
    'תקנות הסדרים במשק המדינה (הנחה מארנונה), התשנ"ג-1993, תקנה 2',
    "https://www.kolzchut.org.il/he/%D7%94%D7%A0%D7%97%D7%94_%D7%91%D7%90%D7%A8%D7%A0%D7%95%D7%A0%D7%94_%D7%9C%D7%91%D7%A2%D7%9C%D7%99_%D7%94%D7%9B%D7%A0%D7%A1%D7%94_%D7%A0%D7%9E%D7%95%D7%9B%D7%94",
)
ARNONA_INCOME = Reference(
    'תקנות הסדרים במשק המדינה (הנחה מארנונה), התשנ"ג-1993, תקנה 2(א)(8) והתוספת הראשונה',
    "https://www.netanya.muni.il/Residents/Arnona/TaxOrder/Pages/2024/chaptere10114-704.aspx",
)
MAJORITY = Reference(
    'חוק הכשרות המשפטית והאפוטרופסות, התשכ"ב-1962, סעיף 3',
    "https://www.nevo.co.il/law_html/law01/p179_001.htm",
)
SINGLE_PARENT = Reference(
    'חוק משפחות חד-הוריות, התשנ"ב-1992, סעיף 1',
    "https://www.kolzchut.org.il/he/%D7%94%D7%95%D7%A8%D7%94_%D7%A2%D7%A6%D7%9E%D7%90%D7%99",
)
CONTRACT = Reference(
    "חוזה משק הבית של מיצוי, גרסה 1 (docs/household.md)",
    "https://github.com/mizui/mizui/blob/main/docs/household.md",
)
