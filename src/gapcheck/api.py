"""The library API: one orchestrating function over the stages.

    from gapcheck import analyse, render
    analysis = analyse("resume.pdf", role="ml-engineer", level="mid", today="2026-11-21")
    html = render(analysis, "html")

    read -> sections -> detect -> score -> recommend -> render

`analyse` checks its options first (`gapcheck.options.Options.resolve`), then reads files
and returns records; it never prints and never writes. The CLI and batch mode are thin
layers over these functions.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from gapcheck.options import DEFAULT_ENGINE, DEFAULT_ROLE, Options, Plan
from gapcheck.records import Analysis, Document, DocumentSummary, JobGap, Section
from gapcheck.version import __version__

if TYPE_CHECKING:  # names for type checkers only: importing the stages is deferred
    from gapcheck.taxonomy.model import Taxonomy


def analyse(
    resume: str | os.PathLike[str],
    portfolio: Sequence[str | os.PathLike[str]] = (),
    *,
    role: str = DEFAULT_ROLE,
    level: str | None = None,
    job: str | os.PathLike[str] | None = None,
    jobs: Sequence[str | os.PathLike[str]] = (),
    since: str | os.PathLike[str] | None = None,
    taxonomy: Taxonomy | str | os.PathLike[str] | None = None,
    today: str | dt.date | None = None,
    engine: str = DEFAULT_ENGINE,
    options: Options | None = None,
) -> Analysis:
    """Analyse one person's resume (plus optional portfolio material) against a role.

    Pass the options as keywords or as one `Options` record (`options=` wins). They are
    all checked before any file is read. `job` is a posting file (the report leads with
    it) or a folder of postings; with `jobs` too, or a folder of several, the report ranks
    the postings by fit and plans across them (`Analysis.jobs`). `since`, an earlier JSON
    report of the same person, makes every format say what changed (`Analysis.since`,
    gapcheck.scoring.changes). Raises a
    `gapcheck.errors.GapcheckError` subclass, with a one-line message naming the file, for
    any input gapcheck cannot use.
    """
    if options is None:
        options = Options(
            role=role,
            level=level,
            job=job,
            jobs=tuple(jobs),
            since=since,
            taxonomy=taxonomy,
            today=today,
            engine=engine,
        )
    plan = options.resolve()  # a bad option or posting fails before any reading
    return analyse_documents(read_person(resume, portfolio, engine=plan.engine), plan)


def read_person(
    resume: str | os.PathLike[str],
    portfolio: Sequence[str | os.PathLike[str]] = (),
    *,
    engine: str = DEFAULT_ENGINE,
) -> tuple[Document, ...]:
    """Read a resume (first) and its portfolio material (folders expanded) into Documents."""
    from gapcheck.reading import read_document
    from gapcheck.reading.inputs import expand_portfolio

    documents: list[Document] = [read_document(Path(resume), role="resume", engine=engine)]
    for item in expand_portfolio([Path(p) for p in portfolio]):
        documents.append(read_document(item, role="portfolio", engine=engine))
    return tuple(documents)


def analyse_documents(documents: Sequence[Document], plan: Plan) -> Analysis:
    """`analyse` for documents already read (`read_person`) and options already resolved:
    a caller that needs the read text too, such as redaction, reads each file once."""
    from gapcheck.detection.hands_on import hands_on_items, with_hands_on_skills
    from gapcheck.sections.resume_check import check_resume
    from gapcheck.sections.split import sectioned

    tax, target, generated_on = plan.taxonomy, plan.target, plan.generated_on
    sections: list[Section] = []
    summaries: list[DocumentSummary] = []
    for read in documents:
        document, found = sectioned(read)  # the document gains its section warnings
        check_resume(document, found)  # refuses a "resume" that is not one, before scoring
        sections.extend(found)
        summaries.append(
            DocumentSummary(
                source=document.source,
                kind=document.kind,
                role=document.role,
                diagnostics=document.diagnostics,
                sections=tuple((s.kind, s.heading) for s in found),
            )
        )

    # spaCy loads only now: a file refused by the reader costs neither its time nor memory.
    from gapcheck.detection.background import read_background
    from gapcheck.detection.detector import get_detector
    from gapcheck.scoring import recommend
    from gapcheck.scoring.gaps import rank_gaps
    from gapcheck.scoring.level import choose_level
    from gapcheck.scoring.near_misses import near_misses
    from gapcheck.scoring.score import score

    named = get_detector(tax).detect(sections, today=generated_on)
    hands_on = hands_on_items(sections, named, tax)
    detection = with_hands_on_skills(named, hands_on, sections, tax)
    background = read_background(sections, detection, tax, generated_on)
    level = choose_level(background, target.level if plan.level_given else None)
    target = replace(target, level=level.level)  # weights, gaps and advice follow it
    role_score = score(detection, tax, target, background)
    postings = (plan.posting,) if plan.posting is not None else plan.postings
    jobs: tuple[JobGap, ...] = ()
    if postings:
        from gapcheck.scoring.posting_gap import posting_gap

        resume_lines = tuple(line.text for s in sections for line in s.lines)
        jobs = tuple(
            posting_gap(posting, detection, tax, target, background, resume_lines=resume_lines)
            for posting in postings
        )
    job_result = None
    if plan.posting is not None:  # one posting: it leads the gaps
        job_result, jobs = jobs[0], ()
    if jobs:  # several postings: the plan across them leads the gaps
        from gapcheck.scoring.across import plan_ranked_gaps

        gaps = plan_ranked_gaps(detection, tax, target, background, jobs, role_score)
    else:
        gaps = rank_gaps(detection, tax, target, background=background, posting=job_result)
    experienced = level.level == "senior" or any(d.level == "phd" for d in background.degrees)

    warnings = tuple(w for summary in summaries for w in summary.diagnostics.warnings)
    warnings += plan.postings_left_out
    return Analysis(
        gapcheck_version=__version__,
        taxonomy_version=tax.version,
        taxonomy_as_of=tax.as_of,
        generated_on=generated_on,
        target=target,
        documents=tuple(summaries),
        detection=detection,
        score=role_score,
        gaps=gaps,
        near_misses=near_misses(detection, tax, target),
        learning_path=recommend.learning_path(gaps, tax),
        certifications=recommend.suggest_certifications(
            gaps, detection, tax, experienced=experienced
        ),
        retired_held=recommend.retired_notes(detection, tax),
        warnings=warnings,
        job=job_result,
        hands_on=hands_on,
        level=level,
        background=background,
        jobs=jobs,
        since=plan.since,
    )


def render(analysis: Analysis, fmt: str = "html") -> str:
    """Render an analysis as a self-contained HTML page, Markdown, or JSON text."""
    from gapcheck.report.formats import render as render_format

    return render_format(analysis, fmt)
