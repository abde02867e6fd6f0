"""The build fails when a rule loses its label, its source or its translation into Hebrew."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eligibility.catalogue import catalogue, questions
from eligibility.engine import registry
from eligibility.i18n import LANGUAGES
from eligibility.parameters import load_parameters
from eligibility.translations import missing_translations

ROOT = Path(__file__).resolve().parents[1]


def test_it_labels_and_cites_every_variable():
    for name, cls in registry()[0].items():
        assert cls.label, f"{name} has no label"
        assert cls.reference and all(r.title and r.href for r in cls.reference), f"{name} has no reference"
        assert re.search("[\u0590-\u05ff]", cls.label), f"{name}: the label must be Hebrew"


def test_it_types_is_variables_as_bool():
    for name, cls in registry()[0].items():
        if name.startswith("is_"):
            assert cls.value_type is bool, name
        if name.startswith("num_"):
            assert cls.value_type is int, name


def test_it_keeps_one_variable_per_file_at_its_path():
    for name, cls in registry()[0].items():
        assert cls.__module__.endswith("." + name), f"{name} lives in {cls.__module__}"


def test_it_describes_cites_and_dates_every_parameter():
    for name, param in load_parameters().items():
        assert param.description, f"{name}: no description"
        assert param.reference and all(r.title and r.href for r in param.reference), f"{name}: no reference"
        assert param.unit, f"{name}: no unit"
        assert param.values, f"{name}: no dated values"
        assert param.confidence in ("official", "secondary", "stale"), f"{name}: confidence {param.confidence}"


def test_it_never_edits_values_out_of_date_order():
    for name, param in load_parameters().items():
        starts = [v.start for v in param.values]
        assert len(starts) == len(set(starts)), f"{name}: two values for one date"


def test_it_cites_and_translates_every_condition_into_hebrew():
    for column, cond in registry()[1].items():
        assert cond.reference and cond.reference[0].title and cond.reference[0].href, column
        assert cond.text.get("he"), f"{column}: no Hebrew text"
        assert set(cond.text) <= set(LANGUAGES), column
        for qid in cond.asks:
            assert qid in questions(), f"{column} asks unknown question {qid}"


def test_it_points_programs_at_existing_variables_and_parameters():
    variables = registry()[0]
    params = load_parameters()
    for pid, spec in catalogue().items():
        assert spec["variable"] == f"is_{pid}_eligible" and spec["variable"] in variables, pid
        for key in ("amount", "one_off", "discount"):
            if spec.get(key):
                assert spec[key] in variables, f"{pid}.{key}"
                assert variables[spec[key]].defined_for == spec["variable"], f"{pid}.{key} needs defined_for"
        for prefix in spec.get("parameter_prefix") or []:
            assert any(n == prefix or n.startswith(prefix + ".") for n in params), f"{pid}: no parameter {prefix}"
        if spec.get("retroactive_months"):
            assert spec["retroactive_months"] in params, pid
        assert spec["name"].get("he") and spec.get("kolzchut") and spec.get("legal_basis"), pid
        assert any(c.program == pid for c in registry()[1].values()), f"{pid} has no conditions"
        for other in spec.get("gateways") or []:
            assert other in catalogue(), f"{pid} opens unknown program {other}"


@pytest.mark.parametrize("lang", ["ar", "ru", "en"])
def test_every_text_of_the_rules_is_in_every_language(lang):
    missing = missing_translations()[lang]
    # Every user-facing text of the rules in every language residents use (`mizui translations-report` lists gaps).
    assert missing == [], f"{lang}: {len(missing)} texts lack a translation, e.g. {missing[:5]}"


def test_it_keeps_every_document_and_how_to_apply_a_plain_string():
    # An unquoted "a: b" inside a YAML list silently becomes a mapping; the API and the screener need text.
    from eligibility.catalogue import catalogue

    for pid, program in catalogue().items():
        for lang, docs in program.get("documents", {}).items():
            for doc in docs:
                assert isinstance(doc, str), f"{pid}.documents.{lang}: {doc!r} is not text (quote it in programs.yaml)"
        for lang, text in program.get("how_to_apply", {}).items():
            assert isinstance(text, str), f"{pid}.how_to_apply.{lang} is not text"


def test_it_lists_the_same_documents_in_every_language():
    # A comma inside an unquoted YAML flow list splits one document into several; the languages then disagree.
    from eligibility.catalogue import catalogue

    for pid, program in catalogue().items():
        counts = {lang: len(docs) for lang, docs in program.get("documents", {}).items()}
        assert len(set(counts.values())) <= 1, f"{pid}: documents per language differ {counts}"


def test_no_right_to_left_text_writes_a_percent_followed_by_a_plus() -> None:
    # In Hebrew and Arabic "75%+" shows as "%75+" (the sign joins the right-to-left text around it): they say
    # "75% ומעלה" / "75% فأكثر" instead.
    import re

    from eligibility.translations import _texts

    bad = [where for where, text in _texts() for lang in ("he", "ar") if re.search(r"\d%\+", str(text.get(lang, "")))]
    assert bad == []
