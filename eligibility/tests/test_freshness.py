"""`mizui rules-freshness`: the parameters still waiting for their value of the year, and the exit code that stops a
January release while an official yearly figure is missing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eligibility.cli import main
from eligibility.freshness import stale_parameters
from eligibility.household import today

ROOT = Path(__file__).resolve().parents[2]
LAW = "  reference:\n    - {title: 'חוק לדוגמה, סעיף 1', href: 'https://example.org/law'}\n"
FILES = {
    # Official and yearly, last set in 2025: due in 2026.
    "nii/pension/amount.yaml": "description: קצבה\nmetadata:\n  unit: currency-ILS\n  update: yearly\n"
    "  confidence: official\n" + LAW + "values:\n  2024-01-01: 100\n  2025-01-01: 103\n",
    # Official and yearly, with its 2026 value: not listed in 2026.
    "nii/pension/increment.yaml": "description: תוספת\nmetadata:\n  unit: currency-ILS\n  update: yearly\n"
    "  confidence: official\n" + LAW + "values:\n  2025-01-01: 50\n  2026-01-01: 52\n",
    # Yearly but secondary, its newest value with its own source: listed, never due.
    "municipal/ceiling.yaml": "description: תקרה\nmetadata:\n  unit: currency-ILS\n  update: yearly\n"
    "  confidence: secondary\n" + LAW + "values:\n  2024-01-01:\n    value: 3000\n"
    "    reference: [{title: עיריית דוגמה 2024, href: 'https://example.org/city'}]\n",
    # A fixed legal quantity: listed (its value is from 1993), never due.
    "municipal/rate.yaml": "description: שיעור\nmetadata:\n  unit: percent\n  confidence: official\n"
    + LAW
    + "values:\n  1993-01-01: 80\n",
    # Official and yearly with 2025 and 2027 values only: in 2026 the 2025 value is the newest one, so it is due.
    "tax/band.yaml": "description: רצועה\nmetadata:\n  unit: currency-ILS\n  update: yearly\n"
    "  confidence: official\n" + LAW + "values:\n  2025-01-01: 7000\n  2027-01-01: 7400\n",
}


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "parameters"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_it_lists_each_parameter_with_no_value_dated_in_the_year(tree):
    stale = {s.name: s for s in stale_parameters(dt.date(2026, 3, 1), tree)}
    assert set(stale) == {"nii.pension.amount", "municipal.ceiling", "municipal.rate", "tax.band"}
    assert stale["nii.pension.amount"].newest == dt.date(2025, 1, 1)
    assert stale["tax.band"].newest == dt.date(2025, 1, 1)
    assert {n for n, s in stale.items() if s.due} == {"nii.pension.amount", "tax.band"}
    ceiling = stale["municipal.ceiling"]
    assert (ceiling.confidence, ceiling.source, ceiling.href) == (
        "secondary",
        "עיריית דוגמה 2024",
        "https://example.org/city",
    )
    assert (stale["municipal.rate"].update, stale["municipal.rate"].source) == (None, "חוק לדוגמה, סעיף 1")
    assert stale["nii.pension.amount"].file.endswith("parameters/nii/pension/amount.yaml")


def test_it_exits_1_when_an_official_yearly_parameter_has_no_value_for_the_year(tree, capsys):
    assert main(["rules-freshness", "--as-of", "2026-03-01", "--parameters", str(tree)]) == 1
    out, err = capsys.readouterr()
    header, *rows = out.splitlines()
    assert header.split("\t")[:3] == ["name", "newest", "confidence"]
    assert [r.split("\t")[0] for r in rows] == ["municipal.ceiling", "nii.pension.amount", "tax.band", "municipal.rate"]
    assert rows[1].split("\t")[1:4] == ["2025-01-01", "official", "yearly"]
    assert "due: nii.pension.amount" in err
    assert "due: tax.band" in err
    assert "2 official yearly parameters lack their 2026 value" in err


def test_it_exits_0_when_every_official_yearly_parameter_has_its_value(tree, capsys):
    assert main(["rules-freshness", "--as-of", "2025-06-30", "--parameters", str(tree)]) == 0
    out, err = capsys.readouterr()
    assert [r.split("\t")[0] for r in out.splitlines()[1:]] == ["municipal.ceiling", "municipal.rate"]
    assert "0 official yearly parameters lack their 2025 value" in err


def test_it_lists_only_the_yearly_ones_when_asked(tree, capsys):
    main(["rules-freshness", "--as-of", "2026-03-01", "--parameters", str(tree), "--yearly"])
    rows = capsys.readouterr().out.splitlines()[1:]
    assert "municipal.rate" not in {r.split("\t")[0] for r in rows}
    assert len(rows) == 3


def test_it_prints_a_line_per_stale_parameter_of_the_real_tree(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    year = today().year
    code = main(["rules-freshness"])
    out, err = capsys.readouterr()
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert code in (0, 1)
    assert rows, "every tree has fixed legal quantities older than this year"
    for name, newest, confidence, _update, file, _source, href in rows:
        assert dt.date.fromisoformat(newest).year < year, name
        assert confidence in ("official", "secondary", "stale"), name
        assert (ROOT / file).is_file(), file
        assert href.startswith("http"), name
    assert err.startswith(f"{len(rows)} parameters have no value dated {year}")
    assert (code == 1) == ("\ndue: " in "\n" + err)
