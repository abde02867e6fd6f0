"""Suppression (mizui/lib/disclosure.py), checked by attacking it: the tests solve for every hidden entry
with their own arithmetic (exact linear algebra, and brute force over non-negative integers), not with the
module's graph search."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mizui.lib.disclosure import Mask, small_sums, stuck, suppress

K = 10
counts = st.integers(min_value=0, max_value=15) | st.integers(min_value=0, max_value=60)


def tables(max_side: int = 4, values: st.SearchStrategy[int] = counts) -> st.SearchStrategy[list[list[int]]]:
    return st.integers(1, max_side).flatmap(
        lambda m: st.integers(1, max_side).flatmap(
            lambda n: st.lists(st.lists(values, min_size=n, max_size=n), min_size=m, max_size=m)
        )
    )


def entries(table: list[list[int]], mask: Mask) -> list[tuple[str, int, int, int, bool]]:
    """Every published quantity as (kind, i, j, value, hidden)."""
    m, n = len(table), len(table[0])
    out = [("cell", i, j, table[i][j], mask.cells[i][j]) for i in range(m) for j in range(n)]
    out += [("row", i, -1, sum(table[i]), mask.rows[i]) for i in range(m)]
    out += [("col", -1, j, sum(r[j] for r in table), mask.cols[j]) for j in range(n)]
    out.append(("total", -1, -1, sum(map(sum, table)), mask.total))
    return out


def coefficients(kind: str, i: int, j: int, m: int, n: int) -> list[Fraction]:
    """The entry as a linear form over the m×n interior cells."""
    vector = [Fraction(0)] * (m * n)
    for r, c in itertools.product(range(m), range(n)):
        if (
            (kind == "cell" and (r, c) == (i, j))
            or (kind == "row" and r == i)
            or (kind == "col" and c == j)
            or kind == "total"
        ):
            vector[r * n + c] = Fraction(1)
    return vector


def rank(rows: list[list[Fraction]]) -> int:
    matrix = [row[:] for row in rows]
    found = 0
    width = len(matrix[0]) if matrix else 0
    for col in range(width):
        pivot = next((r for r in range(found, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[found], matrix[pivot] = matrix[pivot], matrix[found]
        for r in range(len(matrix)):
            if r != found and matrix[r][col] != 0:
                factor = matrix[r][col] / matrix[found][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[found], strict=True)]
        found += 1
    return found


def linearly_recoverable(table: list[list[int]], mask: Mask) -> list[tuple[str, int, int]]:
    """Hidden entries that the published ones determine by linear algebra alone (differencing totals)."""
    m, n = len(table), len(table[0])
    known = [coefficients(kind, i, j, m, n) for kind, i, j, _v, hidden in entries(table, mask) if not hidden]
    base = rank(known)
    return [
        (kind, i, j)
        for kind, i, j, _v, hidden in entries(table, mask)
        if hidden and rank([*known, coefficients(kind, i, j, m, n)]) == base
    ]


def solutions(table: list[list[int]], mask: Mask) -> list[list[list[int]]]:
    """Every table of non-negative integers that agrees with everything published (depth-first, each hidden cell
    bounded by what is left of a published total it belongs to, and checked as soon as its row or column is full)."""
    m, n = len(table), len(table[0])
    hidden = [(i, j) for i in range(m) for j in range(n) if mask.cells[i][j]]
    rows = {i: sum(table[i]) for i in range(m) if not mask.rows[i]}
    cols = {j: sum(r[j] for r in table) for j in range(n) if not mask.cols[j]}
    total = sum(map(sum, table))
    candidate = [[None if mask.cells[i][j] else table[i][j] for j in range(n)] for i in range(m)]
    found: list[list[list[int]]] = []

    def line_ok(cells: list[int | None], target: int | None) -> bool:
        known = sum(c for c in cells if c is not None)
        if target is None:
            return True
        return known == target if None not in cells else known <= target

    def walk(k: int) -> None:
        if k == len(hidden):
            if sum(sum(r) for r in candidate) == total:  # type: ignore[arg-type,misc]
                found.append([list(r) for r in candidate])  # type: ignore[arg-type]
            return
        i, j = hidden[k]
        for value in range(total + 1):
            candidate[i][j] = value
            if line_ok(candidate[i], rows.get(i)) and line_ok([r[j] for r in candidate], cols.get(j)):
                walk(k + 1)
            elif sum(c for c in candidate[i] if c is not None) > rows.get(i, total):
                break
        candidate[i][j] = None

    walk(0)
    return found


class TestSuppression:
    @given(tables())
    @settings(max_examples=150, deadline=None)
    def test_it_never_publishes_a_count_below_ten(self, table: list[list[int]]) -> None:
        mask = suppress(table, k=K)
        for kind, i, j, value, hidden in entries(table, mask):
            assert hidden or value >= K, (kind, i, j, value)

    @given(tables())
    @settings(max_examples=150, deadline=None)
    def test_it_leaves_no_hidden_entry_solvable_from_the_totals(self, table: list[list[int]]) -> None:
        mask = suppress(table, k=K)
        assert linearly_recoverable(table, mask) == []

    @given(tables(max_side=3, values=st.integers(0, 14)))
    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_it_leaves_every_hidden_entry_two_possible_values_even_knowing_counts_are_not_negative(
        self, table: list[list[int]]
    ) -> None:
        mask = suppress(table, k=K)
        hidden_cells = sum(map(sum, mask.cells))
        if mask.total or hidden_cells > 5:
            return  # brute force only where it is cheap; the linear test above covers the rest
        possible = solutions(table, mask)
        assert table in possible
        m, n = len(table), len(table[0])
        for kind, i, j, _v, hidden in entries(table, mask):
            if not hidden:
                continue
            if kind == "cell":
                seen = {s[i][j] for s in possible}
            elif kind == "row":
                seen = {sum(s[i]) for s in possible}
            else:
                seen = {sum(r[j] for r in s) for s in possible}
            assert len(seen) > 1, (kind, i, j, table, mask)
        assert m and n

    @given(tables())
    @settings(max_examples=150, deadline=None)
    def test_no_line_gives_away_a_small_sum_of_its_hidden_cells(self, table: list[list[int]]) -> None:
        mask = suppress(table, k=K)
        for line, hidden_sum in derivable_line_sums(table, mask):
            assert hidden_sum >= K, (line, hidden_sum, table, mask)
        assert small_sums(mask, table, k=K) == []

    @given(tables())
    @settings(max_examples=100, deadline=None)
    def test_its_own_attack_agrees_that_nothing_is_left_stuck(self, table: list[list[int]]) -> None:
        assert stuck(suppress(table, k=K), table) == []


def derivable_line_sums(table: list[list[int]], mask: Mask) -> list[tuple[str, int]]:
    """What an attacker gets by subtraction: in every row and column whose total is shown, the sum of the hidden
    cells (the total minus the shown ones), for lines with something hidden. Worked out from the published table
    alone, then checked against the truth."""
    published = mask.apply(table)
    m, n = len(table), len(table[0])
    lines: list[tuple[str, Any, list[Any]]] = [(f"row {i}", published.rows[i], published.cells[i]) for i in range(m)]
    lines += [(f"col {j}", published.cols[j], [published.cells[i][j] for i in range(m)]) for j in range(n)]
    lines += [
        ("column totals", published.total, list(published.cols)),
        ("row totals", published.total, list(published.rows)),
    ]
    found = []
    for name, total, cells in lines:
        if total is None or None not in cells:
            continue
        found.append((name, int(total) - sum(int(c) for c in cells if c is not None)))
    return found


def test_three_hidden_channels_cannot_add_up_to_a_small_number() -> None:
    # The inquiries-by-channel row that leaked: 189 in all, 182 by the screener, three channels of 2, 3 and 2.
    table = [[182, 2, 3, 2], [150, 40, 30, 25]]
    mask = suppress(table, k=K)
    published = mask.apply(table)
    assert published.cells[0][1:] == [None, None, None]
    for line, hidden_sum in derivable_line_sums(table, mask):
        assert hidden_sum >= K, (line, hidden_sum, published)
    assert stuck(mask, table) == []


def test_it_hides_a_partner_cell_so_a_small_one_cannot_be_had_by_subtraction() -> None:
    # Hand-made: 3 is below 10; hiding it alone would let anyone compute 23 − 20.
    table = [[3, 20], [15, 12], [30, 40]]
    published = suppress(table, k=K).apply(table)
    assert published.cells[0][0] is None
    assert published.total == 120
    assert [c for row in published.cells for c in row].count(None) >= 4
    assert linearly_recoverable(table, suppress(table, k=K)) == []


def test_it_hides_zeros_that_nonnegativity_would_give_away() -> None:
    # Row 0 is 12 = 12 + 0 + 0: hiding the two zeros alone would pin both at 0 (they cannot be negative).
    table = [[12, 0, 0], [40, 11, 13]]
    mask = suppress(table, k=K)
    assert mask.cells[0][1] and mask.cells[0][2]
    assert stuck(mask, table) == []
    assert mask.cells[0][0] or mask.rows[0]


def test_it_protects_amounts_as_well_as_counts() -> None:
    counts = [[12, 4], [15, 20]]
    amounts = [[1200, 0], [3000, 0]]  # the hidden 4 people got ₪0: a cycle of zero amounts must still move
    mask = suppress(counts, k=K, companions=[amounts])
    assert stuck(mask, counts, amounts) == []
    published = mask.apply(amounts)
    assert published.cells[0][1] is None
