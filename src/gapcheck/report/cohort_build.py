"""The cohort page's accumulator: one input at a time in, one frozen context out.

    builder = CohortBuilder(posting=PostingInfo(title, source))   # or posting=None
    for entry in entries:          # any number, read one at a time
        builder.add(entry)
    context = builder.context(role_name=..., level=..., generated_on=..., gapcheck_version=...)

Memory stays bounded whatever the size of the batch: the builder keeps counters (statuses,
bands, levels, scores by tenths, gaps per skill, the matrix's columns) and at most
2 x `limit` compact rows of each kind (people, inputs not analysed), trimming to the best
`limit` whenever it holds more. The page shows the first `limit` people in its order and
says how many it leaves out (summary.csv and skills.csv have everyone).

Order of the people: with a posting, by fit (gapcheck.scoring.fit: the match on the
posting's skill requirements with a point of doubt either way, halved per knockout; one
posting for all, so the doubt never changes the order of two people without knockouts),
ties by higher match, more of the required skills, fewer knockouts, higher role score,
then the label; without one, by score, ties by label. Inputs not analysed are listed by
label.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from gapcheck.report.cohort_charts import GapTally, ScoreTally
from gapcheck.report.cohort_matrix import MatrixTally
from gapcheck.report.cohort_model import (
    CELL_KINDS,
    BandCount,
    ChangeView,
    CohortContext,
    CohortEntry,
    Count,
    FailedRow,
    PersonChanges,
    PersonFacts,
    PersonRow,
    PostingInfo,
)
from gapcheck.scoring.fit import fit_key

PEOPLE_SHOWN = 2000  # rows of the people table, the matrix and the not-analysed list
MATRIX_COLUMNS = 40  # skills shown as matrix columns (skills.csv has them all)
COMMON_GAPS_SHOWN = 15
BAND_ORDER = ("weak", "fair", "good", "strong")
STATUS_ORDER = ("analysed", "failed", "not-a-resume", "skipped")
LEVEL_ORDER = ("entry", "mid", "senior")
MINUS = "\u2212"

ORDER_BY_FIT = (
    "Ranked by fit to the posting: the share of its skill requirements the resume shows "
    "(a required skill counts twice, a group of alternatives once) with a point of doubt "
    "either way, so a short posting fully met stays below 100%, halved for each "
    "knockout (a required degree, years, clearance or authorisation the resume shows it "
    "does not meet; one the posting lets you meet otherwise is no knockout). Ties go to the "
    "higher skill match, then more required skills shown, then fewer knockouts, then the "
    "higher role score, then the file name."
)
ORDER_BY_SCORE = "Ranked by score; equal scores by file name."


def signed(value: float) -> str:
    """ "+4.5", "−2.0" (a real minus sign), "0.0"."""
    if value > 0:
        return f"+{value:.1f}"
    if value < 0:
        return f"{MINUS}{-value:.1f}"
    return "0.0"


def change_view(changes: PersonChanges) -> ChangeView:
    return ChangeView(
        delta=signed(changes.score_delta),
        delta_value=changes.score_delta,
        previous_score=f"{changes.previous_score:.1f}",
        newly_shown=changes.newly_shown,
        gaps_closed=changes.gaps_closed,
        gaps_opened=changes.gaps_opened,
        no_longer_shown=changes.no_longer_shown,
        note=changes.note,
        changed=changes.any,
    )


def _person_row(entry: CohortEntry, summary: PersonFacts) -> PersonRow:
    fit = summary.fit
    extra: dict[str, Any] = {}
    if fit is not None:
        extra = {
            "fit": f"{round(100 * fit.fit)}%",
            "fit_value": round(fit.fit, 4),
            "required": f"{fit.required_met} of {fit.required_total}",
            "required_value": round(fit.required_share, 4),
            "required_missing": tuple(fit.missing_required),
            "knockouts": tuple(fit.knockouts),
        }
    return PersonRow(
        label=entry.label,
        report=entry.report,
        score=f"{summary.score:.1f}",
        score_value=summary.score,
        band=summary.band,
        band_value=BAND_ORDER.index(summary.band) if summary.band in BAND_ORDER else -1,
        top_gaps=tuple(summary.top_gaps),
        gap_count=sum(1 for g in summary.gaps if g.action == "learn"),
        skill_count=len(summary.skills),
        portfolio_only=len(summary.portfolio_only),
        warnings=tuple(summary.warnings),
        level=summary.level,
        changes=None if entry.changes is None else change_view(entry.changes),
        **extra,
    )


def rank_key(label: str, summary: PersonFacts, by_fit: bool) -> tuple[Any, ...]:
    """The people's order (module docstring): smaller first."""
    fit = summary.fit
    if by_fit and fit is not None:
        return (0, *fit_key(fit), -summary.score, label)
    # Without a fit (no posting, or state older than fits): after those with one, by score.
    return (1 if by_fit else 0, 0.0, 0.0, 0.0, 0, -summary.score, label)


