"""The cohort page's records: what it is given about each input, and what it shows.

Input (one `CohortEntry` per input of the batch; the batch's PersonSummary satisfies
`PersonFacts`): score, band, gaps, skills, warnings, level, the fit to the posting and one
cell per skill. Output: the frozen `CohortContext` the template fills, every value
pre-computed, in a deterministic order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

# --------------------------------------------------------------------------- input


class GapFacts(Protocol):
    """One gap of one person, as the cohort page needs it (the batch's GapBrief)."""

    @property
    def skill_id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def weight(self) -> float: ...  # the role weight the gap costs this person

    @property
    def action(self) -> str: ...  # "learn", or "show": evidently known, never named


class FitFacts(Protocol):
    """One person against the batch's posting (the batch's FitBrief)."""

    @property
    def fit(self) -> float: ...  # 0..1: match, halved per knockout

    @property
    def match(self) -> float: ...

    @property
    def required_met(self) -> int: ...

    @property
    def required_total(self) -> int: ...

    @property
    def preferred_met(self) -> int: ...

    @property
    def preferred_total(self) -> int: ...

    @property
    def required_share(self) -> float: ...

    @property
    def knockouts(self) -> Sequence[str]: ...

    @property
    def missing_required(self) -> Sequence[str]: ...


class CellFacts(Protocol):
    """One skill of one person (the batch's Cell): a cell of the matrix."""

    @property
    def skill_id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def status(self) -> str: ...  # a key of CELL_KINDS

    @property
    def weight(self) -> float: ...  # the role's weight (0: not a skill of the role)

    @property
    def posting(self) -> str: ...  # "required", "preferred" or ""


class PersonFacts(Protocol):
    """One analysed person, as the cohort page needs it (the batch's PersonSummary)."""

    @property
    def score(self) -> float: ...

    @property
    def band(self) -> str: ...

    @property
    def gaps(self) -> Sequence[GapFacts]: ...  # all gaps, by rank

    @property
    def skills(self) -> Sequence[str]: ...

    @property
    def warnings(self) -> Sequence[str]: ...

    @property
    def portfolio_only(self) -> Sequence[str]: ...

    @property
    def top_gaps(self) -> Sequence[str]: ...

    @property
    def level(self) -> str: ...

    @property
    def fit(self) -> FitFacts | None: ...

    @property
    def cells(self) -> Sequence[CellFacts]: ...


@dataclass(frozen=True)
class PersonChanges:
    """What changed for one person since their previous analysis (skill names)."""

    previous_score: float
    score_delta: float
    newly_shown: tuple[str, ...] = ()
    no_longer_shown: tuple[str, ...] = ()
    gaps_closed: tuple[str, ...] = ()
    gaps_opened: tuple[str, ...] = ()
    note: str = ""  # the earlier analysis used another taxonomy or gapcheck version

    @property
    def any(self) -> bool:
        return bool(
            self.score_delta
            or self.newly_shown
            or self.no_longer_shown
            or self.gaps_closed
            or self.gaps_opened
        )


@dataclass(frozen=True)
class CohortEntry:
    """One input of the batch as the cohort view sees it."""

    label: str
    status: str  # "analysed", "failed", "not-a-resume" or "skipped"
    report: str | None = None  # relative link to the person's report
    summary: PersonFacts | None = None
    error: str = ""  # why it failed, is not a resume, or was skipped
    failure_kind: str = ""
    changes: PersonChanges | None = None  # None: no previous analysis to compare with


# --------------------------------------------------------------------------- the contract


@dataclass(frozen=True)
class CellKind:
    code: str  # the letter in MatrixRow.codes
    glyph: str  # a shape, so the cell never relies on colour
    word: str  # what it means, in the page and in skills.csv
    value: int  # for sorting: shown > shown by evidence > implied > missing


CELL_KINDS: Mapping[str, CellKind] = {
    kind.code: kind
    for kind in (
        CellKind("s", "●", "shown", 3),
        CellKind("e", "◆", "shown-by-evidence", 2),
        CellKind("i", "◐", "implied", 1),
        CellKind("m", "○", "missing", 0),
        CellKind(".", "·", "not assessed", -1),  # not a skill of this person's comparison
    )
}


@dataclass(frozen=True)
class ChangeView:
    """A person's changes as the page shows them."""

    delta: str  # "+4.5", "−2.0", "0.0"
    delta_value: float
    previous_score: str
    newly_shown: tuple[str, ...]
    gaps_closed: tuple[str, ...]
    gaps_opened: tuple[str, ...]
    no_longer_shown: tuple[str, ...]
    note: str
    changed: bool


@dataclass(frozen=True)
class PersonRow:
    label: str
    report: str | None
    score: str  # "55.0"
    score_value: float  # for sorting in the browser
    band: str
    band_value: int  # the band's place in BAND_ORDER, -1 if unknown
    top_gaps: tuple[str, ...]  # the first skills to learn
    gap_count: int  # skills to learn
    skill_count: int
    portfolio_only: int  # skills only the portfolio proves
    warnings: tuple[str, ...]
    rank: int = 0  # 1 = the best by the page's order (fit with a posting, else score)
    level: str = ""
    fit: str = ""  # "72%" with a posting
    fit_value: float = 0.0
    required: str = ""  # "5 of 8"
    required_value: float = 0.0  # share of the required skills shown
    required_missing: tuple[str, ...] = ()
    knockouts: tuple[str, ...] = ()
    changes: ChangeView | None = None


@dataclass(frozen=True)
class CommonGap:
    skill_id: str
    name: str
    count: int  # analysed people who lack it
    total: int  # analysed people
    percent: int
    text: str  # "3 of 4 lack Docker"
    weight: str  # "4.5": its mean role weight among the people who lack it
    importance: float  # weight x share of people lacking it: the order of the list
    y: int
    bar_x: int
    bar_width: float
    count_x: float


@dataclass(frozen=True)
class HistogramBar:
    low: int
    high: int
    count: int
    x: float
    width: float
    y: float
    height: float
    label_x: float


@dataclass(frozen=True)
class Histogram:
    width: int
    height: int
    axis_y: int
    label_y: int
    bars: tuple[HistogramBar, ...]


@dataclass(frozen=True)
class BandCount:
    band: str
    count: int


@dataclass(frozen=True)
class Count:
    """A named count: a status, a level."""

    name: str
    count: int
    percent: int = 0  # of the people it counts among


@dataclass(frozen=True)
class FailedRow:
    """An input that was not analysed: failed, not a resume, or skipped."""

    label: str
    reason: str
    kind: str
    status: str = "failed"


@dataclass(frozen=True)
class MatrixColumn:
    skill_id: str
    name: str
    posting: str  # "required", "preferred" or "" (the role's skills)
    weight: str  # its mean role weight over the cohort
    have: int  # people shown it, named or by evidence
    assessed: int  # people it was a skill of


@dataclass(frozen=True)
class MatrixRow:
    label: str
    report: str | None
    codes: str  # one CELL_KINDS code per column


@dataclass(frozen=True)
class Matrix:
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]
    columns_total: int  # skills there were to show (more than `columns` when capped)
    note: str  # what is left out, if anything


