"""Charts as inline SVG rendered on the server: no script, no CDN, readable without JavaScript.

Right-to-left: time runs from right to left (the first month on the right, as a Hebrew reader starts), labels
are anchored for RTL, and numbers are written the Hebrew way (1,234 · ₪1,234 · 45.3%). Words (the legend) are
HTML beside the drawing, never SVG text: the PDF renderer draws SVG text without the bidirectional algorithm, so a
Hebrew or Arabic word there came out letter by letter backwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mizui.lib.money import format_shekels

PALETTE = ("#1f5f8b", "#e0a526", "#5b8c3a", "#a23b72")


def number(value: object, unit: str = "count") -> str:
    """A figure as the dashboard writes it; "—" when there is none."""
    if value is None:
        return "—"
    if unit == "money":
        return format_shekels(value)
    if unit == "percent":
        return f"{Decimal(str(value)):,.1f}%"
    return f"{Decimal(str(value)):,.0f}"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


def bar_chart(
    title: str, labels: Sequence[str], series: Sequence[Series], *, unit: str = "count", width: int = 560
) -> SafeString:
    """Stacked monthly bars, first month on the right; each bar says its figure in a tooltip."""
    height, top, bottom, side = 200, 16, 30, 26  # side: room for half a month's label at each end
    count = max(len(labels), 1)
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    peak = max([*totals, 1.0])
    slot = (width - 2 * side) / count
    bar = max(slot * 0.6, 2)
    plot = height - top - bottom
    legend = "".join(
        f'<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" '
        f'fill="{PALETTE[k % len(PALETTE)]}"/></svg> {escape(s.name)}</li>'
        for k, s in enumerate(series)
    )
    parts = [
        f'<div class="chart-figure"><ul class="chart-legend">{legend}</ul>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart" font-size="11" font-family="inherit">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{side}" y1="{top + plot}" x2="{width - side}" y2="{top + plot}" stroke="#999" stroke-width="1"/>',
    ]
    for i, label in enumerate(labels):
        centre = width - side - slot * (i + 0.5)  # month i from the right
        base = float(top + plot)
        for k, s in enumerate(series):
            h = plot * s.values[i] / peak
            base -= h
            tip = f"{label} · {s.name}: {number(s.values[i], unit)}"
            parts.append(
                f'<rect x="{centre - bar / 2:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[k % len(PALETTE)]}"><title>{escape(tip)}</title></rect>'
            )
        if totals[i]:
            parts.append(
                f'<text x="{centre:.1f}" y="{base - 3:.1f}" text-anchor="middle" direction="ltr">'
                f"{escape(_short(totals[i], unit))}</text>"
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{height - 10}" text-anchor="middle" direction="ltr">{escape(label)}</text>'
        )
    parts.append("</svg></div>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above went through escape())


def _short(value: float, unit: str) -> str:
    """Bar-top labels must fit: ₪1.2M, 12.5K."""
    prefix = "₪" if unit == "money" else ""
    if abs(value) >= 1_000_000:
        return f"{prefix}{value / 1_000_000:,.1f}M"
    if abs(value) >= 10_000:
        return f"{prefix}{value / 1000:,.0f}K"
    return f"{prefix}{value:,.0f}"
