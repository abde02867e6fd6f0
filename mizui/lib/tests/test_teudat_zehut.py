from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from stdnum.il import idnr

from mizui.lib.teudat_zehut import normalize_id_number


def stdnum_answer(raw: str) -> str | None:
    return idnr.validate(raw) if idnr.is_valid(raw) and idnr.compact(raw) != "000000000" else None


def test_known_numbers() -> None:
    assert normalize_id_number("039337423") == "039337423"
    assert normalize_id_number("3933742-3") == "039337423"
    assert normalize_id_number("039337424") is None  # wrong check digit
    assert normalize_id_number("000000000") is None
    assert normalize_id_number("٠٣٩٣٣٧٤٢٣") is None  # Arabic-Indic digits are not an ID number here


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_nine_digits_agree_with_stdnum(raw: str) -> None:
    assert normalize_id_number(raw) == stdnum_answer(raw)


@given(st.integers(0, 99_999_999))
def test_every_check_digit_but_one_is_refused(body: int) -> None:
    eight = f"{body:08d}"
    accepted = [d for d in "0123456789" if normalize_id_number(eight + d)]
    assert accepted == ([] if body == 0 else [d for d in "0123456789" if idnr.is_valid(eight + d)])
    assert len(accepted) == (0 if body == 0 else 1)
