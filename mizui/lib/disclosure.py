"""Statistical disclosure control for tables of counts: threshold rule plus complementary suppression.

A table here is a matrix of non-negative counts (people, or rows standing for people) published with its row
totals, column totals and grand total. Publishing it must not reveal a count below `k` (10 for the national
program), neither directly nor by arithmetic on what is published.

1. **Primary suppression.** Every entry below `k` is hidden: interior cells and totals alike, zeros included
   (a published 0 says "nobody here", which is a small count too).
2. **Complementary suppression.** A hidden entry must not be recoverable from the published ones. An attacker
   knows every published value, that each row and column adds up to its total, and that counts are never
   negative; they solve for the hidden entries. We hide more entries until every hidden entry can still take
   more than one value.

How "can it take more than one value" is decided, exactly. Write the table with its totals as an (m+1)×(n+1)
matrix A whose last column holds the row totals and last row the column totals, and negate the totals (not the
grand total): then every row and every column of A adds up to zero. Any other table consistent with what is
published differs from the true one by a change D on the hidden entries only, with every row and column of D
adding up to zero, which keeps every value >= 0. Such a D is a sum of alternating cycles through hidden
entries (row → column → row …, signs +, −, +, …), so a hidden entry e can move iff one alternating cycle
through e can be pushed a little in some direction without taking a zero entry below zero. Following the cycle,
the sign of each step is fixed by whether it goes from a row to a column or back, so "is there such a cycle" is
a reachability question in a small directed graph (`_movable`). This is the exact test for linear
programming with non-negativity, not a heuristic: a hidden entry that passes it has a feasible interval of
positive width (for counts, at least two integers, because these tables' constraint matrices are totally
unimodular).

3. **No small derivable sum.** Each hidden entry moving is not enough: in a row or column whose total is
   published, the hidden cells add up to that total minus the published ones, so their sum is known exactly
   (inquiries by channel: total 189, screener 182, three hidden channels that together make 7). Wherever a line's
   hidden cells add up to a number below `k` and the line's total is published, one more cell of the line is
   hidden (or, with none left, its total), and step 2 is run again. The sums of hidden cells in a line are the
   only sums of hidden entries the published table gives away outright: any other derivable combination is a
   sum of these line relations.

The greedy choice of *which* extra entries to hide is a heuristic (minimal suppression is NP-hard in general):
it hides the cheapest published entry that frees a stuck entry, preferring interior cells over totals and
never hiding a grand total of `k` or more, so every linked table that shares a grand total publishes it alike.

Companion matrices (₪ amounts behind each count) get the same mask and are checked with the same test, so a
non-zero amount cannot be recovered by differencing either. (A zero amount can always be inferred from a zero
total, e.g. "no one-off payments this month"; that says nothing about how many people a hidden cell holds.)

Pure Python, no Django: the national exchange, the national view and the barriers report all call `suppress`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

K_ANONYMITY = 10  # the national program's rule: every published cell counts at least 10 people

Number = int | float | Decimal
Entry = tuple[int, int]  # (row, column) in the (m+1)×(n+1) matrix with totals; index m / n is the total line


@dataclass(frozen=True)
class Mask:
    """Which entries are hidden: interior cells, row totals, column totals and the grand total."""

    cells: tuple[tuple[bool, ...], ...]
    rows: tuple[bool, ...]
    cols: tuple[bool, ...]
    total: bool

    def apply(self, values: Sequence[Sequence[Number]]) -> Published:
        """The table of `values` (same shape as the counts) as it may be published: hidden entries are None."""
        full = _with_totals(values)
        m, n = len(self.rows), len(self.cols)

        def show(i: int, j: int) -> Number | None:
            return None if _hidden(self, i, j, m, n) else full[i][j]

        return Published(
            cells=[[show(i, j) for j in range(n)] for i in range(m)],
            rows=[show(i, n) for i in range(m)],
            cols=[show(m, j) for j in range(n)],
            total=show(m, n),
        )

    @property
    def hidden_count(self) -> int:
        return sum(map(sum, self.cells)) + sum(self.rows) + sum(self.cols) + int(self.total)


@dataclass(frozen=True)
class Published:
    cells: list[list[Number | None]]
    rows: list[Number | None]
    cols: list[Number | None]
    total: Number | None


def _with_totals(values: Sequence[Sequence[Number]]) -> list[list[Number]]:
    """The (m+1)×(n+1) matrix of values with row totals, column totals and the grand total."""
    rows: list[list[Number]] = [[*row, sum(row)] for row in values]
    width = len(rows[0]) if rows else 1
    return [*rows, [sum(row[j] for row in rows) for j in range(width)]]


def _hidden(mask: Mask, i: int, j: int, m: int, n: int) -> bool:
    if i == m and j == n:
        return mask.total
    if i == m:
        return mask.cols[j]
    if j == n:
        return mask.rows[i]
    return mask.cells[i][j]


def _sign(i: int, j: int, m: int, n: int) -> int:
    """+1 for interior cells and the grand total, −1 for row and column totals (see the module docstring)."""
    return -1 if (i == m) != (j == n) else 1


def _movable(e: Entry, hidden: set[Entry], full: list[list[Number]], m: int, n: int) -> bool:
    """Can hidden entry `e` change while every published value and every sum stays as published?"""
    i0, j0 = e
    for direction in (1, -1):  # +1: e's value grows; −1: it shrinks
        if direction < 0 and full[i0][j0] <= 0:
            continue
        # Along the cycle, the change in A (the sign-adjusted matrix) is +sigma on steps row→column and −sigma
        # on steps column→row, sigma chosen so that e (a row→column step) changes its value by `direction`.
        sigma = direction * _sign(i0, j0, m, n)
        row_to_col: dict[int, list[int]] = {}
        col_to_row: dict[int, list[int]] = {}
        for i, j in hidden:
            if (i, j) == e:
                continue
            positive = full[i][j] > 0
            if positive or sigma * _sign(i, j, m, n) > 0:
                row_to_col.setdefault(i, []).append(j)
            if positive or -sigma * _sign(i, j, m, n) > 0:
                col_to_row.setdefault(j, []).append(i)
        # Search from e's column back to e's row, alternating column→row and row→column steps.
        seen_cols, seen_rows, frontier = {j0}, set[int](), [j0]
        while frontier:
            next_cols: list[int] = []
            for j in frontier:
                for i in col_to_row.get(j, ()):
                    if i == i0:
                        return True
                    if i not in seen_rows:
                        seen_rows.add(i)
                        for jj in row_to_col.get(i, ()):
                            if jj not in seen_cols:
                                seen_cols.add(jj)
                                next_cols.append(jj)
            frontier = next_cols
    return False


def small_sums(mask: Mask, counts: Sequence[Sequence[Number]], *, k: int = K_ANONYMITY) -> list[list[Entry]]:
    """Lines whose hidden cells add up to a known number below `k`, each as its cells (row i: (i, 0..n-1); column
    j: (0..m-1, j); the totals row and column are lines too, of the grand total). Empty when safe."""
    m, n = len(mask.rows), len(mask.cols)
    hidden = {(i, j) for i in range(m + 1) for j in range(n + 1) if _hidden(mask, i, j, m, n)}
    return [cells for _, cells in _small_sums(hidden, _with_totals(counts), m, n, k)]


def _lines(m: int, n: int) -> list[tuple[Entry, list[Entry]]]:
    """Every line as (its total, its cells): rows 0..m (m: the column totals), then columns 0..n."""
    rows = [((i, n), [(i, j) for j in range(n)]) for i in range(m + 1)]
    cols = [((m, j), [(i, j) for i in range(m)]) for j in range(n + 1)]
    return rows + cols


def _small_sums(
    hidden: set[Entry], full: list[list[Number]], m: int, n: int, k: int
) -> list[tuple[Entry, list[Entry]]]:
    found = []
    for total, cells in _lines(m, n):
        inside = [c for c in cells if c in hidden]
        if total not in hidden and inside and sum(full[i][j] for i, j in inside) < k:
            found.append((total, cells))
    return found


def stuck(mask: Mask, *matrices: Sequence[Sequence[Number]]) -> list[Entry]:
    """Hidden entries an attacker can solve for exactly, in any of `matrices` (counts, amounts). Empty when safe."""
    m, n = len(mask.rows), len(mask.cols)
    hidden = {(i, j) for i in range(m + 1) for j in range(n + 1) if _hidden(mask, i, j, m, n)}
    fulls = [_with_totals(values) for values in matrices]
    return sorted(e for e in hidden if not _free(e, hidden, fulls, m, n))


def _free(e: Entry, hidden: set[Entry], fulls: list[list[list[Number]]], m: int, n: int) -> bool:
    """`e` can move in the counts (the first matrix) and, where its amount is not zero, in every amount matrix."""
    counts, *amounts = fulls
    return _movable(e, hidden, counts, m, n) and all(
        a[e[0]][e[1]] == 0 or _movable(e, hidden, a, m, n) for a in amounts
    )


def _mask(hidden: set[Entry], m: int, n: int) -> Mask:
    return Mask(
        cells=tuple(tuple((i, j) in hidden for j in range(n)) for i in range(m)),
        rows=tuple((i, n) in hidden for i in range(m)),
        cols=tuple((m, j) in hidden for j in range(n)),
        total=(m, n) in hidden,
    )


def suppress(
    counts: Sequence[Sequence[int]], *, k: int = K_ANONYMITY, companions: Sequence[Sequence[Sequence[Number]]] = ()
) -> Mask:
    """Hide every entry below `k`, then enough others that no hidden entry can be solved for.

    `counts` is an m×n matrix of non-negative counts (m, n ≥ 1); `companions` are matrices of the same shape
    (₪ amounts of the same people) that get the same mask and must not be recoverable either.
    """
    m = len(counts)
    n = len(counts[0]) if m else 0
    if m == 0 or n == 0:
        return Mask(cells=tuple(() for _ in range(m)), rows=(False,) * m, cols=(), total=False)
    if any(len(row) != n for row in counts) or any(c < 0 for row in counts for c in row):
        raise ValueError("counts must be a rectangular matrix of non-negative integers")
    full = _with_totals(counts)
    fulls = [full, *(_with_totals(values) for values in companions)]
    entries = [(i, j) for i in range(m + 1) for j in range(n + 1)]
    hidden = {e for e in entries if full[e[0]][e[1]] < k}
    # A total that is the same number as the grand total (one row, or one column) is hidden with it or not at all.
    tied = {(0, n)} if m == 1 else set()
    tied |= {(m, 0)} if n == 1 else set()
    grand_fixed = full[m][n] >= k

    def cost(e: Entry) -> tuple[int, float]:
        marginal = e[0] == m or e[1] == n
        return (1 if marginal else 0, float(full[e[0]][e[1]]))

    def candidates() -> list[Entry]:
        fixed = tied | ({(m, n)} if grand_fixed else set())
        return sorted((e for e in entries if e not in hidden and e not in fixed), key=cost)

    def first_stuck() -> Entry | None:
        return next((e for e in sorted(hidden) if not _free(e, hidden, fulls, m, n)), None)

    def settle() -> None:
        """Step 2: hide entries until no hidden entry can be solved for."""
        nonlocal hidden
        while (e := first_stuck()) is not None:
            if e in tied or e == (m, n):
                # Only reachable when the grand total itself is below k: the whole table is too small to show.
                hidden = set(entries)
                return
            options = candidates()
            if not options:
                hidden |= set(entries) - tied - ({(m, n)} if grand_fixed else set())
                if first_stuck() is not None:  # nothing left that may be hidden: hide the grand total too
                    hidden |= set(entries)
                return
            freeing = next((f for f in options if _free(e, hidden | {f}, fulls, m, n)), None)
            if freeing is None:
                # No single entry frees e: hide the cheapest one on e's row or column, and look again.
                line = [f for f in options if f[0] == e[0] or f[1] == e[1]]
                freeing = line[0] if line else options[0]
            hidden.add(freeing)

    settle()
    while small := _small_sums(hidden, full, m, n, k):
        # Step 3: widen the line's hidden part with its smallest published cell that lifts the sum to k (or the
        # largest there is, and look again); a line with no published cell left hides its total instead.
        total, cells = small[0]
        gap = k - sum(full[i][j] for i, j in cells if (i, j) in hidden)
        published = sorted((c for c in cells if c not in hidden and c not in tied), key=lambda c: full[c[0]][c[1]])
        enough = [c for c in published if full[c[0]][c[1]] >= gap]
        if enough or published:
            hidden.add(enough[0] if enough else published[-1])
        elif total in tied or (total == (m, n) and grand_fixed):
            hidden = set(entries)  # cannot happen with k > 0 (a published grand total is at least k); be safe
        else:
            hidden.add(total)
        settle()
    return _mask(hidden, m, n)
