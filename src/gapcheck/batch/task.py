"""The per-file work of a batch: analyse one person, redact if asked, render the outputs.

`AnalyseFile` is what a worker calls for every task. It is a plain picklable object, so
the same work runs in local worker processes and on a Dask cluster. Its `warm_up` loads
the taxonomy's detector once per worker process; the worker pool calls it when a worker
starts, and the first task calls it otherwise.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gapcheck.options import Plan
from gapcheck.records import Analysis

TOP_GAPS = 3  # gaps shown per person in the cohort table and the CSV


@dataclass(frozen=True)
class AnalysisOptions:
    """Everything besides the input files that changes what a report says: the plan,
    resolved once by the caller (workers never re-validate it), and redaction."""

    plan: Plan
    redact: bool = False


@dataclass(frozen=True)
class FileTask:
    """One person to analyse. `shipped` carries the files' bytes for workers on other machines."""

    label: str
    resume: str
    portfolio: tuple[str, ...] = ()
    shipped: tuple[tuple[str, bytes], ...] = ()  # (file name, content), resume first


@dataclass(frozen=True)
class GapBrief:
    skill_id: str
    name: str
    rank: int
    credit: float
    # What the gap costs and what to do about it, for the cohort's most common gaps. State
    # written before they were kept reads with these defaults: every gap weighs the same
    # and is one to learn.
    weight: float = 1.0
    action: str = "learn"  # "learn" or "show" (the person evidently has it, never names it)

    def to_json(self) -> list[Any]:
        return [self.skill_id, self.name, self.rank, self.credit, self.weight, self.action]

    @classmethod
    def from_json(cls, data: list[Any]) -> GapBrief:
        """A gap as to_json wrote it, or as older state wrote it (its first four fields)."""
        skill_id, name, rank, credit, *rest = data
        weight = float(rest[0]) if rest else 1.0
        action = str(rest[1]) if len(rest) > 1 else "learn"
        return cls(str(skill_id), str(name), int(rank), float(credit), weight, action)


@dataclass(frozen=True)
class PersonSummary:
    """What the cohort view and the CSV need about one analysed person."""

    score: float
    band: str
    gaps: tuple[GapBrief, ...]  # all gaps, by rank: the ones to learn, then the ones to name
    skills: tuple[str, ...]  # names of the skills found, in the detector's order
    warnings: tuple[str, ...]
    portfolio_only: tuple[str, ...] = ()  # names of skills only the portfolio proves

    @property
    def learn_gaps(self) -> tuple[GapBrief, ...]:
        """The gaps to study, by rank (a "show" gap is a skill to name, not to learn)."""
        return tuple(g for g in self.gaps if g.action == "learn")

    @property
    def top_gaps(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.learn_gaps[:TOP_GAPS])

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "band": self.band,
            "gaps": [g.to_json() for g in self.gaps],
            "skills": list(self.skills),
            "warnings": list(self.warnings),
            "portfolio_only": list(self.portfolio_only),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PersonSummary:
        return cls(
            score=float(data["score"]),
            band=str(data["band"]),
            gaps=tuple(GapBrief.from_json(gap) for gap in data["gaps"]),
            skills=tuple(str(s) for s in data["skills"]),
            warnings=tuple(str(w) for w in data["warnings"]),
            portfolio_only=tuple(str(s) for s in data.get("portfolio_only", ())),
        )


@dataclass(frozen=True)
class FileOutcome:
    summary: PersonSummary
    html: str
    result: str  # the JSON report on one line (the data render(analysis, "json") prints)
    label: str = ""  # the label to show instead of the input's (redacted); "" keeps it


def summarise(analysis: Analysis) -> PersonSummary:
    gaps = tuple(
        GapBrief(g.skill_id, g.name, g.rank, g.credit, g.weight, g.action)
        for g in sorted(analysis.gaps, key=lambda g: g.rank)
    )
    return PersonSummary(
        score=analysis.score.value,
        band=analysis.score.band,
        gaps=gaps,
        skills=tuple(s.name for s in analysis.detection.skills if s.explicit),
        warnings=analysis.warnings,
        portfolio_only=tuple(s.name for s in analysis.detection.skills if s.portfolio_only),
    )


class AnalyseFile:
    """The per-file function: FileTask -> FileOutcome; raises GapcheckError on bad input."""

    def __init__(self, options: AnalysisOptions) -> None:
        self.options = options

    def warm_up(self) -> None:
        """Build the taxonomy's detector now (once per worker process: its `Knowledge`
        keeps it, found by content, so a plan unpickled with every task reuses it)."""
        from gapcheck.detection.detector import get_detector

        get_detector(self.options.plan.taxonomy)

    def __call__(self, task: FileTask) -> FileOutcome:
        if task.shipped:
            with tempfile.TemporaryDirectory(prefix="gapcheck-") as folder:
                paths = []
                for index, (name, content) in enumerate(task.shipped):
                    # Each file in its own folder: names may repeat, and the report shows the name.
                    target = Path(folder) / str(index) / Path(name).name
                    target.parent.mkdir()
                    target.write_bytes(content)
                    paths.append(str(target))
                return self._analyse(task.label, paths[0], tuple(paths[1:]))
        return self._analyse(task.label, task.resume, task.portfolio)

    def _analyse(self, label: str, resume: str, portfolio: tuple[str, ...]) -> FileOutcome:
        from gapcheck.api import analyse_documents, read_person
        from gapcheck.batch.redact import identify, redact_analysis, redact_text
        from gapcheck.report.formats import render
        from gapcheck.report.jsonout import to_json_dict

        options = self.options
        # Read once: redaction needs the resume's own lines, the analysis the same documents.
        documents = read_person(resume, portfolio, engine=options.plan.engine)
        analysis = analyse_documents(documents, options.plan)
        shown = ""
        if options.redact:
            # The name is found in the text, the e-mail address and the person's own file
            # and folder names (the batch shows "Person 01"... instead of the label).
            identity = identify(documents, (label, Path(resume).name))
            analysis = redact_analysis(analysis, identity)
            shown = redact_text(label, identity)
        return FileOutcome(
            label=shown,
            summary=summarise(analysis),
            html=render(analysis, "html"),
            # Serialised here, in parallel, on one line: the parent only copies the text
            # into its state record and results.jsonl, never parsing it.
            result=json.dumps(to_json_dict(analysis), ensure_ascii=False, allow_nan=False),
        )
