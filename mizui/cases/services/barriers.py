"""Barriers: record and resolve them on a case, and count them for the forum with no personal data.

The report reads only agency, right, type and dates: never a description, a name or a case id, so its page
and its CSV/XLSX exports can leave the center (the municipal forum, the national round table). Its publication
version (`Scope.publish`) also applies the national k ≥ 10 rule with complementary suppression
(mizui/lib/disclosure.py): a small count is shown as "—", and so are enough others that it cannot be recomputed
from the totals.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

import eligibility
from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority, User
from mizui.cases.models import Barrier, BarrierKind, Case, Entitlement, EventKind
from mizui.cases.services.casework import CaseworkError, log_event
from mizui.directory.models import Organization
from mizui.lib import spreadsheet
from mizui.lib.disclosure import suppress

OTHER_AGENCY = "other"  # an office that is neither in the rules catalogue nor in the directory
OPEN, RESOLVED = "open", "resolved"

# Directory organizations (HSDS keys) → the catalogue agency ids (eligibility/programs.yaml) their barriers are
# counted under, so the report and the round table keep one national coding.
AGENCY_OF_ORGANIZATION = {
    "nii": "nii",
    "moch": "housing",
    "amidar": "housing",
    "amigur": "housing",
    "enforcement": "enforcement",
    "legal-aid": "justice",
    "aliyah": "aliyah",
    "clalit": "health_fund",
    "maccabi": "health_fund",
    "meuhedet": "health_fund",
    "leumit": "health_fund",
    "tax": "tax",
    "iec": "iec",
    "transport": "transport",
    "local-water": "water",
    "municipal-arnona": "municipality",
}
# A catalogue agency that is exactly one organization: choosing it names that organization too (and the data
# migration cases/0013 linked existing barriers the same way). Housing, health funds, the municipality are several.
ORGANIZATION_OF_AGENCY = {
    "nii": "nii",
    "enforcement": "enforcement",
    "aliyah": "aliyah",
    "tax": "tax",
    "iec": "iec",
    "transport": "transport",
    "water": "local-water",
    "justice": "legal-aid",
}


class BarrierError(CaseworkError):
    """The barrier was not saved or resolved; the message says why, for the user."""


@cache
def agencies(lang: str) -> dict[str, str]:
    """Agency id → name, in catalogue order, plus "other"."""
    names = {p["agency"]: p["agency_name"] for p in eligibility.programs(lang)}
    return {**names, OTHER_AGENCY: _("גורם אחר")}


def agency_choices(lang: str) -> list[tuple[str, str]]:
    """What a barrier may name as its agency: the catalogue's agencies, then every other directory organization
    (Amigur, probation, Shil, the welfare department …), then "other"."""
    names = agencies(lang)
    covered = set(names) | set(ORGANIZATION_OF_AGENCY.values())
    others = [(o.key, str(o.name(lang))) for o in Organization.objects.exclude(key__in=covered).order_by("name_he")]
    return [*((k, v) for k, v in names.items() if k != OTHER_AGENCY), *others, (OTHER_AGENCY, names[OTHER_AGENCY])]


def agency_labels(lang: str) -> dict[str, str]:
    """Agency code → name for reports: the catalogue's, and the directory's for organizations outside it."""
    return {**dict(agency_choices(lang)), **agencies(lang)}


def organization_for(agency: str) -> Organization | None:
    """The directory organization an agency choice names, if it names exactly one."""
    return Organization.objects.filter(key=ORGANIZATION_OF_AGENCY.get(agency, agency)).first()


@cache
def rights(lang: str) -> dict[str, tuple[str, str]]:
    """Program id → (label, agency id), in catalogue order."""
    return {p["id"]: (p["label"], p["agency"]) for p in eligibility.programs(lang)}


def record_barrier(
    actor: User,
    case: Case,
    *,
    kind: str,
    occurred_on: dt.date,
    agency: str = "",
    program: str = "",
    entitlement: Entitlement | None = None,
    description: str = "",
) -> Barrier:
    """A ledger row names the right; the agency defaults to the right's own but may differ (where it happened)."""
    if entitlement is not None:
        if entitlement.case_id != case.pk:
            raise BarrierError(_("הזכות שנבחרה אינה שייכת לתיק הזה."))
        program, agency = entitlement.program, agency or entitlement.agency
    if program:
        if program not in rights("he"):
            raise BarrierError(_("הזכות שנבחרה אינה מוכרת."))
        agency = agency or rights("he")[program][1]
    organization = organization_for(agency) if agency and agency != OTHER_AGENCY else None
    if agency not in agencies("he") and organization is None:
        raise BarrierError(_("נא לבחור את הגורם שבו נתקלתם בחסם."))
    if organization is not None:
        agency = AGENCY_OF_ORGANIZATION.get(organization.key, agency)
    if kind not in BarrierKind.values:
        raise BarrierError(_("נא לבחור את סוג החסם."))
    if occurred_on > timezone.localdate():
        raise BarrierError(_("תאריך החסם לא יכול להיות בעתיד."))
    with transaction.atomic():
        barrier = Barrier.objects.create(
            authority=case.authority,
            case=case,
            entitlement=entitlement,
            agency=agency,
            organization=organization,
            program=program,
            kind=kind,
            description=description.strip(),
            occurred_on=occurred_on,
            recorded_by=actor,
        )
        log_event(actor, case, EventKind.BARRIER, str(BarrierKind(kind).label))
        record(
            actor=actor,
            authority=case.authority,
            action=AccessAction.CREATE,
            object_type="barrier",
            object_id=barrier.pk,
        )
    return barrier


