"""The library API: one orchestrating function over the stage modules.

    from gapcheck import analyse, render
    analysis = analyse("resume.pdf", role="ml-engineer", level="mid", today="2026-11-21")
    html = render(analysis, "html")

`analyse` reads files and returns records; it never prints and never writes. The CLI
and batch mode are thin layers over these two functions.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck import __version__
from gapcheck.errors import UsageError
from gapcheck.records import Analysis, Document, DocumentSummary, Section, Target
from gapcheck.taxonomy.model import LEVELS, Taxonomy, load_taxonomy

FORMATS = ("html", "json", "md")
DEFAULT_ROLE = "ml-engineer"
DEFAULT_LEVEL = "mid"


def today_iso() -> str:
    """Today's date for a report: SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def resolve_target(taxonomy: Taxonomy, role: str, level: str, job: str | None) -> Target:
    known = [r.id for r in taxonomy.roles]
    if role not in known:
        raise UsageError("--role", f"unknown role '{role}'", f"choose one of: {', '.join(known)}")
    if level not in LEVELS:
        raise UsageError(
            "--level", f"unknown level '{level}'", f"choose one of: {', '.join(LEVELS)}"
        )
    return Target(role=role, role_name=taxonomy.role(role).name, level=level, job=job)


def analyse(
    resume: str | os.PathLike[str],
    portfolio: Sequence[str | os.PathLike[str]] = (),
    *,
    role: str = DEFAULT_ROLE,
    level: str = DEFAULT_LEVEL,
    job: str | os.PathLike[str] | None = None,
    taxonomy: Taxonomy | str | os.PathLike[str] | None = None,
    today: str | dt.date | None = None,
    engine: str = "pdfminer",
) -> Analysis:
    """Analyse one person's resume (plus optional portfolio material) against a role.

    Raises a `gapcheck.errors.GapcheckError` subclass, with a one-line message naming
    the file, for any input gapcheck cannot use.
    """
    plan = _plan(role, level, job, taxonomy, today)  # a bad option fails before any reading
    return _analyse_read(read_person(resume, portfolio, engine=engine), plan)


def read_person(
    resume: str | os.PathLike[str],
    portfolio: Sequence[str | os.PathLike[str]] = (),
    *,
    engine: str = "pdfminer",
) -> tuple[Document, ...]:
    """Read a resume (first) and its portfolio material (folders expanded) into Documents."""
    from gapcheck.detection.hands_on import expand_portfolio
    from gapcheck.reading import read_document

    documents: list[Document] = [read_document(Path(resume), role="resume", engine=engine)]
    for item in expand_portfolio([Path(p) for p in portfolio]):
        documents.append(read_document(item, role="portfolio", engine=engine))
    return tuple(documents)


def analyse_documents(
    documents: Sequence[Document],
    *,
    role: str = DEFAULT_ROLE,
    level: str = DEFAULT_LEVEL,
    job: str | os.PathLike[str] | None = None,
    taxonomy: Taxonomy | str | os.PathLike[str] | None = None,
    today: str | dt.date | None = None,
) -> Analysis:
    """`analyse` for documents already read (`read_person`): a caller that needs the read
    text too, such as redaction, reads each file once."""
    return _analyse_read(tuple(documents), _plan(role, level, job, taxonomy, today))


@dataclass(frozen=True)
class _Plan:
    """The options of one analysis, checked and resolved."""

    taxonomy: Taxonomy
    target: Target
    job_path: Path | None
    generated_on: str


def _plan(
    role: str,
    level: str,
    job: str | os.PathLike[str] | None,
    taxonomy: Taxonomy | str | os.PathLike[str] | None,
    today: str | dt.date | None,
) -> _Plan:
    tax = (
        taxonomy
        if isinstance(taxonomy, Taxonomy)
        else load_taxonomy(Path(taxonomy) if taxonomy is not None else None)
    )
    job_path = Path(job) if job is not None else None
    target = resolve_target(tax, role, level, job_path.name if job_path else None)
    # The report's date also resolves "present" in date ranges (years of use), so the same
    # inputs and date (--date, SOURCE_DATE_EPOCH) give the same report, alone or in a batch.
    generated_on = (today.isoformat() if isinstance(today, dt.date) else today) or today_iso()
    return _Plan(tax, target, job_path, generated_on)


def _analyse_read(documents: tuple[Document, ...], plan: _Plan) -> Analysis:
    from gapcheck.detection.hands_on import hands_on_items, with_hands_on_skills
    from gapcheck.sections.split import split_sections

    tax, target, job_path, generated_on = (
        plan.taxonomy,
        plan.target,
        plan.job_path,
        plan.generated_on,
    )
    sections: list[Section] = []
    summaries: list[DocumentSummary] = []
    for document in documents:
        found = split_sections(document)
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
    from gapcheck.detection import detector as detect
    from gapcheck.scoring import recommend, score

    detector = detect.get_detector(tax)
    named = detector.detect(sections, today=generated_on)
    hands_on = hands_on_items(sections, named, tax)
    detection = with_hands_on_skills(named, hands_on, sections, tax)
    result_score = score.score(detection, tax, target)
    gaps = score.rank_gaps(detection, tax, target)
    job_result = None
    if job_path is not None:
        from gapcheck.postings.parse import job_gap, read_posting  # imported only when a posting is given

        job_result = job_gap(read_posting(job_path, tax), detection, tax, target)

    warnings = tuple(w for doc in documents for w in doc.diagnostics.warnings)
    return Analysis(
        gapcheck_version=__version__,
        taxonomy_version=tax.version,
        taxonomy_as_of=tax.as_of,
        generated_on=generated_on,
        target=target,
        documents=tuple(summaries),
        detection=detection,
        score=result_score,
        gaps=gaps,
        near_misses=score.near_misses(detection, tax, target),
        learning_path=recommend.learning_path(gaps, tax),
        certifications=recommend.suggest_certifications(gaps, detection, tax),
        retired_held=recommend.retired_notes(detection, tax),
        warnings=warnings,
        job=job_result,
        hands_on=hands_on,
    )


def render(analysis: Analysis, fmt: str = "html") -> str:
    """Render an analysis as a self-contained HTML page, Markdown, or JSON text."""
    if fmt not in FORMATS:
        raise UsageError(
            "--format", f"unknown format '{fmt}'", f"choose one of: {', '.join(FORMATS)}"
        )
    from gapcheck.report import render_html, render_json, render_markdown

    if fmt == "html":
        return render_html(analysis)
    if fmt == "md":
        return render_markdown(analysis)
    return render_json(analysis)
