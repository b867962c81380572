"""The person x skill matrix, tallied one person at a time.

Columns are the posting's skills (required first) when the batch has a posting, else the
role's skills; each ordered by its mean role weight over the cohort, heaviest first, then
by name. A person's row is kept as one letter per column (CELL_KINDS), so a row costs a
few dozen bytes; the columns are bounded by the taxonomy, never by the number of people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gapcheck.report.cohort_model import (
    CELL_KINDS,
    CellFacts,
    Matrix,
    MatrixColumn,
    MatrixRow,
)
from gapcheck.support.text import number

NOT_ASSESSED = "."
HAVE = ("s", "e")  # shown, named or by evidence


class MatrixTally:
    """Which skills are columns, their cohort-wide figures, and each person's codes."""

    def __init__(self, *, by_posting: bool) -> None:
        self.by_posting = by_posting
        self.index: dict[str, int] = {}  # skill id -> its column, in order of first sight
        self.ids: list[str] = []
        self.names: list[str] = []
        self.posting: list[str] = []
        self.weights: list[float] = []  # summed over the people it was assessed for
        self.assessed: list[int] = []
        self.have: list[int] = []

    def _is_column(self, cell: CellFacts) -> bool:
        return bool(cell.posting) if self.by_posting else cell.weight > 0

    def add(self, cells: Sequence[CellFacts]) -> str:
        """Count one person's cells; their codes, one per column known so far."""
        codes: dict[int, str] = {}
        for cell in cells:
            if not self._is_column(cell) or cell.status not in CELL_KINDS:
                continue
            column = self.index.get(cell.skill_id)
            if column is None:
                column = self.index[cell.skill_id] = len(self.names)
                self.ids.append(cell.skill_id)
                self.names.append(cell.name)
                self.posting.append(cell.posting)
                self.weights.append(0.0)
                self.assessed.append(0)
                self.have.append(0)
            elif cell.posting == "required":
                self.posting[column] = "required"
            if column in codes:
                continue
            codes[column] = cell.status
            self.weights[column] += cell.weight
            self.assessed[column] += 1
            self.have[column] += cell.status in HAVE
        return "".join(codes.get(c, NOT_ASSESSED) for c in range(len(self.names)))

    def _mean_weight(self, column: int) -> float:
        return self.weights[column] / self.assessed[column] if self.assessed[column] else 0.0

    def order(self) -> list[int]:
        """The columns in page order: required first (with a posting), heaviest, by name."""

        def key(column: int) -> tuple[int, float, str, str]:
            first = 0 if not self.by_posting or self.posting[column] == "required" else 1
            name = self.names[column]
            return (first, -round(self._mean_weight(column), 6), name.casefold(), name)

        return sorted(range(len(self.names)), key=key)

    def matrix(
        self,
        rows: Iterable[tuple[str, str | None, str]],
        *,
        column_limit: int,
        rows_total: int,
        rows_shown: int,
    ) -> Matrix:
        """The matrix of `rows` (label, report, codes as `add` gave them), columns capped."""
        order = self.order()
        shown = order[:column_limit]
        columns = tuple(
            MatrixColumn(
                skill_id=self.ids[column],
                name=self.names[column],
                posting=self.posting[column],
                weight=number(self._mean_weight(column)),
                have=self.have[column],
                assessed=self.assessed[column],
            )
            for column in shown
        )
        matrix_rows = tuple(
            MatrixRow(
                label,
                report,
                "".join(codes[c] if c < len(codes) else NOT_ASSESSED for c in shown),
            )
            for label, report, codes in rows
        )
        notes = []
        if len(order) > len(shown):
            what = "posting's" if self.by_posting else "role's"
            notes.append(
                f"The {len(shown)} weightiest of the {what} {len(order)} skills are shown; "
                "skills.csv has every skill of every person."
            )
        if rows_total > rows_shown:
            notes.append(
                f"The first {rows_shown:,} of {rows_total:,} people (in the order above) are "
                "shown; skills.csv has everyone."
            )
        return Matrix(
            columns=columns, rows=matrix_rows, columns_total=len(order), note=" ".join(notes)
        )
