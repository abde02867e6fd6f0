"""Turn a result (contract v1) into what the results page shows. Templates only display these values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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
        note = _("ייתכן שהסכומים עודכנו מאז; כדאי לוודא מול הגוף הנותן.")
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
        gateways=[g["text"] for g in p.get("gateways", []) if g.get("text")],
        # Each law cited once per right, not once per condition: the page stays light on a phone.
        references=[
            {**ref, "href": _iri(ref["href"])}
            for ref in {c["reference"]["href"]: c["reference"] for c in conditions if c.get("reference")}.values()
        ],
    )


def with_places(groups: dict[str, list[Card]], places: dict[str, list[dict[str, Any]]]) -> dict[str, list[Card]]:
    """Each right a resident may claim gets the office to go to (at most two services)."""
    for status in ("eligible", "maybe"):
        for card in groups[status]:
            card.places = places.get(card.id, [])[:2]
    return groups


def group(result: dict[str, Any]) -> dict[str, list[Card]]:
    """Cards in the order the resident should read them: money first (the rules sort by money)."""
    groups: dict[str, list[Card]] = {"eligible": [], "maybe": [], "already_receiving": [], "not_eligible": []}
    for p in result["programs"]:
        groups[p["status"]].append(card(p))
    return groups
