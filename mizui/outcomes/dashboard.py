"""What the dashboard, the monthly PDF and the XLSX show: figures by section, monthly trends and breakdowns."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from mizui.cases.models import DenialReason, InquiryChannel
from mizui.lib.disclosure import K_ANONYMITY
from mizui.outcomes.charts import Series, bar_chart, number
from mizui.outcomes.kpis import KPI, KPIS, SECTION_HELP, SECTIONS
from mizui.outcomes.models import InquiryKind, Measure
from mizui.outcomes.refresh import NO_CHANNEL
from mizui.outcomes.summary import Summary


@dataclass(frozen=True)
class Figure:
    kpi: KPI
    value: Any
    display: str
    withheld: bool = False  # a share over fewer than K_ANONYMITY households: `display` says so in words


def figure(kpi: KPI, summary: Summary) -> Figure:
    value = kpi.value(summary)
    if value is None and kpi.basis is not None and kpi.basis(summary):
        return Figure(kpi, value, _("פחות מ-%(k)s משקי בית") % {"k": K_ANONYMITY}, withheld=True)
    return Figure(kpi, value, number(value, kpi.unit))


def figures(summary: Summary) -> list[tuple[Any, list[Figure]]]:
    by_section: dict[str, list[Figure]] = {}
    for kpi in KPIS:
        by_section.setdefault(kpi.section, []).append(figure(kpi, summary))
    return [(SECTIONS[key], items) for key, items in by_section.items()]


def sections(summary: Summary) -> list[tuple[Any, list[Figure], Any]]:
    """The figures by section with what each section says under it (kpis.SECTION_HELP), as the dashboard and the
    monthly report show them."""
    return [(title, items, SECTION_HELP.get(items[0].kpi.section)) for title, items in figures(summary)]


def month_label(month: Any) -> str:
    return f"{month:%m/%y}"


def _annual(bucket: Any) -> float:
    return float(bucket.monthly * 12 + bucket.one_off + bucket.retroactive + bucket.waived)


def trends(summary: Summary) -> list[tuple[str, SafeString]]:
    months = summary.filters.months
    labels = [month_label(m) for m in months]
    kinds = [(InquiryKind.NEW, _("חדשים")), (InquiryKind.RETURNING, _("חוזרים")), (InquiryKind.REPEAT, _("תוך 90 יום"))]
    inquiries = [Series(name, [summary.inquiry_count(kind=k, month=m) for m in months]) for k, name in kinds]

    def ledger(measure: str, outcome: str | None = None, basis: str | None = None) -> list[Any]:
        out = []
        for m in months:
            total = Decimal(0)
            rights = 0
            for (month, meas, out_, b), bucket in summary.ledger_by_month.items():
                wanted = outcome is None or out_ == outcome
                if month == m and meas == measure and wanted and (basis is None or b == basis):
                    rights += bucket.rights
                    total += Decimal(_annual(bucket))
            out.append((rights, float(total)))
        return out

    approved = ledger(Measure.DECIDED, "approved")
    denied = [r for r, _m in ledger(Measure.DECIDED)]
    confirmed = [money for _r, money in ledger(Measure.DECIDED, "approved", "confirmed")]
    estimated = [money for _r, money in ledger(Measure.DECIDED, "approved", "estimated")]
    referrals = [summary.referral_count(month=m) for m in months]
    decisions = [
        Series(_("אושרו"), [r for r, _m in approved]),
        Series(_("נדחו"), [d - a[0] for d, a in zip(denied, approved, strict=True)]),
    ]
    charts = [
        (_("פניות לפי חודש"), inquiries, "count"),
        (_("החלטות לפי חודש"), decisions, "count"),
        (
            _("₪ שמומש לפי חודש (חודשי × 12, חד-פעמי, רטרואקטיבי, מחילות)"),
            [Series(_("מאושר"), confirmed), Series(_("הערכה"), estimated)],
            "money",
        ),
        (_("הפניות שנשלחו לפי חודש"), [Series(_("הפניות"), referrals)], "count"),
    ]
    return [(title, bar_chart(title, labels, series, unit=unit)) for title, series, unit in charts]


def denial_reasons(summary: Summary) -> list[tuple[str, int]]:
    rows = []
    for reason, label in DenialReason.choices:
        count = sum(
            b.rights for (m, o, _b), b in summary.ledger.items() if m == Measure.DECIDED and o == f"denied:{reason}"
        )
        if count:
            rows.append((str(label), count))
    return rows


def channels(summary: Summary) -> list[tuple[str, int]]:
    names = {**dict(InquiryChannel.choices), NO_CHANNEL: _("ללא פנייה")}
    rows = []
    for channel, label in names.items():
        count = sum(n for (_m, ch, _s, _k), n in summary.inquiries.items() if ch == channel)
        if count:
            rows.append((str(label), count))
    return rows


def money_table(summary: Summary) -> list[list[Any]]:
    """₪ realized: rows confirmed / estimated: label, rights, monthly × 12, one-off, retroactive, waived, total."""
    rows: list[list[Any]] = []
    for basis, label in (("confirmed", _("מאושר")), ("estimated", _("הערכה"))):
        b = summary.ledger_sum(Measure.DECIDED, outcome="approved", basis=basis)
        values = [b.monthly * 12, b.one_off, b.retroactive, b.waived]
        rows.append([str(label), b.rights, *values, sum(values, Decimal(0))])
    return rows
