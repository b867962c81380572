"""A target role built from job postings: how often the postings ask for each skill.

    frequency(skill) = (postings requiring it
                        + ALTERNATIVE_COUNTS x postings accepting it as one of alternatives
                        + PREFERRED_COUNTS x postings preferring it) / number of postings
    weight(skill)    = WEIGHT_SCALE x frequency

A posting's groups of alternatives keep their meaning: "Java, Python or C++" requires none of
the three on its own, and "BS/MS/PhD" requires a bachelor's (a higher degree meets it), so it
counts for the bachelor's alone and never makes a PhD "required".

The result is a taxonomy extension (`extends: builtin`, format in taxonomy/README.md)
holding one new role. gapcheck weighs a skill as importance x factors (see
taxonomy.role_weights), so the role's factor for each skill is weight / importance, and 0
for every skill the postings do not ask for. A skill no guide names has importance 0, so
the postings become a guide of their own for it: the file gives it provenance from that
guide ("named" by as many postings as ask for it), then a factor like any other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gapcheck.errors import InputError, UsageError
from gapcheck.postings.eligibility import DEGREE_IDS, DEGREE_RANK
from gapcheck.postings.parse import Posting, PostingGroup
from gapcheck.taxonomy.model import Provenance, Skill, Taxonomy, guide_weight, skill_importance

PREFERRED_COUNTS = 0.5
# A skill the posting accepts as one of several counts like a preferred one: it helps to
# have, and no candidate needs it.
ALTERNATIVE_COUNTS = 0.5
# A skill every posting requires weighs about as much as the heaviest guide-derived skills.
WEIGHT_SCALE = 12.0
# Skills asked for by fewer postings than this share are left out of the role.
MIN_FREQUENCY = 0.1
ROLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# The emphasis the postings' own provenance records: they name the skill, nothing more.
POSTINGS_EMPHASIS = "named"


@dataclass(frozen=True)
class SkillFrequency:
    id: str
    name: str
    required: int  # postings that require it (on its own, not as one of alternatives)
    preferred: int  # postings that only prefer it
    postings: int  # postings read
    alternative: int = 0  # postings that require one of a group it belongs to, not it

    @property
    def frequency(self) -> float:
        asked = (
            self.required
            + ALTERNATIVE_COUNTS * self.alternative
            + PREFERRED_COUNTS * self.preferred
        )
        return asked / self.postings

    @property
    def weight(self) -> float:
        return round(WEIGHT_SCALE * self.frequency, 4)

    @property
    def naming(self) -> int:
        """Postings that name it at all."""
        return self.required + self.alternative + self.preferred


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    sources: tuple[str, ...]  # posting file names, sorted
    skills: tuple[SkillFrequency, ...]  # expected skills, heaviest first (then id)
    rare: tuple[SkillFrequency, ...]  # asked for, but by less than MIN_FREQUENCY
    no_guide: tuple[str, ...]  # ids of expected skills only the postings name

    @property
    def guide_id(self) -> str:
        return f"{self.id}-postings"


def check_role_id(role_id: str, taxonomy: Taxonomy) -> None:
    if not ROLE_ID.match(role_id):
        raise UsageError(
            "--id", f"'{role_id}' is not a valid role id", "use lowercase letters, digits and '-'"
        )
    if any(role.id == role_id for role in taxonomy.roles):
        raise UsageError("--id", f"role '{role_id}' already exists", "choose another --id")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63].strip("-") or "profile"


def build_profile(
    postings: Sequence[Posting], taxonomy: Taxonomy, *, role_id: str, name: str
) -> Profile:
    """Count how often the postings require or prefer each skill."""
    if not postings:
        raise InputError("postings", "none could be read", "pass job postings as .txt, .md or .pdf")
    check_role_id(role_id, taxonomy)
    counts: dict[str, dict[str, int]] = {"required": {}, "alternative": {}, "preferred": {}}
    for posting in postings:
        for skill_id, standing in _standings(posting).items():
            counts[standing][skill_id] = counts[standing].get(skill_id, 0) + 1
    required, alternative, preferred = (
        counts["required"],
        counts["alternative"],
        counts["preferred"],
    )
    by_id = {skill.id: skill for skill in taxonomy.skills if skill.scored}
    frequencies = sorted(
        (
            SkillFrequency(
                id=skill_id,
                name=by_id[skill_id].name,
                required=required.get(skill_id, 0),
                preferred=preferred.get(skill_id, 0),
                postings=len(postings),
                alternative=alternative.get(skill_id, 0),
            )
            for skill_id in (required.keys() | alternative.keys() | preferred.keys())
            & by_id.keys()
        ),
        key=lambda f: (-f.weight, f.id),
    )
    expected = tuple(f for f in frequencies if f.frequency >= MIN_FREQUENCY)
    if not expected:
        raise InputError(
            "postings",
            "ask for no skill often enough to make a role",
            "add more postings, or postings that name technical skills",
        )
    return Profile(
        id=role_id,
        name=name,
        sources=tuple(sorted(p.source for p in postings)),
        skills=expected,
        rare=tuple(f for f in frequencies if f.frequency < MIN_FREQUENCY),
        no_guide=tuple(sorted(f.id for f in expected if skill_importance(by_id[f.id]) <= 0)),
    )


_STANDING_RANK = {"preferred": 0, "alternative": 1, "required": 2}


def _standings(posting: Posting) -> dict[str, str]:
    """How one posting asks for each skill: "required" (on its own), "alternative" (one of a
    required group) or "preferred"; the strongest way it asks counts."""
    groups = posting.requirements or tuple(
        PostingGroup(s.group, s.level, s.line, s.text) for s in posting.skills
    )
    standings: dict[str, str] = {}
    for group in groups:
        if set(group.ids) <= DEGREE_IDS:  # a bachelor's or higher: the lowest is asked for
            members = [min(group.ids, key=DEGREE_RANK.__getitem__)]
        else:
            members = list(group.ids)
        standing = group.level
        if standing == "required" and len(members) > 1:
            standing = "alternative"
        for skill_id in members:
            old = standings.get(skill_id)
            if old is None or _STANDING_RANK[standing] > _STANDING_RANK[old]:
                standings[skill_id] = standing
    return standings


def profile_yaml(profile: Profile, taxonomy: Taxonomy) -> str:
    """The profile as a taxonomy extension; the same inputs always give the same text."""
    by_id = {skill.id: skill for skill in taxonomy.skills}
    frequency = {item.id: item for item in profile.skills}
    count = len(profile.sources)
    plural = "s" if count != 1 else ""
    lines = [
        f"# gapcheck target profile built from {count} job posting{plural}.",
        f"# Use it with: gapcheck RESUME --taxonomy THIS_FILE --role {profile.id}",
        f"# weight = {WEIGHT_SCALE:g} x (postings requiring the skill + {PREFERRED_COUNTS:g}"
        " x postings preferring it) / postings",
        "# factor = weight / the skill's importance (from its guides), so that the role's",
        "# weight (importance x factor) is the weight above.",
        "extends: builtin",
        f"version: {json.dumps(f'profile-{profile.id}')}",
    ]
    if profile.no_guide:
        guide = {
            "id": profile.guide_id,
            "title": f"Job postings for {profile.name}",
            "publisher": "gapcheck profile build",
            "date": "undated",
            "file": profile.sources[0],
        }
        lines += [
            "# Skills no guide names: the postings are their guide.",
            "guides:",
            f"  - {json.dumps(guide, ensure_ascii=False)}",
            "extend_skills:",
        ]
        for skill_id in profile.no_guide:
            provenance = {
                profile.guide_id: {
                    "mentions": frequency[skill_id].naming,
                    "emphasis": POSTINGS_EMPHASIS,
                }
            }
            lines.append(f"  - {{id: {skill_id}, provenance: {json.dumps(provenance)}}}")
    description = f"Skills asked for by {count} job posting{plural}: {', '.join(profile.sources)}"
    lines += [
        "roles:",
        f"  - id: {profile.id}",
        f"    name: {json.dumps(profile.name, ensure_ascii=False)}",
        f"    description: {json.dumps(description, ensure_ascii=False)}",
        # Every skill below has a weight of at least WEIGHT_SCALE x MIN_FREQUENCY or a
        # factor of 0, so the threshold only has to let the non-zero weights through.
        "    min_weight: 0.01",
        "    skill_factors:",
    ]
    for item in profile.skills:
        importance = _importance(by_id[item.id], profile, item)
        factor = round(item.weight / importance, 6)
        lines.append(f"      {item.id}: {factor:g}  # weight {item.weight:g}; {_counts(item)}")
    for item in profile.rare:
        lines.append(f"      {item.id}: 0  # too rare: {_counts(item)}")
    asked = {item.id for item in (*profile.skills, *profile.rare)}
    for skill in sorted(taxonomy.skills, key=lambda s: s.id):
        if skill.scored and skill.id not in asked and skill_importance(skill) > 0:
            lines.append(f"      {skill.id}: 0  # no posting asks for it")
    return "\n".join(lines) + "\n"


def _importance(skill: Skill, profile: Profile, item: SkillFrequency) -> float:
    """The skill's importance once the extension is loaded (postings' provenance included)."""
    if skill.id not in profile.no_guide:
        return skill_importance(skill)
    return guide_weight(Provenance(profile.guide_id, item.naming, POSTINGS_EMPHASIS))


def _counts(item: SkillFrequency) -> str:
    plural = "s" if item.postings != 1 else ""
    alternatives = f", one of alternatives in {item.alternative}" if item.alternative else ""
    return (
        f"required by {item.required}{alternatives}, preferred by {item.preferred}"
        f" of {item.postings} posting{plural}"
    )