class CohortBuilder:
    """Takes the batch's inputs one at a time; `context()` gives the page's CohortContext."""

    def __init__(
        self,
        *,
        posting: PostingInfo | None = None,
        limit: int = PEOPLE_SHOWN,
        matrix_columns: int = MATRIX_COLUMNS,
    ) -> None:
        self.posting = posting
        self.limit = max(1, limit)
        self.matrix_columns = matrix_columns
        self.statuses: Counter[str] = Counter()
        self.bands: Counter[str] = Counter()
        self.levels: Counter[str] = Counter()
        self.scores = ScoreTally()
        self.gaps = GapTally()
        self.matrix = MatrixTally(by_posting=posting is not None)
        # (rank key, row, matrix codes) of the best people so far; (label, n, row) of the rest
        self._people: list[tuple[tuple[Any, ...], PersonRow, str]] = []
        self._failed: list[tuple[str, int, FailedRow]] = []
        self._seen = 0  # inputs added: the last tie-break, so the order is total
        self.changed = 0

    @property
    def kept(self) -> int:
        """Rows held right now (never more than 2 x limit of each kind)."""
        return len(self._people) + len(self._failed)

    def add(self, entry: CohortEntry) -> None:
        summary = entry.summary
        if entry.status == "analysed" and summary is not None:
            self._add_person(entry, summary)
            return
        self._seen += 1
        status = entry.status if entry.status != "analysed" else "failed"
        self.statuses[status] += 1
        row = FailedRow(entry.label, entry.error, entry.failure_kind, status)
        self._failed.append((entry.label, self._seen, row))
        if len(self._failed) >= 2 * self.limit:
            self._failed = sorted(self._failed)[: self.limit]

    def _add_person(self, entry: CohortEntry, summary: PersonFacts) -> None:
        self._seen += 1
        self.statuses["analysed"] += 1
        self.bands[summary.band] += 1
        self.levels[summary.level or "unknown"] += 1
        self.scores.add(summary.score)
        self.gaps.add(tuple(summary.gaps))
        codes = self.matrix.add(summary.cells)
        if entry.changes is not None:
            self.changed += entry.changes.any
        key = rank_key(entry.label, summary, self.posting is not None)
        self._people.append(((*key, self._seen), _person_row(entry, summary), codes))
        if len(self._people) >= 2 * self.limit:
            self._people = sorted(self._people, key=lambda item: item[0])[: self.limit]

    def context(
        self,
        *,
        role_name: str,
        level: str,
        generated_on: str,
        gapcheck_version: str,
        redacted: bool = False,
    ) -> CohortContext:
        """Everything the cohort template shows, from what was added."""
        people = sorted(self._people, key=lambda item: item[0])[: self.limit]
        failed = [row for *_, row in sorted(self._failed)[: self.limit]]
        analysed = self.statuses["analysed"]
        not_analysed = sum(self.statuses[s] for s in self.statuses if s != "analysed")
        total = analysed + not_analysed
        median = self.scores.median()
        common = self.gaps.common(COMMON_GAPS_SHOWN)
        posting = self.posting
        title = f"Cohort gap analysis: {role_name} ({level})"
        if posting is not None:
            title = f"Cohort fit: {posting.title}"
        rows = tuple(_ranked(row, rank) for rank, (_key, row, _codes) in enumerate(people, 1))
        matrix = self.matrix.matrix(
            ((row.label, row.report, codes) for _key, row, codes in people),
            column_limit=self.matrix_columns,
            rows_total=analysed,
            rows_shown=len(rows),
        )
        extra_statuses = sorted(s for s in self.statuses if s not in STATUS_ORDER)
        levels = [*LEVEL_ORDER, *sorted(x for x in self.levels if x not in LEVEL_ORDER)]
        return CohortContext(
            title=title,
            role_name=role_name,
            level=level,
            generated_on=generated_on,
            gapcheck_version=gapcheck_version,
            redacted=redacted,
            total=total,
            analysed=analysed,
            failed_count=not_analysed,
            median_score=f"{median:.1f}" if median is not None else "n/a",
            bands=tuple(BandCount(b, self.bands.get(b, 0)) for b in BAND_ORDER),
            people=rows,
            common_gaps=common,
            common_gaps_height=max(26, 26 * len(common)),
            histogram=self.scores.histogram(),
            failed=tuple(failed),
            statuses=tuple(
                Count(s, self.statuses.get(s, 0), _percent(self.statuses.get(s, 0), total))
                for s in (*STATUS_ORDER, *extra_statuses)
            ),
            levels=tuple(
                Count(x, self.levels[x], _percent(self.levels[x], analysed))
                for x in levels
                if self.levels.get(x, 0) or x in LEVEL_ORDER
            ),
            posting=posting,
            order=ORDER_BY_FIT if posting is not None else ORDER_BY_SCORE,
            people_note=_cap_note(len(rows), analysed, "people"),
            failed_note=_cap_note(len(failed), not_analysed, "inputs"),
            matrix=matrix,
            has_changes=self.changed > 0,
            changed=self.changed,
            cell_kinds=tuple(
                kind
                for kind in CELL_KINDS.values()
                if kind.value >= 0 or any(kind.code in row.codes for row in matrix.rows)
            ),
        )


def _ranked(row: PersonRow, rank: int) -> PersonRow:
    return replace(row, rank=rank)


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _cap_note(shown: int, total: int, what: str) -> str:
    if total <= shown:
        return ""
    return f"The first {shown:,} of {total:,} {what} are shown here; summary.csv lists them all."
