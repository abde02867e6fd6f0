"""A person's own access-log entries in words ("viewed Miriam Cohen's file"), for their activity page: the log
keeps object types and ids; the names come from the apps that own the objects (home.register_describer)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from mizui.accounts.home import names
from mizui.accounts.http import StaffRequest
from mizui.accounts.models import AccessAction, AccessLog

NOUNS: dict[str, Any] = {
    "resident": gettext_lazy("התיק"),
    "case": gettext_lazy("התיק"),
    "inquiry": gettext_lazy("הפנייה"),
    "referral": gettext_lazy("ההפניה"),
    "document": gettext_lazy("המסמך"),
    "entitlement": gettext_lazy("שורה ביומן הזכויות"),
    "population_member": gettext_lazy("רשומה ממאגר האיתור היזום"),
    "campaign_targets": gettext_lazy("רשימת הפנייה של קמפיין"),
    "campaign": gettext_lazy("קמפיין"),
    "outreach_list": gettext_lazy("רשימת איתור"),
    "resident_search": gettext_lazy("חיפוש תושבים"),
    "queue": gettext_lazy("תור עבודה"),
    "inquiry_list": gettext_lazy("רשימת הפניות"),
    "outcomes_dashboard": gettext_lazy("לוח התוצאות והמדדים"),
    "outcomes_report": gettext_lazy("הדוח החודשי"),
    "access_log": gettext_lazy("יומן הגישה"),
    "team": gettext_lazy("רשימת הצוות"),
    "membership": gettext_lazy("חבר/ת צוות"),
    "barrier_report": gettext_lazy("דוח החסמים"),
    "mfa_recovery_codes": gettext_lazy("קודי השחזור שלך"),
    "passkey": gettext_lazy("מפתח גישה"),
    "barrier": gettext_lazy("החסם"),
    "note": gettext_lazy("ההערה"),
    "task": gettext_lazy("המשימה"),
    "consent": gettext_lazy("ההסכמה"),
    "lead": gettext_lazy("הפנייה מנאמן/ת"),
    "trustee": gettext_lazy("נאמן/ת הזכויות"),
    "volunteer": gettext_lazy("המתנדב/ת"),
    "initiative": gettext_lazy("הפעילות"),
    "supervision": gettext_lazy("מפגש ההנחיה"),
    "quality_review": gettext_lazy("בקרת האיכות"),
    "record_import": gettext_lazy("ייבוא הקובץ"),
    "batch_run": gettext_lazy("הרצת האיתור"),
    "campaign_target": gettext_lazy("משק בית בקמפיין"),
    "agency_link": gettext_lazy("הקישור לגוף"),
    "api_token": gettext_lazy("מפתח ה-API"),
    "directory_organization": gettext_lazy("הגוף במדריך השירותים"),
    "story": gettext_lazy("סיפור המקרה"),
    "follow_up_list": gettext_lazy("רשימת משקי הבית לבדיקה חוזרת"),
    "home_worklist": gettext_lazy("רשימות העבודה בדף הבית"),
}
NAMED = frozenset({"resident", "case", "inquiry"})


@dataclass(frozen=True)
class Entry:
    at: Any
    text: str


def _what(object_type: str, object_id: str, found: dict[str, str], *, after_prefix: bool = False) -> str:
    noun = str(NOUNS.get(object_type, object_type.replace("_", " ")))
    if after_prefix and get_language() == "he" and noun.startswith("ה"):
        noun = noun[1:]  # ב + ה: "בתיק", not "בהתיק"
    name = found.get(object_id)
    if name:
        return _("%(noun)s של %(name)s") % {"noun": noun, "name": name}
    if object_id:
        return _("%(noun)s מס׳ %(id)s") % {"noun": noun, "id": object_id}
    return noun


def sentence(action: str, what: str) -> str:
    if action == AccessAction.LOGIN:
        return _("נכנסת למערכת")
    if action == AccessAction.LOGOUT:
        return _("יצאת מהמערכת")
    forms: dict[str, str] = {
        AccessAction.VIEW: _("צפית ב%(what)s"),
        AccessAction.CREATE: _("יצרת את %(what)s"),
        AccessAction.UPDATE: _("עדכנת את %(what)s"),
        AccessAction.EXPORT: _("ייצאת את %(what)s"),
        AccessAction.DENIED: _("הגישה אל %(what)s נחסמה"),
    }
    return str(forms.get(action, "%(what)s") % {"what": what})


def in_words(request: StaffRequest, entries: list[AccessLog]) -> list[Entry]:
    ids: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.object_type in NAMED and entry.object_id:
            ids[entry.object_type].append(entry.object_id)
    found = {kind: names(request, kind, sorted(set(keys))) for kind, keys in ids.items()}
    out = []
    for e in entries:
        what = _what(
            e.object_type, e.object_id, found.get(e.object_type, {}), after_prefix=e.action == AccessAction.VIEW
        )
        out.append(Entry(e.at, sentence(e.action, what)))
    return out
