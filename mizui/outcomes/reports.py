"""The monthly report for the municipality and funders: a Hebrew RTL PDF (WeasyPrint) and an XLSX workbook.

Aggregates only, from the same summary as the dashboard: no resident, case or staff name appears in either. The PDF
may also print case stories staff chose for its month (community: approved by a second person, their stripped text
only), the way a forum meeting shows them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from mizui.accounts.models import Authority
from mizui.community.models import CaseStory
from mizui.lib import spreadsheet
from mizui.outcomes import dashboard
from mizui.outcomes.summary import Summary


def context(
    authority: Authority, summary: Summary, trend: Summary | None = None, stories: Sequence[CaseStory] = ()
) -> dict[str, Any]:
    return {
        "stories": [story.stripped_text for story in stories],
        "charts": dashboard.trends(trend) if trend is not None else [],
        "authority": authority,
        "summary": summary,
        "month": summary.filters.start,
        "sections": dashboard.sections(summary),
        "money": dashboard.money_table(summary),
        "denials": dashboard.denial_reasons(summary),
        "channels": dashboard.channels(summary),
        "generated": timezone.localtime(),
    }


def pdf(
    authority: Authority,
    summary: Summary,
    base_url: str,
    trend: Summary | None = None,
    stories: Sequence[CaseStory] = (),
) -> bytes | None:
    """The PDF (with the twelve months up to the report's month as charts, given `trend`, and the approved stories
    chosen for it), or None where WeasyPrint's system libraries (Pango) are missing."""
    html = render_to_string("outcomes/report_pdf.html", context(authority, summary, trend, stories))
    try:
        from weasyprint import HTML
    except OSError:
        return None
    return bytes(HTML(string=html, base_url=base_url).write_pdf())


def xlsx(authority: Authority, summary: Summary) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("מדדים")
    sheet.sheet_view.rightToLeft = True
    spreadsheet.append(sheet, [_("דוח חודשי"), authority.name_he, f"{summary.filters.start:%Y-%m}"])
    spreadsheet.append(sheet, [])
    spreadsheet.append(sheet, [_("פרק"), _("מדד"), _("ערך"), _("מזהה")])
    for section, items in dashboard.figures(summary):
        for figure in items:
            value = figure.value
            spreadsheet.append(
                sheet, [str(section), str(figure.kpi.label), float(value) if value is not None else None, figure.kpi.id]
            )
    money = book.create_sheet(_("כסף"))
    money.sheet_view.rightToLeft = True
    spreadsheet.append(
        money, [_("בסיס"), _("זכויות"), _("חודשי × 12"), _("חד-פעמי"), _("רטרואקטיבי"), _("מחילות"), _("סה״כ")]
    )
    for label, rights, *amounts in dashboard.money_table(summary):
        spreadsheet.append(money, [label, rights, *(float(a) for a in amounts)])
    denials = book.create_sheet(_("סיבות דחייה"))
    denials.sheet_view.rightToLeft = True
    spreadsheet.append(denials, [_("סיבה"), _("בקשות")])
    for label, count in dashboard.denial_reasons(summary):
        spreadsheet.append(denials, [label, count])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
