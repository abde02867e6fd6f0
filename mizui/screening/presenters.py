"""Turn a result (contract v1) into what the results page shows. Templates only display these values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eligibility.catalogue import catalogue
from eligibility.i18n import duration
from mizui.lib.money import format_shekels


@dataclass
class Card:
    id: str
    name: str
    agency: str
    status: str
    status_label: str
    amount_text: str
    value_note: str
    met: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    unknown: list[dict[str, Any]] = field(default_factory=list)
    decide: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    how_to_apply: str = ""
    explanation: str = ""
    kolzchut: str = ""
    delay_text: str = ""
    confidence_note: str = ""
    gateways: list[str] = field(default_factory=list)
    references: list[dict[str, str]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)  # where to apply, from the directory
    monthly_min: float = 0.0
    monthly_max: float = 0.0
    one_off: float = 0.0
    discount: float = 0.0
    retroactive_months: int | None = None
    question: dict[str, str] | None = None  # the one question that decides a "maybe" (the first it names)
    one_of: str | None = None  # only one right of this group is granted, the highest
    also: list[str] = field(default_factory=list)  # rights of its group this one is granted instead of
    figures_from: int | None = None  # the year of the oldest figure behind the amount, when it is not this year's


def shekels(amount: float) -> str:
    return format_shekels(amount)


def _status_label(status: str) -> str:
    return {
        "eligible": _("כנראה מגיע לכם"),
        "maybe": _("ייתכן שמגיע לכם"),
        "already_receiving": _("כבר מקבלים"),
        "not_eligible": _("כנראה לא מגיע לכם"),
    }[status]


def _amount_text(p: dict[str, Any]) -> str:
    parts = []
    if p.get("monthly_amount"):
        parts.append(_("%(amount)s לחודש") % {"amount": shekels(p["monthly_amount"])})
    if p.get("one_off_amount"):
        parts.append(_("%(amount)s חד-פעמי") % {"amount": shekels(p["one_off_amount"])})
    if p.get("discount_percent"):
        parts.append(_("%(percent)s%% הנחה") % {"percent": number_format(p["discount_percent"], decimal_pos=0)})
    return " · ".join(parts)


def _delay_text(p: dict[str, Any]) -> str:
    """The retroactivity clock: beyond the cap, each month of delay is money lost for good."""
    months, monthly = p.get("retroactive_months"), p.get("monthly_amount")
    if p["status"] not in {"eligible", "maybe"} or not monthly or months is None:
        return ""
    return _("אפשר לקבל רטרואקטיבית עד %(span)s אחורה. כל חודש של המתנה מעבר לזה = %(amount)s שלא יחזרו.") % {
        "span": duration(int(months), get_language() or "he"),
        "amount": shekels(monthly),
    }


_NON_ASCII_ESCAPES = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def _iri(href: str) -> str:
    """A link with its percent-escaped Hebrew written as text (an IRI): %D7%A7 is 6 bytes, ק is 2; browsers
    send the same URL. ASCII escapes (%20, %2F) stay as they are."""

    def text(match: re.Match[str]) -> str:
        try:
            return unquote(match.group(), errors="strict")
        except UnicodeDecodeError:  # not UTF-8 after all: leave the escapes
            return match.group()

    return _NON_ASCII_ESCAPES.sub(text, href)


def card(p: dict[str, Any]) -> Card:
    conditions = p.get("conditions", [])
    note = ""
    if p.get("confidence") == "secondary":
        note = _("הסכומים מבוססים על מקור משני; כדאי לוודא מול הגוף הנותן.")
    elif p.get("confidence") == "stale" and p.get("figures_from"):
        note = _("חלק מהנתונים שהסכום מחושב מהם הם משנת %(year)s; ייתכן שעודכנו מאז, כדאי לוודא מול הגוף הנותן.") % {
            "year": p["figures_from"]
        }
    elif p.get("confidence") == "stale":
        # The amount's own figures are this year's: what is older decides who is entitled (an income test).
        note = _("חלק מהנתונים שלפיהם נבדקת הזכאות הם משנים קודמות; ייתכן שעודכנו, כדאי לוודא מול הגוף הנותן.")
    return Card(
        id=p["id"],
        name=p.get("name", p["id"]),
        agency=p.get("agency_name", p.get("agency", "")),
        status=p["status"],
        status_label=_status_label(p["status"]),
        amount_text=_amount_text(p),
        value_note=p.get("value_note") or "",
        met=[c for c in conditions if c["met"] is True],
        failed=[c for c in conditions if c["met"] is False],
        unknown=[c for c in conditions if c["met"] is None],
        decide=[m["label"] for m in p.get("missing", [])],
        documents=list(p.get("documents") or []),
        how_to_apply=p.get("how_to_apply") or "",
        explanation=p.get("explanation") or "",
        kolzchut=_iri(p.get("kolzchut") or ""),
        delay_text=_delay_text(p),
        confidence_note=note,
        # A right this one opens, or comes with, that the household cannot have (the child allowance's top-up for a
        # pensioner without children) is no news to them: only the others are said.
        gateways=[g["text"] for g in p.get("gateways", []) if g.get("text") and g.get("status") != "not_eligible"],
        # Each law cited once per right, not once per condition: the page stays light on a phone.
        references=[
            {**ref, "href": _iri(ref["href"])}
            for ref in {c["reference"]["href"]: c["reference"] for c in conditions if c.get("reference")}.values()
        ],
        monthly_min=float(p.get("monthly_amount_min") or p.get("monthly_amount") or 0),
        monthly_max=float(p.get("monthly_amount_max") or p.get("monthly_amount") or 0),
        one_off=float(p.get("one_off_amount") or 0),
        discount=float(p.get("discount_percent") or 0),
        retroactive_months=p.get("retroactive_months"),
        question=next(iter(p.get("missing") or []), None),
        one_of=catalogue().get(p["id"], {}).get("one_of"),
        figures_from=p.get("figures_from") if p.get("confidence") == "stale" else None,
    )


def with_places(groups: dict[str, list[Card]], places: dict[str, list[dict[str, Any]]]) -> dict[str, list[Card]]:
    """Each right a resident may claim gets the office to go to (at most two services)."""
    for status in ("eligible", "maybe"):
        for card in groups[status]:
            card.places = places.get(card.id, [])[:2]
    return groups


def group(result: dict[str, Any]) -> dict[str, list[Card]]:
    """Cards in the order the resident should read them: money first (the rules sort by money). Of rights only
    one of which is granted (the arnona discounts), the highest likely one stands for the others: they are named
    under it, and a "maybe" of the group that could not beat it is not shown apart."""
    groups: dict[str, list[Card]] = {"eligible": [], "maybe": [], "already_receiving": [], "not_eligible": []}
    for p in result["programs"]:
        groups[p["status"]].append(card(p))
    best: dict[str, Card] = {}
    for each in sorted(groups["eligible"], key=lambda c: -c.discount):
        if each.one_of and each.one_of in best:
            best[each.one_of].also.append(each.name)
        elif each.one_of:
            best[each.one_of] = each
    groups["eligible"] = [c for c in groups["eligible"] if not c.one_of or best[c.one_of] is c]
    for each in list(groups["maybe"]):
        top = best.get(each.one_of or "")
        if top is not None and (not each.discount or each.discount <= top.discount):
            groups["maybe"].remove(each)
    return groups


@dataclass
class Total:
    """What the likely rights add up to, counted once: money a month (a range where an amount is still open), a
    year, one-off grants, and the discounts beside them; and what the "maybe" rights could add."""

    monthly_min: float
    monthly_max: float
    one_off: float
    discounts: list[Card]
    maybe_monthly: float
    maybe_count: int

    @property
    def yearly_min(self) -> float:
        return self.monthly_min * 12

    @property
    def yearly_max(self) -> float:
        return self.monthly_max * 12


def total(groups: dict[str, list[Card]]) -> Total:
    likely = groups["eligible"]
    return Total(
        monthly_min=sum(c.monthly_min for c in likely),
        monthly_max=sum(c.monthly_max for c in likely),
        one_off=sum(c.one_off for c in likely),
        discounts=[c for c in likely if c.discount],
        maybe_monthly=sum(c.monthly_max for c in groups["maybe"]),
        maybe_count=len(groups["maybe"]),
    )


def first_steps(groups: dict[str, list[Card]], count: int = 3) -> list[Card]:
    """The things to do now: the likely rights worth most (money a month, then grants, then discounts), those
    whose back pay runs out first ahead of equal ones."""
    ranked = sorted(
        groups["eligible"],
        key=lambda c: (-c.monthly_max, -c.one_off, -c.discount, c.retroactive_months or 999),
    )
    return ranked[:count]


@dataclass
class Question:
    """One open question and the "maybe" rights it decides; ``step`` is the screener step that asks it, None for
    a fact only an agency decides."""

    id: str
    label: str
    step: str | None
    cards: list[Card]
    form: Any = None  # the question asked alone, answerable on the results page (set by the view)


def by_question(cards: list[Card], steps: dict[str, str]) -> list[Question]:
    """ "Maybe" rights grouped under the one question that decides each, the question deciding most money first."""
    out: dict[str, Question] = {}
    for each in cards:
        asked = each.question or {"id": "", "label": ""}
        entry = out.setdefault(asked["id"], Question(asked["id"], asked["label"], steps.get(asked["id"]), []))
        entry.cards.append(each)
    return sorted(out.values(), key=lambda q: (q.id == "", -sum(c.monthly_max for c in q.cards), -len(q.cards)))
