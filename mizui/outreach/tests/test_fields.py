"""The import fields a column can map onto: every declared household input, parsed by its declared domain."""

from __future__ import annotations

import pytest
from django.utils import translation

from eligibility.inputs import inputs
from mizui.outreach.services.fields import FIELDS, OUTREACH_ONLY, PARTS, RowError, RowPlan

DECLARED = [spec for spec in inputs() if spec.import_label]


def _parse(field: str, raw: object) -> dict[str, object]:
    header = ["id_number", field]
    return RowPlan.build(header, {c: c for c in header}).parse(["000000018", raw])


def test_every_declared_input_with_an_import_label_is_an_import_field() -> None:
    for spec in DECLARED:
        assert spec.column in FIELDS, f"{spec.column} is declared with an import label but cannot be imported"
    household_fields = {name for name in FIELDS if name not in {"id_number", "full_name", "phone", "address"}}
    undeclared = household_fields - {s.column for s in DECLARED}
    assert undeclared <= {*OUTREACH_ONLY, *PARTS, "household_id"}, undeclared


def test_the_field_label_is_shown_in_the_staff_members_language() -> None:
    spec = next(s for s in DECLARED if s.column == "income_work")
    assert spec.import_label is not None
    for lang in ("he", "ar", "en"):
        with translation.override(lang):
            assert str(FIELDS["income_work"].label) == spec.import_label[lang]


@pytest.mark.parametrize("spec", [s for s in DECLARED if s.type == "enum"], ids=lambda s: s.column)
def test_an_enum_column_takes_the_declared_values_in_any_case(spec) -> None:
    for value in spec.values:
        assert _parse(spec.column, value.upper()) == {"id_number": "000000018", spec.column: value}
    with pytest.raises(RowError) as caught:
        _parse(spec.column, "nonsense")
    assert caught.value.field == spec.column


@pytest.mark.parametrize(
    ("column", "good", "bad"),
    [
        ("arnona_area_sqm", "2000", "0"),  # the domain (0, 2000]: zero is refused, 2000 accepted
        ("medical_percent", "100", "101"),
        ("months_worked_last_18", "18", "7.5"),
        ("income_work", "₪4,200", "-5"),
        ("income_work", "1000000", "1000001"),  # above the declared plausible maximum a month: a misread column
        ("birth_date", "01/03/1985", "1899-12-31"),  # before the declared plausible minimum
    ],
)
def test_a_number_or_date_column_is_checked_against_its_declared_bounds(column, good, bad) -> None:
    assert column in _parse(column, good)
    with pytest.raises(RowError) as caught:
        _parse(column, bad)
    assert caught.value.field == column
