"""Case stories (סיפורי מקרה): an anonymised story written from a closed case, with the resident's consent, approved
by a second staff member, and shown at a forum meeting or printed in a monthly report (its stripped text only).

`strip_story` is a pure function: it replaces the names it is given, ID numbers, Israeli phone numbers, addresses and
exact dates, and flags rare combinations of facts that could identify the resident even without a name. The approver
must tick every flag before approving.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mizui.accounts.models import CASEWORK_ROLES, Membership, User
from mizui.cases.models import Case, CaseStatus, Resident
from mizui.community.models import CaseStory, Initiative, Kind, StoryFlag, StoryStatus
from mizui.community.services.training import CommunityError
from mizui.lib.phone import normalize_il_phone

NAME = "[שם]"
ID_NUMBER = "[מספר זהות]"
PHONE = "[טלפון]"
ADDRESS = "[כתובת]"
DATE = "[תאריך]"
HEBREW_MONTHS = (
    "ינואר",
    "פברואר",
    "מרץ",
    "אפריל",
    "מאי",
    "יוני",
    "יולי",
    "אוגוסט",
    "ספטמבר",
    "אוקטובר",
    "נובמבר",
    "דצמבר",
)
# Words of a name too common to replace alone ("בן" is also "son"); the full name is still replaced.
_NAME_PARTICLES = frozenset({"בן", "בת", "אבו", "אום", "אל", "בר", "דה", "ון", "בין"})
# One-letter Hebrew prefixes a name can carry (ו, ה, ב, כ, ל, מ, ש): "למרים", "ומרים".
_PREFIX = r"(?<!\w)([והבכלמש]{0,2})"
_END = r"(?!\w)"

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_PHONE = re.compile(r"(?<![\d+])(?:\+972[\s-]?|00972[\s-]?|0)(?:5\d|7\d|[23489])[\s-]?\d{3}[\s-]?\d{4}(?!\d)")
_ID = re.compile(r"(?<!\d)(?:\d{9}|\d{8}-\d)(?!\d)")
_STREET = re.compile(
    r"(?<!\w)([והבכלמש]{0,2})(?:רחוב|רח['׳’]|שדרות|שד['׳’])\s*(?:[^\s\d,.;:()]+\s+){1,3}\d+[א-ת]?(?:/\d+)?"
)

_AGE = re.compile(r"(?<!\w)(?:ב?גיל|בן|בת|כבן|כבת)\s+(\d{2,3})(?!\d)|(?<!\d)(\d{2,3})\s+שנים(?!\w)")
_CHILDREN_DIGITS = re.compile(r"(?<!\d)(\d{1,2})\s+(?:ילדים|ילדות|ילדי|נכדים)(?!\w)")
_CHILDREN_WORDS = re.compile(
    r"(?<!\w)[ולמש]{0,2}(?:שישה|שש|שבעה|שבע|שמונה|תשעה|תשע|עשרה|עשר|אחד עשר|שנים עשר)\s+(?:ילדים|ילדות)(?!\w)"
)
# Nationalities and countries of birth few residents of one town share (stems, so "אריתריאה" and "אריתראי" match).
_RARE_ORIGINS = (
    "אריתרא",
    "אריתריא",
    "סודנ",
    "סודן",
    "ניגרי",
    "ונצואל",
    "פיליפינ",
    "תאילנד",
    "נפאל",
    "סרי לנק",
    "צ'צ'נ",
    "צ׳צ׳נ",
    "צ'רקס",
    "צ׳רקס",
    "קירגיז",
    "טורקמנ",
    "מונגולי",
    "קובני",
    "פרואני",
    "ארמני",
)
_RARE_ORIGIN = re.compile(r"(?<!\w)[והבכלמש]{0,2}(?:" + "|".join(re.escape(s) for s in _RARE_ORIGINS) + r")\w*")
_LOCALITY = re.compile(
    r"(?<!\w)[והבכלמש]{0,2}(?:קיבוץ|מושב|מושבה|יישוב|ישוב|היישוב|הקיבוץ|המושב|מצפה)\s+[^\s\d,.;:()]+"
)


@dataclass(frozen=True)
class Stripped:
    text: str
    flags: list[str] = field(default_factory=list)


def _month_year(year: int, month: int, day: int) -> str:
    try:
        dt.date(year, month, day)
    except ValueError:
        return DATE
    return f"{HEBREW_MONTHS[month - 1]} {year}"


def _dmy(match: re.Match[str]) -> str:
    year = match.group(4)
    if len(year) == 2:
        return DATE
    return _month_year(int(year), int(match.group(3)), int(match.group(1)))


def _phone(match: re.Match[str]) -> str:
    return PHONE if normalize_il_phone(match.group(0)) else match.group(0)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Full names first (longest first), then each word of a name that is not a common particle."""
    wholes: set[str] = set()
    words: set[str] = set()
    for name in names:
        name = " ".join((name or "").split())
        if not name:
            continue
        wholes.add(name)
        words.update(w for w in re.split(r"[\s\-]+", name) if len(w) >= 2 and w not in _NAME_PARTICLES)
    terms = sorted(wholes | words, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(_PREFIX + "(" + "|".join(re.escape(t) for t in terms) + ")" + _END, re.IGNORECASE)


def strip_story(text: str, *, names: Iterable[str] = (), addresses: Iterable[str] = ()) -> Stripped:
    """The story with names, ID numbers, phones, addresses and exact dates replaced, and the rare facts flagged.

    `names` are the resident's and household members' names (in any script); `addresses` their address strings.
    Dates become their month and year ("מרץ 2024"), or "[תאריך]" when the year is not written in full.
    """
    out = text
    for address in sorted({" ".join(a.split()) for a in addresses if a and a.strip()}, key=len, reverse=True):
        out = re.sub(re.escape(address).replace(r"\ ", r"\s+"), ADDRESS, out, flags=re.IGNORECASE)
    out = _STREET.sub(lambda m: m.group(1) + ADDRESS, out)
    out = _ISO_DATE.sub(lambda m: _month_year(int(m.group(1)), int(m.group(2)), int(m.group(3))), out)
    out = _DMY_DATE.sub(_dmy, out)
    out = _PHONE.sub(_phone, out)
    out = _ID.sub(ID_NUMBER, out)
    pattern = _name_pattern(names)
    if pattern is not None:
        out = pattern.sub(lambda m: m.group(1) + NAME, out)
    return Stripped(text=out, flags=rare_facts(out))


def rare_facts(text: str) -> list[str]:
    """Flags (StoryFlag values) for facts that together could point at one resident."""
    flags: list[str] = []
    ages = [int(a or b) for a, b in _AGE.findall(text)]
    if any(90 < age < 130 for age in ages):
        flags.append(StoryFlag.OLD_AGE)
    children = [int(n) for n in _CHILDREN_DIGITS.findall(text)]
    if any(n > 5 for n in children) or _CHILDREN_WORDS.search(text):
        flags.append(StoryFlag.MANY_CHILDREN)
    if _RARE_ORIGIN.search(text):
        flags.append(StoryFlag.RARE_ORIGIN)
    if _LOCALITY.search(text):
        flags.append(StoryFlag.SMALL_LOCALITY)
    return flags


def case_names_and_addresses(case: Case) -> tuple[list[str], list[str]]:
    """The names (every script) and addresses of the case's resident and their household, decrypted."""
    residents = {case.resident_id: case.resident}
    for member in Resident.objects.filter(authority_id=case.authority_id, household=case.household_id):
        residents.setdefault(member.pk, member)
    names: list[str] = []
    addresses: list[str] = []
    for r in residents.values():
        names += [n for n in (r.full_name, r.name_ar, r.name_ru, r.name_latin) if n]
        if r.address:
            addresses.append(r.address)
    return names, addresses


def write_story(author: User, case: Case, *, text: str, consent_method: str, consent_note: str = "") -> CaseStory:
    """A draft story from a closed case, with the resident's consent for this purpose recorded on it."""
    if case.status != CaseStatus.CLOSED:
        raise CommunityError(_("אפשר לכתוב סיפור מקרה רק מתיק סגור."))
    names, addresses = case_names_and_addresses(case)
    stripped = strip_story(text, names=names, addresses=addresses)
    return CaseStory.objects.create(
        authority_id=case.authority_id,
        case=case,
        author=author,
        text=text,
        stripped_text=stripped.text,
        flags=stripped.flags,
        consent_method=consent_method,
        consent_note=consent_note,
        consent_confirmed_by=author,
        consent_confirmed_at=timezone.now(),
    )


def may_approve(user: User, authority_id: int, story: CaseStory) -> bool:
    if story.author_id == user.pk:
        return False
    return Membership.objects.active().filter(authority_id=authority_id, user=user, role__in=CASEWORK_ROLES).exists()


@transaction.atomic
def approve_story(approver: User, story: CaseStory, *, stripped_text: str, ticked: Iterable[str]) -> CaseStory:
    """A second staff member (coordinator, lawyer or manager) approves, having ticked every flag."""
    if story.status != StoryStatus.DRAFT:
        raise CommunityError(_("הסיפור כבר אושר."))
    if story.author_id == approver.pk:
        raise CommunityError(_("מי שכתב/ה את הסיפור לא יכול/ה לאשר אותו: צריך אישור של איש/אשת צוות אחר/ת."))
    if not may_approve(approver, story.authority_id, story):
        raise CommunityError(_("רק רכז/ת, עו״ד או מנהל/ת המרכז יכולים לאשר סיפור."))
    missing = set(story.flags) - set(ticked)
    if missing:
        raise CommunityError(_("יש לסמן שבדקת כל אחת מהאזהרות לפני האישור."))
    story.stripped_text = stripped_text
    story.flags_checked = sorted(set(story.flags))
    story.status = StoryStatus.APPROVED
    story.approved_by = approver
    story.approved_at = timezone.now()
    story.save(update_fields=["stripped_text", "flags_checked", "status", "approved_by", "approved_at"])
    return story


def attach_story(story: CaseStory, meeting: Initiative | None) -> CaseStory:
    """Shows an approved story at a forum meeting (None takes it off)."""
    if meeting is not None:
        if story.status != StoryStatus.APPROVED:
            raise CommunityError(_("רק סיפור מאושר אפשר להציג בפגישת פורום."))
        if meeting.kind != Kind.FORUM or meeting.authority_id != story.authority_id:
            raise CommunityError(_("אפשר לצרף סיפור רק לפגישת פורום של המרכז."))
    story.meeting = meeting
    story.save(update_fields=["meeting"])
    return story


def include_in_report(story: CaseStory, month: dt.date | None) -> CaseStory:
    """Prints an approved story in the monthly report of `month` (None takes it out)."""
    if month is not None and story.status != StoryStatus.APPROVED:
        raise CommunityError(_("רק סיפור מאושר אפשר לצרף לדוח."))
    story.report_month = month.replace(day=1) if month is not None else None
    story.save(update_fields=["report_month"])
    return story


def stories_for_report(authority_id: int, month: dt.date) -> QuerySet[CaseStory]:
    """The approved stories staff chose for the monthly report of `month`, in the order they were approved."""
    chosen = CaseStory.objects.filter(authority_id=authority_id, status=StoryStatus.APPROVED, report_month=month)
    return chosen.order_by("approved_at", "pk")
