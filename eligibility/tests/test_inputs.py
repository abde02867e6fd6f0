"""One declaration of the household (inputs.yaml): what is built from it agrees with it, and the doc is current."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from eligibility.catalogue import questions
from eligibility.docs import HOUSEHOLD_DOC, replace_generated
from eligibility.frames import HOUSEHOLD_FIELDS, PERSON_FIELDS
from eligibility.household import Household, HouseholdError, Member, validate_household
from eligibility.i18n import LANGUAGES
from eligibility.inputs import Input, gates, inputs

NOT_INPUTS = {"as_of", "members"}  # the legal date and the list of members: structure, not facts of the household
DERIVED_COLUMNS = {"is_immigrant", "household_id"}  # frames.py derives or keys them; no one answers them


def _model_field(spec: Input) -> Any:
    model: Any = Member if spec.entity == "person" else Household
    if spec.group.key:
        model = _inner(model.model_fields[spec.group.key].annotation)
    return model.model_fields.get(spec.name)


def _inner(annotation: Any) -> Any:
    return next(arg for arg in annotation.__args__ if arg is not type(None))


def _household_with(spec: Input, value: Any) -> dict[str, Any]:
    """An applicant and one other member; a person input is set on the other member, a household input on the
    household."""
    member: dict[str, Any] = {"role": "other"}
    household: dict[str, Any] = {"members": [{"role": "applicant"}, member]}
    target = member if spec.entity == "person" else household
    if spec.group.key:
        target = target.setdefault(spec.group.key, {})
    target[spec.name] = value
    return household


def _field_path(spec: Input) -> str:
    return spec.path.replace("members[]", "members[1]")


@pytest.mark.parametrize("spec", inputs(), ids=lambda spec: spec.path)
def test_every_declared_input_is_a_field_of_the_household_model(spec: Input) -> None:
    field = _model_field(spec)
    assert field is not None, f"{spec.path} is declared but not in the pydantic model"
    assert field.is_required() == spec.required


@pytest.mark.parametrize("spec", [s for s in inputs() if s.type == "enum"], ids=lambda spec: spec.path)
def test_an_enum_input_takes_its_declared_values_and_nothing_else(spec: Input) -> None:
    for value in spec.values:
        validate_household(
            _household_with(spec, value) if spec.name != "role" else {"members": [{"role": "applicant"}]}
        )
    with pytest.raises(HouseholdError) as caught:
        validate_household(_household_with(spec, "not-a-value"))
    assert {e["field"]: e["code"] for e in caught.value.errors}[_field_path(spec)] == "choice"


@pytest.mark.parametrize("spec", [s for s in inputs() if s.maximum is not None], ids=lambda spec: spec.path)
def test_a_number_input_stops_at_its_declared_maximum(spec: Input) -> None:
    assert spec.maximum is not None
    validate_household(_household_with(spec, spec.maximum))
    with pytest.raises(HouseholdError) as caught:
        validate_household(_household_with(spec, spec.maximum + 1))
    error = next(e for e in caught.value.errors if e["field"] == _field_path(spec))
    assert error["code"] == "range" and set(error["message"]) == {"he", "ar", "ru", "en"}


@pytest.mark.parametrize("spec", [s for s in inputs() if s.type == "money"], ids=lambda spec: spec.path)
def test_money_cannot_be_negative(spec: Input) -> None:
    with pytest.raises(HouseholdError) as caught:
        validate_household(_household_with(spec, -1))
    assert {e["field"]: e["code"] for e in caught.value.errors}[_field_path(spec)] == "negative"


def test_a_date_in_the_future_is_refused_for_every_date_that_ends_today() -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()  # noqa: DTZ011 (beyond any time zone's today)
    for spec in (s for s in inputs() if s.not_future):
        with pytest.raises(HouseholdError) as caught:
            validate_household(_household_with(spec, tomorrow))
        assert {e["field"]: e["code"] for e in caught.value.errors}[_field_path(spec)] == "date_in_future"


def test_the_model_has_no_field_that_is_not_declared() -> None:
    declared = {(s.entity, s.group.key, s.name) for s in inputs()}
    groups = {(s.entity, s.group.key) for s in inputs() if s.group.key}
    for entity, model in (("person", Member), ("household", Household)):
        for name, field in model.model_fields.items():
            if (entity, name) in groups:
                for inner in _inner(field.annotation).model_fields:
                    assert (entity, name, inner) in declared, f"{name}.{inner} is not declared in inputs.yaml"
            elif name not in NOT_INPUTS:
                assert (entity, None, name) in declared, f"{name} is not declared in inputs.yaml"


def test_the_polars_schemas_have_one_column_per_declared_input() -> None:
    for spec in inputs():
        if spec.type == "programs":  # one boolean column per program instead (frames.household_schema)
            continue
        schema = PERSON_FIELDS if spec.entity == "person" else HOUSEHOLD_FIELDS
        assert spec.column in schema, f"{spec.column} is declared but not in the Polars schema"
        dtype = schema[spec.column]
        if spec.type == "enum":
            assert isinstance(dtype, pl.Enum) and tuple(dtype.categories) == spec.values, spec.column
    columns = {s.column for s in inputs()}
    undeclared = (set(PERSON_FIELDS) | set(HOUSEHOLD_FIELDS)) - columns - DERIVED_COLUMNS
    assert not undeclared, f"columns not declared in inputs.yaml: {sorted(undeclared)}"


def test_every_question_is_asked_in_every_language() -> None:
    for spec in inputs():
        if spec.question_id is None:
            continue
        assert questions()[spec.question_id] == dict(spec.question or {}), spec.question_id
        for texts in (spec.question, spec.import_label, spec.screener and spec.screener.label):
            if texts:
                assert set(texts) == set(LANGUAGES) and all(texts.values()), f"{spec.path}: a language is missing"


def test_a_gate_settles_only_inputs_whose_none_is_declared() -> None:
    names = {s.name: s for s in inputs()}
    for gate in gates():
        for settled in gate.settles:
            assert names[settled].has_none, f"{gate.name} settles {settled}, which has no `none`"
        for needed in gate.requires:
            assert needed in names, f"{gate.name} requires {needed}, which is not declared"


def test_not_an_immigrant_is_asked_about_every_year_of_a_life() -> None:
    # "No" settles the immigration date as "not an immigrant". Asked about recent years only ("in the last 20
    # years?"), someone who came 27 years ago at 63 answered "no", was read as insured for the old-age pension, and
    # was told it instead of the special benefit for those who came too late to be insured.
    (gate,) = [g for g in gates() if "immigration_date" in g.settles]
    for language in LANGUAGES:
        assert not any(ch.isdigit() for ch in gate.label[language]), gate.label[language]


def test_docs_household_md_is_generated_from_the_declaration() -> None:
    text = HOUSEHOLD_DOC.read_text(encoding="utf-8")
    assert text == replace_generated(text), "docs/household.md is stale: python -m eligibility.docs"


def test_every_field_error_is_in_the_four_languages() -> None:
    from eligibility.household import MESSAGES

    for code, message in MESSAGES.items():
        assert set(message) == {"he", "ar", "ru", "en"} and all(message.values()), code


@pytest.mark.parametrize(
    ("members", "field", "code"),
    [
        (
            [{"role": "applicant", "birth_date": "1990-01-01"}, {"role": "child", "birth_date": "1989-12-31"}],
            "members[1].birth_date",
            "child_before_parent",
        ),
        (
            [{"role": "applicant", "birth_date": "1990-01-01"}, {"role": "partner", "birth_date": "2011-01-01"}],
            "members[1].birth_date",
            "partner_under_16",
        ),
        (
            [{"role": "applicant", "birth_date": "1990-01-01", "immigration_date": "1989-06-01"}],
            "members[0].immigration_date",
            "immigration_before_birth",
        ),
    ],
)
def test_dates_that_cannot_all_be_true_are_refused_at_their_field(
    members: list[dict[str, str]], field: str, code: str
) -> None:
    with pytest.raises(HouseholdError) as caught:
        validate_household({"as_of": "2026-06-01", "members": members})
    assert {e["field"]: e["code"] for e in caught.value.errors} == {field: code}


def test_a_stepchild_older_than_one_parent_is_a_real_family() -> None:
    members = [
        {"role": "applicant", "birth_date": "1990-01-01"},
        {"role": "partner", "birth_date": "1970-01-01"},
        {"role": "child", "birth_date": "1988-01-01"},  # the partner's, from before
    ]
    assert len(validate_household({"as_of": "2026-06-01", "members": members}).model_dump()["members"]) == 3
    partner_16 = [{"role": "applicant", "birth_date": "1990-01-01"}, {"role": "partner", "birth_date": "2010-06-01"}]
    assert len(validate_household({"as_of": "2026-06-01", "members": partner_16}).model_dump()["members"]) == 2
