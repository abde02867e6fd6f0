"""References for the public-transport discount for holders of National Insurance's disability card."""

from __future__ import annotations

from eligibility.parameters import Reference

DISABILITY_FARES = Reference(
    'משרד התחבורה – הנחה בתחבורה הציבורית לבעלי תעודת נכה מהמוסד לביטוח לאומי (פרופיל "נכה" ברב-קו)',
    "https://www.kolzchut.org.il/ar/%D8%AA%D8%AE%D9%81%D9%8A%D8%B6_%D9%81%D9%8A_%D8%A7%D9%84%D8%A8%D8%A7%D8%B5%D8%A7%D8%AA%D8%8C_%D9%81%D9%8A_%D8%A7%D9%84%D9%82%D8%B7%D8%A7%D8%B1_%D8%A7%D9%84%D8%AE%D9%81%D9%8A%D9%81%D8%8C_%D9%88%D9%81%D9%8A_%D8%A7%D9%84%22%D9%85%D8%AA%D8%B1%D9%88%D9%86%D9%8A%D8%AA%22_%D9%84%D8%A3%D8%B4%D8%AE%D8%A7%D8%B5_%D9%85%D8%B9_%D8%A5%D8%B9%D8%A7%D9%82%D8%A9",
)
DISABILITY_CARD = Reference(
    "עלות – הנחות בתחבורה ציבורית: תעודת נכה למקבלי קצבת נכות כללית עם אי-כושר 75% לפחות או עם הבטחת הכנסה",
    "https://alut.org.il/%D7%96%D7%9B%D7%95%D7%99%D7%95%D7%AA-%D7%9B%D7%A1%D7%A4%D7%99%D7%95%D7%AA/%D7%94%D7%A0%D7%97%D7%95%D7%AA-%D7%91%D7%AA%D7%97%D7%91%D7%95%D7%A8%D7%94-%D7%A6%D7%99%D7%91%D7%95%D7%A8%D7%99%D7%AA/",
)
