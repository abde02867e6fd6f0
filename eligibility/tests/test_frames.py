"""The flat batch table → the two frames the engine reads (eligibility.frames.persons_to_frames)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from eligibility.frames import HH, grouped_by_household, persons_to_frames


def _table(receives: list[str | None], roles: list[str], households: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {"household_id": households, "role": roles, "receives": receives},
        schema={"household_id": pl.String, "role": pl.String, "receives": pl.String},
    )


def _flags(table: pl.DataFrame, program: str) -> list[bool | None]:
    _, households = persons_to_frames(table)
    return households.get_column(f"hh_receives__{program}").to_list()


def test_a_household_receives_a_benefit_that_any_member_lists():
    table = _table(
        ["", "child_allowance;income_support", None, "child_allowance", None, "", None],
        ["applicant", "partner", "child", "applicant", "partner", "applicant", "child"],
        ["a", "a", "a", "b", "b", "c", "c"],
    )
    # a: listed by the partner; b: listed, though the partner left the list blank; c: a child's blank list is empty
    assert _flags(table, "child_allowance") == [True, True, False]
    # b's partner did not say whether they receive it: unknown, not false
    assert _flags(table, "income_support") == [True, None, False]


def test_an_adult_or_a_person_of_no_role_with_a_blank_list_leaves_the_benefit_unknown():
    table = _table([None, None], ["applicant", "child"], ["a", "a"])
    assert _flags(table, "work_grant") == [None]
    table = pl.DataFrame(
        {"household_id": ["a"], "role": [None], "receives": [None]},
        schema=dict.fromkeys(["household_id", "role", "receives"], pl.String),
    )
    assert _flags(table, "work_grant") == [None]


def test_names_must_match_exactly_and_unknown_names_are_ignored():
    table = _table(["income_support_x;moon_grant; income_support", ""], ["applicant", "applicant"], ["a", "b"])
    assert _flags(table, "income_support") == [False, False]


def test_a_list_column_gives_the_same_frames_as_a_string_column():
    table = _table(
        ["", "child_allowance;income_support", None, "work_grant", None],
        ["applicant", "partner", "child", "applicant", "partner"],
        ["a", "a", "a", "b", "b"],
    )
    as_list = table.with_columns(pl.col("receives").str.split(";"))
    for left, right in zip(persons_to_frames(table), persons_to_frames(as_list), strict=True):
        assert left.equals(right)


def test_interleaved_households_come_out_grouped_in_order_of_first_appearance():
    grouped = _table(
        ["work_grant", "", None, "", "income_support"],
        ["applicant", "child", "applicant", "applicant", "partner"],
        ["x", "x", "y", "z", "z"],
    ).with_columns(pl.Series("person_id", ["x1", "x2", "y1", "z1", "z2"]))
    interleaved = grouped[[0, 2, 3, 1, 4]]  # x, y, z, x, z
    assert grouped_by_household(grouped.get_column("household_id"))
    assert not grouped_by_household(interleaved.get_column("household_id"))
    for left, right in zip(persons_to_frames(grouped), persons_to_frames(interleaved), strict=True):
        assert left.equals(right)
    persons, households = persons_to_frames(interleaved)
    assert households.get_column("household_id").to_list() == ["x", "y", "z"]
    assert persons.get_column(HH).to_list() == [0, 0, 1, 2, 2]
    assert persons.get_column("person_id").to_list() == ["x1", "x2", "y1", "z1", "z2"]


def test_a_household_id_seen_again_after_another_is_one_household():
    ids = pl.Series(["a", "a", "b", "a"])
    assert not grouped_by_household(ids)
    _, households = persons_to_frames(_table(["", "", "", ""], ["applicant"] * 4, ids.to_list()))
    assert households.height == 2


def test_a_row_without_a_household_id_is_refused():
    with pytest.raises(ValueError, match="household_id is missing on 1 row"):
        persons_to_frames(_table(["", ""], ["applicant", "applicant"], ["a", None]))  # type: ignore[list-item]


def test_a_person_who_lists_general_disability_among_what_they_receive_receives_it():
    # The insurer's recipients list names the benefit, not the disability column: the one fact, given once.
    table = pl.DataFrame(
        {
            "household_id": ["a", "a", "b", "c", "d", "e"],
            "role": ["applicant", "partner", "applicant", "applicant", "applicant", "applicant"],
            "receives": ["old_age_pension;general_disability", "", "general_disability_x", "child_allowance", None, ""],
            "receives_general_disability": [None, None, None, False, None, True],
        },
        schema_overrides={"receives_general_disability": pl.Boolean},
    )
    for given in (table, table.with_columns(pl.col("receives").str.split(";"))):
        persons, households = persons_to_frames(given)
        # listed: true; otherwise the person's own answer; with none, a list that is given and leaves it out says
        # no (one answer is enough), and only a person who gave neither leaves it unknown
        assert persons.get_column("receives_general_disability").to_list() == [True, False, False, False, None, True]
        # the household's "receives general disability" says the same as its members
        assert households.get_column("hh_receives__general_disability").to_list() == [True, False, False, None, True]


def test_one_household_listing_general_disability_is_not_asked_whether_it_receives_it():
    from eligibility import screen

    member = {
        "id": "p1",
        "role": "applicant",
        "birth_date": "1975-01-01",
        "sex": "male",
        "marital_status": "single",
        "resident_since": "1975-01-01",
        "immigration_date": None,
        "disability": {"medical_percent": 60, "incapacity_percent": 75, "blind": False},
        "employment": "not_working",
        "income": {"work": 0, "pension_occupational": 0, "nii_benefits": 4700, "alimony": 0, "capital": 0, "other": 0},
        "receives": ["general_disability"],
    }
    household = {"as_of": "2026-03-01", "authority": "ashdod", "members": [member]}
    asked = {q["id"] for right in screen(household)["programs"] for q in right["missing"]}
    assert "disability.receives_general_disability" not in asked


def test_a_general_disability_pension_said_in_the_disability_answers_is_one_already_received():
    # The other way round: "I receive a general disability pension" in the health step (or the disability column of
    # a file) is the benefit received, so the pension is shown as received, not as a right to claim.
    from eligibility import screen

    member = {
        "role": "applicant",
        "birth_date": "1986-04-04",
        "sex": "female",
        "marital_status": "single",
        "employment": "not_working",
        "disability": {
            "medical_percent": 60,
            "incapacity_percent": 75,
            "blind": False,
            "receives_general_disability": True,
        },
        "income": {"work": 0, "pension_occupational": 0, "nii_benefits": 4700, "alimony": 0, "capital": 0, "other": 0},
        "receives": [],
    }
    result = screen({"as_of": "2026-03-01", "members": [member]})
    assert next(p["status"] for p in result["programs"] if p["id"] == "general_disability") == "already_receiving"
    table = pl.DataFrame(
        {
            "household_id": ["a", "a", "b", "c"],
            "role": ["applicant", "partner", "applicant", "applicant"],
            "receives": ["", "", "", None],
            "receives_general_disability": [None, True, False, None],
        },
        schema_overrides={"receives_general_disability": pl.Boolean},
    )
    _, households = persons_to_frames(table)
    # the partner's pension counts for the household; a blank list is unknown unless the pension is said elsewhere
    assert households.get_column("hh_receives__general_disability").to_list() == [True, False, None]


def test_a_childs_blank_income_in_a_batch_file_is_none_as_for_one_household():
    # Contract v1: a child given without income has none. A welfare export lists the children without incomes; the
    # batch table read them as unknown, so every family with children stayed "maybe" on an income test.
    table = pl.DataFrame(
        {
            "household_id": ["a", "a", "a"],
            "role": ["applicant", "child", "child"],
            "income_work": [None, None, 300.0],
            "income_other": [2000.0, None, None],
        }
    )
    persons, _ = persons_to_frames(table)
    assert persons.get_column("income_work").to_list() == [None, 0.0, 300.0]  # an adult's blank stays unknown
    assert persons.get_column("income_other").to_list() == [2000.0, 0.0, 0.0]


def test_a_household_input_declared_at_its_top_level_reaches_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    # Declared once (eligibility/inputs.yaml), an input of the household itself travels like `authority` does.
    import dataclasses

    from eligibility import frames
    from eligibility.frames import to_frames
    from eligibility.inputs import in_group

    authority = next(i for i in in_group("household") if i.name == "authority")
    extra = dataclasses.replace(authority, name="shelter_zone", column="shelter_zone")
    monkeypatch.setattr(
        "eligibility.frames.in_group",
        lambda group: (*in_group(group), extra) if group == "household" else in_group(group),
    )
    schema: dict[str, pl.DataType] = {**frames.household_schema(), "shelter_zone": pl.String()}
    monkeypatch.setattr(frames, "_household_schema", lambda: pl.Schema(schema))
    _, households = to_frames([{"authority": "ashdod", "shelter_zone": "north", "members": [{"role": "applicant"}]}])
    assert households.select("authority", "shelter_zone").row(0) == ("ashdod", "north")


def test_a_childs_income_sent_empty_is_none_and_the_arnona_income_test_is_decided():
    # A caller (or a form) that sends each child with an empty income object, or with a kind left blank, said nothing
    # about the child's income; no question asks it. Read as unknown, a working single father's arnona income test
    # was "maybe" with no question to decide it.
    from eligibility import screen

    def father(children_income: dict[str, Any]) -> dict[str, Any]:
        zero = dict.fromkeys(("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0)
        child = {"role": "child", "birth_date": "2015-06-01", "income": children_income}
        return {
            "as_of": "2026-12-07",
            "members": [
                {"role": "applicant", "birth_date": "1984-03-01", "sex": "male", "income": {**zero, "work": 5000}},
                child,
                {**child, "birth_date": "2019-09-01"},
            ],
        }

    for blank in ({}, {"work": None}):
        status = {p["id"]: p for p in screen(father(blank), lang="en")["programs"]}["arnona_income_test"]
        assert status["status"] == "eligible", (blank, status["missing"])
    earning = {p["id"]: p for p in screen(father({"work": 20_000}), lang="en")["programs"]}["arnona_income_test"]
    assert earning["status"] == "not_eligible"  # an amount given for a child counts
