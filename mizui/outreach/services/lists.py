"""Outreach lists: segments of the latest batch run, sorted by the money expected (each right's amount weighed by
how likely it is), paged on their index, exported."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _
from openpyxl import Workbook

import eligibility
from mizui.accounts.models import Authority
from mizui.lib import spreadsheet
from mizui.outreach.models import BatchRun, PopulationMember, ScreenedHousehold, Source, UnclaimedRight
from mizui.outreach.services.fields import FIELDS, IDENTITY

PAGE = 50


@dataclass(frozen=True)
class Segment:
    program: str = ""
    neighbourhood: str = ""
    language: str = ""
    age_group: str = ""
    min_annual: Decimal | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        try:
            floor = Decimal(str(data["min_annual"])) if data.get("min_annual") not in (None, "") else None
        except InvalidOperation:
            floor = None
        return cls(
            program=str(data.get("program") or ""),
            neighbourhood=str(data.get("neighbourhood") or ""),
            language=str(data.get("language") or ""),
            age_group=str(data.get("age_group") or ""),
            min_annual=floor,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["min_annual"] = None if self.min_annual is None else str(self.min_annual)
        return data


def program_names(lang: str = "he") -> dict[str, str]:
    return {p["id"]: str(p["label"]) for p in eligibility.programs(lang)}


def rows(run: BatchRun, segment: Segment) -> QuerySet[Any]:
    """Households (or, filtered by right, that right's rows) in money order, on the matching index."""
    base: QuerySet[Any]
    if segment.program:
        base = UnclaimedRight.objects.for_authority(run.authority).filter(run=run, program=segment.program)
    else:
        base = ScreenedHousehold.objects.for_authority(run.authority).filter(run=run)
    if segment.neighbourhood:
        base = base.filter(neighbourhood=segment.neighbourhood)
    if segment.language:
        base = base.filter(language=segment.language)
    if segment.age_group:
        base = base.filter(age_group=segment.age_group)
    if segment.min_annual is not None:
        base = base.filter(annual__gte=segment.min_annual)
    return base.order_by("-expected", "id")


def summary(run: BatchRun, segment: Segment) -> dict[str, Any]:
    totals = rows(run, segment).aggregate(
        n=Count("id"), annual=Sum("annual"), monthly=Sum("monthly"), expected=Sum("expected")
    )
    return {
        "households": totals["n"],
        "annual": totals["annual"] or 0,
        "monthly": totals["monthly"] or 0,
        "expected": totals["expected"] or 0,
    }


def households_for(run: BatchRun, keys: list[str]) -> dict[str, ScreenedHousehold]:
    found = ScreenedHousehold.objects.for_authority(run.authority).filter(run=run, household_key__in=keys)
    return {h.household_key: h for h in found}


@dataclass(frozen=True)
class ListPage:
    object_list: list[dict[str, Any]]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page(run: BatchRun, segment: Segment, number: int, lang: str) -> ListPage:
    """One page without COUNT(*): the ids from the index first, then those rows (as cases' queues do), each
    household with its candidate rights, how likely each is and the question that would decide it."""
    qs = rows(run, segment)
    start = (number - 1) * PAGE
    fields = ("household_key", "annual", "monthly", "retroactive", "expected")
    slice_ = list(qs.values_list(*fields)[start : start + PAGE + 1])
    keys = [k for k, *_rest in slice_[:PAGE]]
    households = households_for(run, keys)
    names = program_names(lang)
    questions = question_labels(lang)
    rights: dict[str, list[dict[str, Any]]] = {}
    found = UnclaimedRight.objects.for_authority(run.authority).filter(run=run, household_key__in=keys)
    if segment.program:
        found = found.filter(program=segment.program)
    for right in found.order_by("-expected", "id"):
        rights.setdefault(right.household_key, []).append(
            {
                "name": names.get(right.program, right.program),
                "tier": right.tier,
                "tier_label": right.get_tier_display(),
                "probability": right.probability,
                "expected": right.expected,
                "to_verify": questions.get(right.to_verify, right.to_verify),
                "valued": right.valued,
            }
        )
    sources = provenance(run.authority, [households[k].contact_id for k in keys])
    items = []
    for key, annual, monthly, retro, expected in slice_[:PAGE]:
        h = households[key]
        mine = rights.get(key, [])
        items.append(
            {
                "household": h,
                # Eligible, or decided by one question: each on its own line; those with several facts open, as
                # one line of names (possible, not yet worth a call of their own).
                "rights": mine,
                "open": [names.get(p, p) for p in h.open_list()],
                "sources": sources.get(h.contact_id, []),
                "annual": annual,
                "monthly": monthly,
                "retroactive": retro,
                "expected": expected,
            }
        )
    return ListPage(items, number, len(slice_) > PAGE)


def question_labels(lang: str) -> dict[str, str]:
    """Each question id with its short text in the language (what a caller asks)."""
    from eligibility.catalogue import question, questions

    return {qid: question(qid, lang)["label"] for qid in questions()}


def facets(run: BatchRun) -> dict[str, list[str]]:
    base = ScreenedHousehold.objects.for_authority(run.authority).filter(run=run)
    return {
        "neighbourhood": sorted(n for n in base.values_list("neighbourhood", flat=True).distinct() if n),
        "language": sorted(lang for lang in base.values_list("language", flat=True).distinct() if lang),
        "program": sorted(
            UnclaimedRight.objects.for_authority(run.authority)
            .filter(run=run)
            .values_list("program", flat=True)
            .distinct()
        ),
    }


def segment_households(run: BatchRun, segment: Segment) -> Iterator[ScreenedHousehold]:
    """Every household of the segment, richest first (for exports and campaign launches)."""
    keys = list(rows(run, segment).values_list("household_key", flat=True))
    for start in range(0, len(keys), 2000):
        part = keys[start : start + 2000]
        found = households_for(run, part)
        yield from (found[k] for k in part)


def contacts(authority: Authority, member_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Decrypted identity of the given population members (only what letters and calls need)."""
    out = {}
    for start in range(0, len(member_ids), 2000):
        found = PopulationMember.objects.for_authority(authority).filter(pk__in=member_ids[start : start + 2000])
        for pk, data in found.values_list("pk", "data"):
            values = json.loads(data)
            out[pk] = {k: values.get(k, "") for k in ("full_name", "phone", "address", "id_number")}
    return out


def _label(fact: str) -> str:
    field = FIELDS.get(fact)
    return str(field.label) if field else fact


def provenance(authority: Authority, member_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Per population member: the sources their facts come from, each with its data date and the facts it gave
    (no values), most facts first: why a list row says what it says."""
    from mizui.outreach.services.importer import ALL, FROM

    names = dict(Source.objects.for_authority(authority).values_list("pk", "name"))
    out: dict[int, list[dict[str, Any]]] = {}
    found = PopulationMember.objects.for_authority(authority).filter(pk__in=member_ids)
    for pk, data in found.values_list("pk", "data"):
        record = json.loads(data)
        stamps = record.get(FROM, {})
        by_source: dict[tuple[int, str], list[str]] = {}
        for fact in record:
            stamp = stamps.get(fact, stamps.get(ALL))
            if stamp and not fact.startswith("_") and fact not in IDENTITY:
                day, _precedence, source = stamp
                by_source.setdefault((source, day), []).append(fact)
        out[pk] = [
            {"source": names.get(source, "?"), "date": day, "facts": sorted(_label(f) for f in facts)}
            for (source, day), facts in sorted(by_source.items(), key=lambda item: -len(item[1]))
        ]
    return out


def export_table(run: BatchRun, segment: Segment, lang: str) -> tuple[list[str], list[list[Any]]]:
    names = program_names(lang)
    households = list(segment_households(run, segment))
    people = contacts(run.authority, [h.contact_id for h in households])
    header = [
        _("שם"),
        _("טלפון"),
        _("כתובת"),
        _("שכונה"),
        _("שפה"),
        _("זכויות"),
        _("₪ בחודש (הערכה)"),
        _("₪ בשנה (הערכה)"),
        _("₪ רטרואקטיבי בסיכון (הערכה)"),
        _("ודאות"),
    ]
    body = []
    for h in households:
        person = people.get(h.contact_id, {})
        body.append(
            [
                person.get("full_name", ""),
                person.get("phone", ""),
                person.get("address", ""),
                h.neighbourhood,
                h.language,
                "; ".join(names.get(p, p) for p in h.program_list()),
                float(h.monthly),
                float(h.annual),
                float(h.retroactive),
                h.get_confidence_display(),
            ]
        )
    return header, body


def to_csv(header: list[str], body: list[list[Any]]) -> bytes:
    return spreadsheet.csv_bytes([header, *body])


def to_xlsx(header: list[str], body: list[list[Any]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("רשימת פנייה"))
    sheet.sheet_view.rightToLeft = True
    spreadsheet.append(sheet, header)
    for row in body:
        spreadsheet.append(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