@dataclass(frozen=True)
class PostingInfo:
    title: str
    source: str


@dataclass(frozen=True)
class CohortContext:
    """Everything the cohort template shows, as plain values, in a deterministic order."""

    title: str
    role_name: str
    level: str
    generated_on: str
    gapcheck_version: str
    redacted: bool
    total: int
    analysed: int
    failed_count: int  # inputs not analysed (failed, not a resume, skipped)
    median_score: str  # "55.0", or "n/a" with nobody analysed
    bands: tuple[BandCount, ...]  # in BAND_ORDER
    people: tuple[PersonRow, ...]  # best first (see `order`), at most PEOPLE_SHOWN
    common_gaps: tuple[CommonGap, ...]  # most important first: weight x share lacking it
    common_gaps_height: int
    histogram: Histogram
    failed: tuple[FailedRow, ...]  # inputs not analysed, by label, at most PEOPLE_SHOWN
    statuses: tuple[Count, ...] = ()  # every status, in STATUS_ORDER, zeros included
    levels: tuple[Count, ...] = ()  # entry, mid, senior (and any other), of the analysed
    posting: PostingInfo | None = None
    order: str = ""  # how `people` is ordered, with the tie-breaks, in words
    people_note: str = ""  # "" or what the cap left out
    failed_note: str = ""
    matrix: Matrix | None = None
    has_changes: bool = False  # someone's results changed since their previous analysis
    changed: int = 0  # people whose results changed since (score, skills shown, gaps)
    cell_kinds: tuple[CellKind, ...] = ()  # the legend, in CELL_KINDS order
