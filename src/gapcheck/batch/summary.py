"""What the cohort outputs need about one analysed person, kept in its state record.

`summarise(analysis)` runs in the worker; the parent keeps only these compact records
(never the full analysis), so the cohort view is built without re-reading any resume.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gapcheck.records import Analysis

TOP_GAPS = 3  # gaps shown per person in the cohort table and the CSV


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