def resolve_barrier(actor: User, barrier: Barrier, *, resolved_on: dt.date, resolution: str = "") -> Barrier:
    if barrier.is_resolved:
        raise BarrierError(_("החסם כבר סומן כפתור."))
    if resolved_on < barrier.occurred_on:
        raise BarrierError(_("תאריך הפתרון מוקדם מתאריך החסם."))
    if resolved_on > timezone.localdate():
        raise BarrierError(_("תאריך הפתרון לא יכול להיות בעתיד."))
    barrier.resolved_on = resolved_on
    barrier.resolution = resolution.strip()
    barrier.resolved_by = actor
    with transaction.atomic():
        barrier.save(update_fields=["resolved_on", "resolution", "resolved_by"])
        log_event(actor, barrier.case, EventKind.BARRIER, _("החסם נפתר"))
        record(
            actor=actor,
            authority=barrier.authority,
            action=AccessAction.UPDATE,
            object_type="barrier",
            object_id=barrier.pk,
        )
    return barrier


# --- The report -------------------------------------------------------------------------------------------

Cell = str | int | float | None


@dataclass(frozen=True)
class Scope:
    start: dt.date | None = None
    end: dt.date | None = None
    agency: str = ""
    status: str = ""  # "", OPEN or RESOLVED
    publish: bool = False  # the publication version: every shown count ≥ 10, small ones not recoverable


@dataclass(frozen=True)
class Table:
    title: str
    sheet: str  # an XLSX sheet name: at most 31 characters, none of []:*?/\
    header: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Report:
    total: int | None  # None: hidden in the publication version
    open: int | None
    resolved: int | None
    median_days: float | None
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class _Fact:
    agency: str
    program: str
    kind: str
    days: int | None  # to resolution; None while open


def _facts(authority: Authority, scope: Scope) -> list[_Fact]:
    rows = Barrier.objects.for_authority(authority)
    if scope.start:
        rows = rows.filter(occurred_on__gte=scope.start)
    if scope.end:
        rows = rows.filter(occurred_on__lte=scope.end)
    if scope.agency:
        rows = rows.filter(agency=scope.agency)
    if scope.status:
        rows = rows.filter(resolved_on__isnull=scope.status == OPEN)
    # One query, four coded columns: the description and the case never leave the database here.
    return [
        _Fact(agency, program, kind, (resolved - occurred).days if resolved else None)
        for agency, program, kind, occurred, resolved in rows.values_list(
            "agency", "program", "kind", "occurred_on", "resolved_on"
        )
    ]


def _median(days: Iterable[int | None]) -> float | None:
    known = [d for d in days if d is not None]
    if not known:
        return None
    median = round(float(statistics.median(known)), 1)
    return int(median) if median.is_integer() else median  # "7", not "7.0", in the exports


def _stats(facts: Sequence[_Fact]) -> list[Cell]:
    resolved = sum(f.days is not None for f in facts)
    return [len(facts), len(facts) - resolved, resolved, _median(f.days for f in facts)]


def _stats_header() -> list[str]:
    return [_("סה״כ"), _("פתוחים"), _("נפתרו"), _("חציון ימים עד פתרון")]


def _by_agency(facts: list[_Fact], lang: str) -> Table:
    groups: dict[str, list[_Fact]] = defaultdict(list)
    for fact in facts:
        groups[fact.agency].append(fact)
    names = agency_labels(lang)
    order = [a for a in names if a in groups] + sorted(set(groups) - set(names))
    rows: list[list[Cell]] = []
    for agency in [*order, None]:
        group = groups[agency] if agency is not None else facts
        counts = [sum(f.kind == kind for f in group) for kind in BarrierKind.values]
        rows.append([names.get(agency, agency) if agency is not None else _("סה״כ"), *counts, *_stats(group)])
    header = [_("גורם"), *(str(label) for label in BarrierKind.labels), *_stats_header()]
    return Table(_("חסמים לפי גורם וסוג"), _("לפי גורם וסוג"), header, rows)


