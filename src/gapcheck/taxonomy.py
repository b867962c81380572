"""The taxonomy: skills, roles, levels and certifications, loaded from YAML.

The YAML (taxonomy/skills.yaml) is data derived from four career guides; this module
turns it into frozen records and derives the per-role importance weights from the
recorded provenance (which guide names a skill, and with what emphasis), so no weight is
typed by hand. The formula is documented in `skill_importance` and in the README.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gapcheck.errors import TaxonomyError
from gapcheck.resources import builtin_taxonomy_path

# Emphasis words a guide uses, strongest first, with the value the formula gives them.
EMPHASIS_VALUES: dict[str, float] = {
    "essential": 3.0,
    "crucial": 3.0,
    "required": 2.5,
    "important": 2.0,
    "recommended": 1.5,
    "named": 1.0,
    "optional": 0.5,
}

LEVELS = ("entry", "mid", "senior")


@dataclass(frozen=True)
class AmbiguityRule:
    """How a bare ambiguous term (R, C, Go, Spark, Excel, CV...) may count as the skill.

    The bare term counts only where one of the `accept` contexts holds:
      "list"  - it is an item of a short list of skills (comma, pipe, bullet separated)
                next to at least one other known skill;
      "skills_section" - it stands in a Skills-like section;
      "cue"   - one of `cues` stands within a few tokens of it.
    A match inside any of the `reject` phrases never counts.
    """

    term: str
    case_sensitive: bool = True
    accept: tuple[str, ...] = ("list", "cue")
    cues: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()


@dataclass(frozen=True)
class Provenance:
    guide: str  # Guide.id
    mentions: int
    emphasis: str  # a key of EMPHASIS_VALUES


@dataclass(frozen=True)
class Guide:
    id: str
    title: str
    publisher: str
    date: str
    file: str


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    category: str
    stage: str
    aliases: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()  # terms with no entry of their own that count as it
    ambiguous: tuple[AmbiguityRule, ...] = ()
    implies: tuple[str, ...] = ()  # broader skills given partial credit
    requires: tuple[str, ...] = ()  # prerequisites (learn those first)
    hint: str = ""
    provenance: tuple[Provenance, ...] = ()
    scored: bool = True  # False: shown when found, never reported as a gap


@dataclass(frozen=True)
class Certification:
    id: str
    name: str
    provider: str
    level: str
    kind: str
    status: str  # active, active-unverified, retired, closed, superseded, unknown
    status_date: str
    covers: tuple[str, ...]  # skill ids
    exam_code: str | None = None
    successors: tuple[str, ...] = ()  # certification ids
    named_by: tuple[str, ...] = ()  # guide ids
    aliases: tuple[str, ...] = ()  # how a resume may name it
    confidence: str = ""
    url: str | None = None
    cost: str | None = None

    @property
    def recommendable(self) -> bool:
        return self.status in ("active", "active-unverified")


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    description: str
    # Multipliers applied to the derived importance; a missing key means 1.0.
    category_factors: Mapping[str, float] = field(default_factory=dict)
    skill_factors: Mapping[str, float] = field(default_factory=dict)
    # Per level ("entry", "mid", "senior"), extra multipliers by category and by skill.
    level_category_factors: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    level_skill_factors: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    # Skills whose weight falls below this are not expected for the role.
    min_weight: float = 1.0


@dataclass(frozen=True)
class Taxonomy:
    version: str
    as_of: str
    guides: tuple[Guide, ...]
    categories: Mapping[str, str]  # id -> display name, in display order
    stages: Mapping[str, str]  # id -> display name, in roadmap order
    skills: tuple[Skill, ...]
    certifications: tuple[Certification, ...]
    roles: tuple[Role, ...]
    source: str = "builtin"  # file name it was loaded from
    digest: str = ""  # sha256 of the YAML text(s), for caches keyed by content

    def skill(self, skill_id: str) -> Skill:
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(skill_id)

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def certification(self, cert_id: str) -> Certification:
        for cert in self.certifications:
            if cert.id == cert_id:
                return cert
        raise KeyError(cert_id)


def skill_importance(skill: Skill) -> float:
    """Importance of a skill from its provenance alone (before role and level factors).

    importance = sum over the guides that name it of EMPHASIS_VALUES[emphasis]
    A skill named by all four guides as essential scores 12; one guide merely naming it
    scores 1; a skill no guide names (added for detection only) scores 0.
    """
    return sum(EMPHASIS_VALUES.get(p.emphasis, 1.0) for p in skill.provenance)


def role_weights(taxonomy: Taxonomy, role_id: str, level: str) -> dict[str, float]:
    """Weight of every expected skill for a role at a level: importance x factors.

    weight = importance(skill) x role.category_factors[category] x role.skill_factors[id]
             x role.level_category_factors[level][category]
             x role.level_skill_factors[level][id]
    Skills with weight below role.min_weight, or not `scored`, are not expected.
    """
    role = taxonomy.role(role_id)
    level_cats = role.level_category_factors.get(level, {})
    level_skills = role.level_skill_factors.get(level, {})
    weights: dict[str, float] = {}
    for skill in taxonomy.skills:
        if not skill.scored:
            continue
        weight = (
            skill_importance(skill)
            * role.category_factors.get(skill.category, 1.0)
            * role.skill_factors.get(skill.id, 1.0)
            * level_cats.get(skill.category, 1.0)
            * level_skills.get(skill.id, 1.0)
        )
        if weight >= role.min_weight:
            weights[skill.id] = round(weight, 4)
    return weights


# --------------------------------------------------------------------------- loading


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load the built-in taxonomy, or the file at `path` (which may extend the built-in)."""
    from gapcheck.taxonomy_load import load  # the parser and validator live apart

    return load(path if path is not None else builtin_taxonomy_path())


def as_tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError(str(path), "no such file", "check the --taxonomy path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(str(path), f"cannot be read ({exc})", "pass a UTF-8 YAML file") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise TaxonomyError(str(path), f"is not valid YAML{where}", "fix the syntax") from None
