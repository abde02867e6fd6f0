"""Legal references for the credit points an employee's payroll may not apply (Income Tax Ordinance ss. 33A-45)."""

from __future__ import annotations

from eligibility.parameters import Reference

CREDIT_POINTS = Reference(
    'פקודת מס הכנסה [נוסח חדש], התשכ"א-1961, סעיפים 33א–45 – נקודות זיכוי',
    "https://www.kolzchut.org.il/he/%D7%A0%D7%A7%D7%95%D7%93%D7%95%D7%AA_%D7%96%D7%99%D7%9B%D7%95%D7%99_%D7%9E%D7%9E%D7%A1_%D7%94%D7%9B%D7%A0%D7%A1%D7%94",
)
TAX_RATES = Reference(
    'פקודת מס הכנסה [נוסח חדש], התשכ"א-1961, סעיף 121 – מדרגות המס על הכנסה מיגיעה אישית',
    "https://finance.experts-il.com/caspit/%D7%9E%D7%93%D7%A8%D7%92%D7%95%D7%AA-%D7%9E%D7%A1-%D7%94%D7%9B%D7%A0%D7%A1%D7%94-2024/",
)
NEW_IMMIGRANT = Reference(
    'פקודת מס הכנסה [נוסח חדש], התשכ"א-1961, סעיף 35 – נקודות זיכוי לעולה חדש',
    "https://kolzchut.org.il/he/%D7%A0%D7%A7%D7%95%D7%93%D7%95%D7%AA_%D7%96%D7%99%D7%9B%D7%95%D7%99_%D7%9E%D7%9E%D7%A1_%D7%94%D7%9B%D7%A0%D7%A1%D7%94_%D7%9C%D7%A2%D7%95%D7%9C%D7%94_%D7%97%D7%93%D7%A9",
)
DISCHARGED_SOLDIER = Reference(
    'פקודת מס הכנסה [נוסח חדש], התשכ"א-1961, סעיף 39א – נקודות זיכוי לחייל משוחרר ולמסיים שירות לאומי-אזרחי',
    "https://tofes101.co.il/docs/tax-reductions/national-and-military-service/",
)
REFUND = Reference(
    "פקודת מס הכנסה, סעיף 160 – בקשה להחזר מס עד שש שנים אחורה (טופס 135)",
    "https://www.gov.il/he/service/itc135",
)
PARTIAL_YEAR = Reference(
    "פקודת מס הכנסה, סעיפים 33א ו-121 – המס ונקודות הזיכוי מחושבים לשנת מס (1 בינואר עד 31 בדצמבר), והניכוי "
    "החודשי מהשכר מניח עבודה בכל השנה: מי שעבד/ה רק בחלק מהשנה זכאי/ת להחזר (עבודה בחלק מהשנה)",
    "https://www.yitrot.co.il/%D7%94%D7%97%D7%96%D7%A8%D7%99-%D7%9E%D7%A1/%D7%A1%D7%99%D7%91%D7%95%D7%AA-%D7%A9%D7%9B%D7%99%D7%97%D7%95%D7%AA-%D7%9C%D7%94%D7%97%D7%96%D7%A8-%D7%9E%D7%A1/%D7%A2%D7%91%D7%95%D7%93%D7%94-%D7%91%D7%97%D7%9C%D7%A7-%D7%9E%D7%94%D7%A9%D7%A0%D7%94/",
)