def _by_right(facts: list[_Fact], lang: str) -> Table:
    groups: dict[tuple[str, str], list[_Fact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.program, fact.agency)].append(fact)
    labels, names = rights(lang), agency_labels(lang)
    position = {program: i for i, program in enumerate(labels)}
    rows: list[list[Cell]] = []
    for program, agency in sorted(groups, key=lambda k: (k[0] == "", position.get(k[0], len(position)), k)):
        label = labels[program][0] if program in labels else program or _("ללא זכות מסוימת")
        rows.append([label, names.get(agency, agency), *_stats(groups[(program, agency)])])
    return Table(_("חסמים לפי זכות"), _("לפי זכות"), [_("זכות"), _("גורם"), *_stats_header()], rows)


def barrier_report(authority: Authority, scope: Scope, lang: str) -> Report:
    """Counts by agency × type and by right, open and resolved, and the median days to resolution."""
    facts = _facts(authority, scope)
    if scope.publish:
        return _published(facts, lang)
    resolved = sum(f.days is not None for f in facts)
    tables = [_by_agency(facts, lang), _by_right(facts, lang)]
    return Report(len(facts), len(facts) - resolved, resolved, _median(f.days for f in facts), tables)


def _published(facts: list[_Fact], lang: str) -> Report:
    """The publication version. Each table is suppressed with its totals; both share only the grand total,
    which `suppress` never hides to protect another cell, so the two tables cannot be played off each other.
    A median is shown only where the count behind it is shown."""
    agency_table, right_table = _by_agency(facts, lang), _by_right(facts, lang)
    kinds = len(BarrierKind.values)
    # By agency: agency × type, its total per agency, per type and overall (the open/resolved split is dropped
    # here: it lives in the table by right, and two splits of one row would be linked tables).
    body = agency_table.rows[:-1]
    counts = [[int(c or 0) for c in row[1 : 1 + kinds]] for row in body] or [[0] * kinds]
    shown = suppress(counts).apply(counts)
    rows: list[list[Cell]] = [
        [row[0], *_ints(cells), *_ints([total])]
        for row, cells, total in zip(body, shown.cells, shown.rows, strict=False)
    ]
    rows.append([_("סה״כ"), *_ints(shown.cols), *_ints([shown.total])])
    header = [*agency_table.header[: 1 + kinds], _("סה״כ")]
    by_agency = Table(agency_table.title, agency_table.sheet, header, rows if body else [])
    # By right: (right, agency) × open/resolved, with the total per right and overall.
    pairs = [[int(row[3] or 0), int(row[4] or 0)] for row in right_table.rows] or [[0, 0]]
    split = suppress(pairs).apply(pairs)
    by_right_rows: list[list[Cell]] = []
    for row, cells, total in zip(right_table.rows, split.cells, split.rows, strict=False):
        by_right_rows.append([row[0], row[1], *_ints([total, *cells]), row[5] if total is not None else None])
    by_right = Table(right_table.title, right_table.sheet, right_table.header, by_right_rows)
    total, open_, resolved = _ints([split.total, *split.cols])
    median = _median(f.days for f in facts) if total is not None else None
    return Report(total, open_, resolved, median, [by_agency, by_right])


def _ints(values: Iterable[object]) -> list[int | None]:
    return [None if v is None else int(str(v)) for v in values]


def scope_lines(authority: Authority, scope: Scope, lang: str) -> list[list[Cell]]:
    """What the export covers, as its first rows: the authority, the period, the filters."""
    status = {OPEN: _("פתוחים"), RESOLVED: _("נפתרו")}.get(scope.status, _("הכול"))
    lines: list[list[Cell]] = [
        [_("דוח חסמים"), authority.name_he],
        [_("מתאריך"), scope.start.isoformat() if scope.start else "—"],
        [_("עד תאריך"), scope.end.isoformat() if scope.end else "—"],
        [_("גורם"), agency_labels(lang).get(scope.agency, _("כל הגורמים"))],
        [_("מצב"), status],
    ]
    if scope.publish:
        lines.append([_("גרסה לפרסום"), _("כל מספר מוצג סופר לפחות 10; תאים קטנים ומשלימים מוסתרים (—)")])
    return lines


def to_csv(report: Report, heading: list[list[Cell]]) -> bytes:
    rows: list[Sequence[Cell]] = list(heading)
    for table in report.tables:
        rows += [[], [table.title], table.header, *table.rows]
    return spreadsheet.csv_bytes(rows)


def to_xlsx(report: Report, heading: list[list[Cell]]) -> bytes:
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = _("על הדוח")
    about.sheet_view.rightToLeft = True
    for line in heading:
        spreadsheet.append(about, line)
    for table in report.tables:
        sheet = book.create_sheet(table.sheet)
        sheet.sheet_view.rightToLeft = True
        spreadsheet.append(sheet, table.header)
        for row in table.rows:
            spreadsheet.append(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
