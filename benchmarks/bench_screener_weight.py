"""Page weight of every public screener screen: HTML plus the CSS and JS it loads, raw and gzipped.

Run: .venv/bin/python benchmarks/bench_screener_weight.py
Aim (issue 4): under 100 KB per screen, nothing from a CDN.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mizui.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SQLITE_PATH", ":memory:")


def main() -> None:
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from mizui.accounts.models import Authority

    Authority.objects.create(slug="ashdod", name_he="אשדוד", name_en="Ashdod", cbs_code=70)
    # A phone's browser asks for gzip; the results page answers with it (gzip_page), the small steps plainly.
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    answers = {
        "household": {
            "birth_date": "1985-03-01",
            "has_partner": "no",
            "children_count": "2",
            "marital_status": "divorced",
        },
        "children": {"child_1": "2015-03-01", "child_2": "2019-06-01"},
        "work": {"employment": "employed", "months_worked_last_18": "12"},
        "health": {"has_disability": "no"},
        "background": {"new_immigrant": "no"},
        "income": {"income_kinds": ["income_work"], "income_work": "4200"},
        "home": {"tenure": "renter", "rent_monthly": "3500", "arnona_area_sqm": "70"},
        "benefits": {},
        "check": {},
    }

    def page(name: str, url: str) -> tuple[str, bytes, int]:
        """The screen's HTML and the bytes the server actually sent for it."""
        response = client.get(url)
        sent = len(response.content)
        if response.get("Content-Encoding") == "gzip":
            return name, gzip.decompress(response.content), sent
        return name, response.content, sent

    screens = [page("start", "/")]
    response = client.post("/", {"language": "he", "authority": "ashdod"})
    while "/results/" not in response.get("Location", "/results/"):
        url = response["Location"]
        screens.append(page(url.strip("/").split("/")[-1], url))
        response = client.post(url, answers[url.strip("/").split("/")[-1]])
        assert response.status_code == 302, f"{url} did not accept its answers"
    screens.append(page("results", "/screener/results/"))

    print(f"{'screen':<12}{'HTML':>10}{'+assets':>10}{'total':>10}{'gzipped':>10}{'sent':>10}  external")
    worst = worst_sent = 0
    for name, html, sent_html in screens:
        text = html.decode()
        assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', text)
        external = re.findall(r'(?:src|href)="(https?://[^"]+\.(?:js|css))"', text)
        blobs = [Path(str(finders.find(a.removeprefix("/static/")))).read_bytes() for a in assets]
        total = len(html) + sum(len(b) for b in blobs)
        zipped = len(gzip.compress(html)) + sum(len(gzip.compress(b)) for b in blobs)
        worst = max(worst, total)
        # Sent: the HTML as the server answered a browser that accepts gzip (the results page is gzip_page'd),
        # plus CSS and JS gzipped as WhiteNoise serves them (production storage compresses them at collectstatic).
        sent = sent_html + sum(len(gzip.compress(b)) for b in blobs)
        worst_sent = max(worst_sent, sent)
        print(
            f"{name:<12}{len(html) / 1024:>9.1f}K{sum(map(len, blobs)) / 1024:>9.1f}K{total / 1024:>9.1f}K"
            f"{zipped / 1024:>9.1f}K{sent / 1024:>9.1f}K  {len(external)}"
        )
    print(f"heaviest screen as downloaded on a first visit, nothing cached: {worst_sent / 1024:.1f} KB")
    print(f"heaviest screen: {worst / 1024:.1f} KB uncompressed")
    # Every screen loads the same stylesheet and script, so after the first one a phone has them cached.
    html_only = max(len(html) for _, html, _sent in screens)
    print(f"heaviest HTML alone (CSS and JS cached since the first screen): {html_only / 1024:.1f} KB uncompressed")


if __name__ == "__main__":
    main()
