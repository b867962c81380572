"""What the cohort outputs need about one analysed person, kept in its state record.

`summarise(analysis)` runs in the worker; the parent keeps only these compact records
(never the full analysis), so the cohort files are built without re-reading any resume
or parsing any full result:

    PersonSummary   score, band, gaps (GapBrief), skills, warnings: the people table and
                    the common gaps; level; the fit to the posting (FitBrief); one Cell per
                    skill of the role, the posting and the resume: the matrix and skills.csv;
                    the ids a later run compares with (`changes_between`)

State written before a field existed reads with its default (no cells, no fit, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gapcheck.records import Analysis, Evidence
from gapcheck.report.cohort_model import PersonChanges
from gapcheck.report.display import file_name  # as the JSON result names documents
from gapcheck.scoring.changes import Snapshot, compare
from gapcheck.scoring.fit import posting_fit
from gapcheck.taxonomy.model import taxonomy_key

TOP_GAPS = 3  # gaps shown per person in the cohort table and the CSV

# A cell's status, one letter in the state record; the words are the ones skills.csv writes.
STATUS_WORDS = {
    "s": "shown",  # named in the resume (or the portfolio)
    "e": "shown-by-evidence",  # never named, but a degree, a title or papers show it
    "i": "implied",  # only implied by another skill found (partial credit)
    "m": "missing",
}


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
class Cell:
    """One skill of one person: a cell of the matrix and a row of skills.csv.

    The same facts the person's JSON result holds: `skills[]` (explicit -> shown, else
    implied; strength, years, the first evidence's document, page and line), `gaps[]` with
    action "show" (shown-by-evidence: the gap's credit and its shown_by evidence), the
    role's `score.items` (weight) and the posting's skill `requirements` (required first).
    """

    skill_id: str
    name: str
    status: str  # a key of STATUS_WORDS
    strength: float | None = None
    years: float | None = None
    document: str = ""
    page: int | None = None
    line: int | None = None
    weight: float = 0.0  # the role's weight for this person (0: not a skill of the role)
    posting: str = ""  # "required", "preferred", or "" (not a skill the posting asks for)

    @property
    def status_word(self) -> str:
        return STATUS_WORDS.get(self.status, "missing")

    def to_json(self) -> list[Any]:
        return [
            self.skill_id,
            self.name,
            self.status,
            self.strength,
            self.years,
            self.document,
            self.page,
            self.line,
            self.weight,
            self.posting,
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> Cell:
        skill_id, name, status, strength, years, document, page, line, weight, posting = data
        return cls(
            str(skill_id),
            str(name),
            str(status),
            None if strength is None else float(strength),
            None if years is None else float(years),
            str(document),
            None if page is None else int(page),
            None if line is None else int(line),
            float(weight),
            str(posting),
        )


@dataclass(frozen=True)
class FitBrief:
    """The person against the batch's posting (gapcheck.scoring.fit.PostingFit, in words)."""

    fit: float  # 0..1: match, halved per knockout
    match: float  # 0..1
    required_met: int  # skill requirements; a group of alternatives counts once
    required_total: int
    preferred_met: int
    preferred_total: int
    knockouts: tuple[str, ...]  # required eligibility not met ("Master's degree"), posting order
    missing_required: tuple[str, ...]  # "PyTorch or TensorFlow", weightiest first
    missing_preferred: tuple[str, ...]

    @property
    def required_share(self) -> float:
        return self.required_met / self.required_total if self.required_total else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "fit": self.fit,
            "match": self.match,
            "required": [self.required_met, self.required_total],
            "preferred": [self.preferred_met, self.preferred_total],
            "knockouts": list(self.knockouts),
            "missing_required": list(self.missing_required),
            "missing_preferred": list(self.missing_preferred),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FitBrief:
        required_met, required_total = data["required"]
        preferred_met, preferred_total = data["preferred"]
        return cls(
            fit=float(data["fit"]),
            match=float(data["match"]),
            required_met=int(required_met),
            required_total=int(required_total),
            preferred_met=int(preferred_met),
            preferred_total=int(preferred_total),
            knockouts=tuple(str(k) for k in data["knockouts"]),
            missing_required=tuple(str(m) for m in data["missing_required"]),
            missing_preferred=tuple(str(m) for m in data["missing_preferred"]),
        )


@dataclass(frozen=True)
class PersonSummary:
    """What the cohort view and the CSVs need about one analysed person."""

    score: float
    band: str
    gaps: tuple[GapBrief, ...]  # all gaps, by rank: the ones to learn, then the ones to name
    skills: tuple[str, ...]  # names of the skills found, in the detector's order
    warnings: tuple[str, ...]
    portfolio_only: tuple[str, ...] = ()  # names of skills only the portfolio proves
    skill_ids: tuple[str, ...] = ()  # the ids of `skills`, in the same order
    certifications: tuple[str, ...] = ()  # ids of the certifications held
    level: str = ""  # the seniority used: entry, mid, senior ("" in older state)
    fit: FitBrief | None = None  # with a posting
    cells: tuple[Cell, ...] = ()  # role skills by weight, then posting skills, then the rest
    taxonomy: str = ""  # the taxonomy's version and date, to tell comparisons apart
    gapcheck_version: str = ""

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
            "skill_ids": list(self.skill_ids),
            "certifications": list(self.certifications),
            "level": self.level,
            "fit": None if self.fit is None else self.fit.to_json(),
            "cells": [c.to_json() for c in self.cells],
            "taxonomy": self.taxonomy,
            "gapcheck_version": self.gapcheck_version,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PersonSummary:
        fit = data.get("fit")
        return cls(
            score=float(data["score"]),
            band=str(data["band"]),
            gaps=tuple(GapBrief.from_json(gap) for gap in data["gaps"]),
            skills=tuple(str(s) for s in data["skills"]),
            warnings=tuple(str(w) for w in data["warnings"]),
            portfolio_only=tuple(str(s) for s in data.get("portfolio_only", ())),
            skill_ids=tuple(str(s) for s in data.get("skill_ids", ())),
            certifications=tuple(str(c) for c in data.get("certifications", ())),
            level=str(data.get("level", "")),
            fit=FitBrief.from_json(fit) if isinstance(fit, dict) else None,
            cells=tuple(Cell.from_json(c) for c in data.get("cells", ())),
            taxonomy=str(data.get("taxonomy", "")),
            gapcheck_version=str(data.get("gapcheck_version", "")),
        )


def _place(evidence: Evidence | None) -> tuple[str, int | None, int | None]:
    if evidence is None:
        return "", None, None
    return file_name(evidence.document), evidence.page, evidence.line


def _cells(analysis: Analysis) -> tuple[Cell, ...]:
    """One cell per skill of the role, of the posting, found or shown: see `Cell`."""
    found = {s.id: s for s in analysis.detection.skills}
    shown_by = {g.skill_id: g for g in analysis.gaps if g.action == "show"}
    weights = {item.skill_id: item.weight for item in analysis.score.items}
    names = {item.skill_id: item.name for item in analysis.score.items}
    posting: dict[str, str] = {}
    if analysis.job is not None:
        for requirement in analysis.job.requirements:
            if requirement.kind != "skill":
                continue
            for skill_id, name in zip(requirement.ids, requirement.names, strict=False):
                names.setdefault(skill_id, name)
                if posting.get(skill_id) != "required":
                    posting[skill_id] = requirement.level
    order = [i.skill_id for i in sorted(analysis.score.items, key=lambda i: -i.weight)]
    order += list(posting) + list(found) + list(shown_by)
    cells = []
    for skill_id in dict.fromkeys(order):
        skill, gap = found.get(skill_id), shown_by.get(skill_id)
        cell = Cell(
            skill_id,
            names.get(skill_id, skill_id),
            "m",
            weight=weights.get(skill_id, 0.0),
            posting=posting.get(skill_id, ""),
        )
        if skill is not None and (skill.explicit or gap is None):
            document, page, line = _place(skill.evidence[0] if skill.evidence else None)
            status = "s" if skill.explicit else "i"
            cell = replace(
                cell, name=skill.name, status=status, strength=skill.strength,
                years=skill.years, document=document, page=page, line=line,
            )  # fmt: skip
        elif gap is not None:
            document, page, line = _place(gap.shown_by.evidence if gap.shown_by else None)
            cell = replace(
                cell, name=gap.name, status="e", strength=gap.credit,
                document=document, page=page, line=line,
            )  # fmt: skip
        cells.append(cell)
    return tuple(cells)


def _fit(analysis: Analysis) -> FitBrief | None:
    if analysis.job is None:
        return None
    fit = posting_fit(analysis.job)
    return FitBrief(
        fit=round(fit.fit, 4),
        match=round(fit.match, 4),
        required_met=fit.required_met,
        required_total=fit.required_total,
        preferred_met=fit.preferred_met,
        preferred_total=fit.preferred_total,
        knockouts=tuple(k.name or k.text for k in fit.knockouts),
        missing_required=tuple(" or ".join(r.names) for r in fit.missing if r.level == "required"),
        missing_preferred=tuple(" or ".join(r.names) for r in fit.missing if r.level != "required"),
    )


def summarise(analysis: Analysis) -> PersonSummary:
    gaps = tuple(
        GapBrief(g.skill_id, g.name, g.rank, g.credit, g.weight, g.action)
        for g in sorted(analysis.gaps, key=lambda g: g.rank)
    )
    explicit = [s for s in analysis.detection.skills if s.explicit]
    return PersonSummary(
        score=analysis.score.value,
        band=analysis.score.band,
        gaps=gaps,
        skills=tuple(s.name for s in explicit),
        warnings=analysis.warnings,
        portfolio_only=tuple(s.name for s in analysis.detection.skills if s.portfolio_only),
        skill_ids=tuple(s.id for s in explicit),
        certifications=tuple(c.id for c in analysis.detection.certifications),
        level=analysis.level.level if analysis.level is not None else analysis.target.level,
        fit=_fit(analysis),
        cells=_cells(analysis),
        taxonomy=taxonomy_key(analysis.taxonomy_version, analysis.taxonomy_as_of),
        gapcheck_version=analysis.gapcheck_version,
    )


# --------------------------------------------------------------------------- what changed


def snapshot(summary: PersonSummary, *, by_name: bool = False) -> Snapshot:
    """What `compare` needs of a summary; `by_name`: skills by name (state older than ids)."""
    return Snapshot(
        score=summary.score,
        shown=frozenset(summary.skills if by_name else summary.skill_ids),
        learn_gaps=tuple(g.skill_id for g in summary.learn_gaps),
        certifications=summary.certifications,
        taxonomy_key=summary.taxonomy,
        version=summary.gapcheck_version,
    )


def changes_between(previous: PersonSummary, summary: PersonSummary) -> PersonChanges:
    """What changed for one person since their previous analysis, in skill names."""
    by_name = bool(previous.skills) and not previous.skill_ids  # kept before ids were
    changes = compare(snapshot(previous, by_name=by_name), snapshot(summary, by_name=by_name))
    before = dict(zip(previous.skill_ids, previous.skills, strict=False))
    now = dict(zip(summary.skill_ids, summary.skills, strict=False))
    before.update((g.skill_id, g.name) for g in previous.gaps)
    now.update((g.skill_id, g.name) for g in summary.gaps)
    for cell in summary.cells:
        now.setdefault(cell.skill_id, cell.name)
    for cell in previous.cells:
        before.setdefault(cell.skill_id, cell.name)

    def named(ids: tuple[str, ...], names: dict[str, str]) -> tuple[str, ...]:
        return tuple(names.get(i, i) for i in ids)

    return PersonChanges(
        previous_score=previous.score,
        score_delta=changes.score_delta,
        newly_shown=named(changes.newly_shown, now),
        no_longer_shown=named(changes.no_longer_shown, before),
        gaps_closed=named(changes.gaps_closed, before),
        gaps_opened=named(changes.gaps_opened, now),
        note=changes.note,
    )
