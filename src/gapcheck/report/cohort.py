"""The cohort page: one page over a whole batch, built from one pass over its inputs.

    cohort_model.py   what the page is given (CohortEntry, PersonFacts) and shows (CohortContext)
    cohort_build.py   CohortBuilder: inputs added one at a time, bounded memory, the context
    cohort_matrix.py  the person x skill matrix, one letter per cell
    cohort_charts.py  the common gaps, the median and the score histogram

`cohort_context(entries, ...)` is the builder over a sequence, for callers (and tests) that
have the entries at hand; the batch feeds a `CohortBuilder` as it reads its state records
back. `render_cohort(context)` only fills cohort.html.j2. The page is rendered by the
report's own environment (environment.py), so it is self-contained and inert like the
single report: autoescaped, StrictUndefined, and a CSP that allows no network and only
its own stylesheet and script (cohort.css, cohort.js), each pinned by its hash. The
script sorts the people table and the matrix and nothing else.

Nothing here reads files or knows how the batch stores its results.
"""

from __future__ import annotations

from collections.abc import Iterable

from gapcheck.report.cohort_build import (
    BAND_ORDER,
    COMMON_GAPS_SHOWN,
    MATRIX_COLUMNS,
    PEOPLE_SHOWN,
    CohortBuilder,
)
from gapcheck.report.cohort_charts import HISTOGRAM_BINS
from gapcheck.report.cohort_model import (
    CELL_KINDS,
    BandCount,
    CohortContext,
    CohortEntry,
    CommonGap,
    FailedRow,
    PersonChanges,
    PersonFacts,
    PersonRow,
    PostingInfo,
)
from gapcheck.report.environment import render_page

COHORT_TEMPLATE = "cohort.html.j2"
COHORT_STYLE = "cohort.css"
COHORT_SCRIPT = "cohort.js"

__all__ = [
    "BAND_ORDER",
    "CELL_KINDS",
    "COHORT_SCRIPT",
    "COHORT_STYLE",
    "COHORT_TEMPLATE",
    "COMMON_GAPS_SHOWN",
    "HISTOGRAM_BINS",
    "MATRIX_COLUMNS",
    "PEOPLE_SHOWN",
    "BandCount",
    "CohortBuilder",
    "CohortContext",
    "CohortEntry",
    "CommonGap",
    "FailedRow",
    "PersonChanges",
    "PersonFacts",
    "PersonRow",
    "PostingInfo",
    "cohort_context",
    "render_cohort",
]


def cohort_context(
    entries: Iterable[CohortEntry],
    *,
    role_name: str,
    level: str,
    generated_on: str,
    gapcheck_version: str,
    redacted: bool = False,
    posting: PostingInfo | None = None,
    limit: int = PEOPLE_SHOWN,
) -> CohortContext:
    """Everything the cohort template shows, computed in one pass over `entries`."""
    builder = CohortBuilder(posting=posting, limit=limit)
    for entry in entries:
        builder.add(entry)
    return builder.context(
        role_name=role_name,
        level=level,
        generated_on=generated_on,
        gapcheck_version=gapcheck_version,
        redacted=redacted,
    )


def render_cohort(context: CohortContext) -> str:
    """The cohort page: one self-contained HTML file, no external requests of any kind."""
    return render_page(
        COHORT_TEMPLATE, COHORT_STYLE, COHORT_SCRIPT, cohort=context, kinds=CELL_KINDS
    )
