"""PDFs read back: the words of a report and of a resident's summary come out in reading order (WeasyPrint draws SVG
text without the bidirectional algorithm, so a Hebrew word drawn there read backwards)."""

from __future__ import annotations

from io import BytesIO

from django.core.cache import cache
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from pypdf import PdfReader

from mizui.outcomes.charts import Series, bar_chart
from mizui.test import make_authority


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


class ChartTextTests(SimpleTestCase):
    def test_a_charts_legend_reads_in_order_in_the_pdf(self) -> None:
        from weasyprint import HTML

        months = ["2026-01", "2026-02", "2026-03"]
        chart = bar_chart("זכויות", months, [Series("קצבאות", [1, 2, 3]), Series("הנחות בארנונה", [3, 2, 1])])
        text = _text(HTML(string=f'<html lang="he" dir="rtl"><body>{chart}</body></html>').write_pdf())
        for words in ("קצבאות", "הנחות בארנונה", *months):
            self.assertIn(words, text)
        self.assertNotIn("תואבצק", text)  # the legend drawn backwards


class SummaryTextTests(TestCase):
    def test_the_residents_printable_summary_reads_in_order(self) -> None:
        cache.clear()
        make_authority("ashdod-pdf", "אשדוד", 70)
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-pdf"})
        self.client.post(
            reverse("screening:step", args=["household"]),
            {"birth_date": "1954-03-01", "sex": "female", "marital_status": "widowed", "has_partner": "no",
             "children_count": "0"},
        )  # fmt: skip
        response = self.client.get(reverse("screening:summary-pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = _text(response.content)
        # Runs of one direction (the extractor orders runs of mixed lines its own way).
        for words in ("הזכויות שכנראה מגיעות לי", "קצבת אזרח ותיק"):
            self.assertIn(words, text)
