"""The taxonomy's records: skills, roles, levels and certifications.

The YAML (taxonomy/skills.yaml) is data derived from four career guides;
gapcheck.taxonomy.loading turns it into these frozen records. This module derives the
per-role importance weights from the recorded provenance (which guide names a skill, and
with what emphasis), so no weight is typed by hand. The formula is documented in
`skill_importance` and in the README.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from gapcheck.records import LEVELS as LEVELS  # re-exported: taxonomy.LEVELS is public
from gapcheck.taxonomy.demand_file import Demand

T = TypeVar("T")

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


# Ways a bare ambiguous term may be accepted (see AmbiguityRule).
ACCEPT_CONTEXTS = ("list", "cue", "skills_section")

# Certification statuses; only the first two may ever be recommended.
CERTIFICATION_STATUSES = (
    "active",
    "active-unverified",
    "retired",
    "closed",
    "superseded",
    "unknown",
)

# A guide that names a skill again and again treats it as more central than one that names
# it once: each guide's emphasis value is multiplied by 1 + REPETITION_BONUS x
# min(1, log10(mentions)), so 1 mention counts x1.0, 3 mentions x1.24, 10 or more x1.5.
REPETITION_BONUS = 0.5


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
    note: str = ""  # why the entry is shaped as it is (e.g. why it is not scored)


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
    notes: str = ""  # caveats on the facts (conflicting sources, unverified fields)

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
    levels: Mapping[str, str] = field(default_factory=dict)  # level id -> what it means
    extends: str | None = None  # "builtin" when the file extends the built-in taxonomy
    # Job-posting counts (taxonomy/demand.yaml), which built-in roles' weights read.
    demand: Demand | None = None

    @cached_property
    def content_key(self) -> str:
        """A digest of the records themselves (not the `digest` of the file they came from):
        equal for equal content, different for a copy with anything replaced. Computed once
        per object (a frozen dataclass still has a __dict__ for it) and pickled with it."""
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()

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

    def successor_names(self, cert: Certification) -> str | None:
        """The display names of a certification's successors: 'A or B', or None."""
        names = [c.name for s in cert.successors for c in self.certifications if c.id == s]
        return " or ".join(names) or None

    def certification(self, cert_id: str) -> Certification:
        for cert in self.certifications:
            if cert.id == cert_id:
                return cert
        raise KeyError(cert_id)


def taxonomy_key(version: str, as_of: str) -> str:
    """How reports and snapshots name a taxonomy: its version and the date of its facts."""
    return f"{version} ({as_of})"


def guide_weight(provenance: Provenance) -> float:
    """What one guide's naming of a skill is worth: its emphasis, a little more if repeated."""
    emphasis = EMPHASIS_VALUES.get(provenance.emphasis, EMPHASIS_VALUES["named"])
    if provenance.mentions <= 0:
        return 0.0
    repetition = 1.0 + REPETITION_BONUS * min(1.0, math.log10(provenance.mentions))
    return emphasis * repetition


def skill_importance(skill: Skill) -> float:
    """Importance of a skill from its provenance alone (before role and level factors).

    importance = sum over the guides that name it of
                 EMPHASIS_VALUES[emphasis] x (1 + 0.5 x min(1, log10(mentions)))
    A skill all four guides call essential, each naming it ten times or more, scores 18;
    one guide naming it once without emphasis scores 1; a skill no guide names (kept for
    detection only) scores 0 and is never expected.
    """
    return sum(guide_weight(p) for p in skill.provenance)
