"""Legal references for rent assistance (Ministry of Construction and Housing)."""

from __future__ import annotations

from eligibility.parameters import Reference

RENT_GROUPS = Reference(
    'משרד הבינוי והשיכון, נוהל 08/04 "השתתפות בתשלום שכר דירה" – קבוצות הזכאים',
    "http://www.moch.gov.il/siyua_bediyur/schar_dira/Pages/schar_dira.aspx",
)
RENT_HOMELESS = Reference(
    'משרד הבינוי והשיכון, נוהל 08/04 "השתתפות בתשלום שכר דירה" – "חסר דירה" ותנאי הדירה השכורה',
    "https://www.kolzchut.org.il/w/he/index.php?title=%D7%96%D7%9B%D7%90%D7%95%D7%AA_%D7%9C%D7%A1%D7%99%D7%95%D7%A2_%D7%91%D7%A9%D7%9B%D7%A8_%D7%93%D7%99%D7%A8%D7%94&oldid=17904",
)
RENT_AMOUNTS = Reference(
    'משרד הבינוי והשיכון, נוהל 08/04 "השתתפות בתשלום שכר דירה" – גובה הסיוע לפי קבוצת הזכאות, הרכב המשפחה והיישוב',
    "http://www.moch.gov.il/siyua_bediyur/schar_dira/Pages/schar_dira.aspx",
)
RENT_SINGLE_PARENT = Reference(
    "כל זכות – סיוע בשכר דירה למשפחות שבראשן הורה עצמאי ולמי שנמצאים בהליכי גירושין (מבחן ההכנסה והטבלאות)",
    "https://www.kolzchut.org.il/he/%D7%A1%D7%99%D7%95%D7%A2_%D7%91%D7%A9%D7%9B%D7%A8_%D7%93%D7%99%D7%A8%D7%94_%D7%9C%D7%9E%D7%99_%D7%A9%D7%9E%D7%A6%D7%95%D7%99%D7%99%D7%9D_%D7%91%D7%94%D7%9C%D7%99%D7%9B%D7%99_%D7%92%D7%99%D7%A8%D7%95%D7%A9%D7%99%D7%9F",
)
RENT_WORKING_FAMILY = Reference(
    "כל זכות – סיוע בשכר דירה לזוג עם ילדים (זוג נשוי או ידועים בציבור שעונה על 5 תנאים; מבחן הכנסות ברוטו של כל בני "
    "המשפחה לפי טבלת המשרד, נכון ל-2024)",
    "https://www.kolzchut.org.il/he/%D7%A1%D7%99%D7%95%D7%A2_%D7%91%D7%A9%D7%9B%D7%A8_%D7%93%D7%99%D7%A8%D7%94_%D7%9C%D7%96%D7%95%D7%92_%D7%A2%D7%9D_%D7%99%D7%9C%D7%93%D7%99%D7%9D",
)
RENT_EARNING_CAPACITY = Reference(
    "כל זכות – מיצוי כושר השתכרות עבור סיוע בשכר דירה (הדרכים שבהן משפחה נחשבת ממצה את כושר ההשתכרות)",
    "https://www.kolzchut.org.il/he/%D7%9E%D7%99%D7%A6%D7%95%D7%99_%D7%9B%D7%95%D7%A9%D7%A8_%D7%94%D7%A9%D7%AA%D7%9B%D7%A8%D7%95%D7%AA_%D7%A2%D7%91%D7%95%D7%A8_%D7%A1%D7%99%D7%95%D7%A2_%D7%91%D7%A9%D7%9B%D7%A8_%D7%93%D7%99%D7%A8%D7%94",
)
