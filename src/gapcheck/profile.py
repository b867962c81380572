"""A target role built from job postings: how often the postings ask for each skill.

    frequency(skill) = (postings requiring it + PREFERRED_COUNTS x postings preferring it)
                       / number of postings
    weight(skill)    = WEIGHT_SCALE x frequency

The result is written as a taxonomy extension (`extends: builtin`) holding one new role.
Role weights are importance x factors (see taxonomy.role_weights), so each skill's factor
is its weight divided by its guide importance, and every other skill gets factor 0. A
skill no guide names has importance 0 and cannot be weighted that way; it is listed in
the file's comments instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck.errors import InputError, UsageError
from gapcheck.jobs import Posting
from gapcheck.taxonomy import Taxonomy, skill_importance

PREFERRED_COUNTS = 0.5
# A skill every posting requires weighs as much as one all four guides call essential.
WEIGHT_SCALE = 12.0
# Skills asked for by fewer postings than this share are left out of the role.
MIN_FREQUENCY = 0.1
POSTING_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm")
ROLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True)
class SkillFrequency:
    id: str
    name: str
    required: int  # postings that require it
    preferred: int  # postings that only prefer it
    postings: int  # postings read

    @property
    def frequency(self) -> float:
        return (self.required + PREFERRED_COUNTS * self.preferred) / self.postings

    @property
    def weight(self) -> float:
        return round(WEIGHT_SCALE * self.frequency, 4)


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    sources: tuple[str, ...]  # posting file names, sorted
    skills: tuple[SkillFrequency, ...]  # expected skills, heaviest first (then id)
    unweighable: tuple[SkillFrequency, ...]  # asked for, but no guide names them
    rare: tuple[SkillFrequency, ...]  # below MIN_FREQUENCY


def posting_files(paths: Iterable[Path]) -> list[Path]:
    """The posting files among `paths`: files as given, folders searched for known suffixes."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in POSTING_SUFFIXES
            )
            if not found:
                raise InputError(path.name, "holds no job postings", "add .txt, .md or .pdf files")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(path.name, "no such file or folder", "check the path")
    return list(dict.fromkeys(files))


def check_role_id(role_id: str, taxonomy: Taxonomy) -> None:
    if not ROLE_ID.match(role_id):
        raise UsageError(
            "--id", f"'{role_id}' is not a valid role id", "use lowercase letters, digits and '-'"
        )
    if any(role.id == role_id for role in taxonomy.roles):
        raise UsageError("--id", f"role '{role_id}' already exists", "choose another --id")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63] or "profile"


def build_profile(
    postings: Sequence[Posting], taxonomy: Taxonomy, *, role_id: str, name: str
) -> Profile:
    """Count how often the postings require or prefer each skill."""
    if not postings:
        raise InputError("postings", "none could be read", "pass job postings as .txt, .md or .pdf")
    check_role_id(role_id, taxonomy)
    required: dict[str, int] = {}
    preferred: dict[str, int] = {}
    for posting in postings:
        for skill in posting.skills:
            counts = required if skill.level == "required" else preferred
            counts[skill.id] = counts.get(skill.id, 0) + 1
    by_id = {skill.id: skill for skill in taxonomy.skills}
    frequencies = [
        SkillFrequency(
            id=skill_id,
            name=by_id[skill_id].name if skill_id in by_id else skill_id,
            required=required.get(skill_id, 0),
            preferred=preferred.get(skill_id, 0),
            postings=len(postings),
        )
        for skill_id in sorted(required.keys() | preferred.keys())
    ]
    frequencies.sort(key=lambda f: (-f.weight, f.id))
    weighable = [f for f in frequencies if f.id in by_id and skill_importance(by_id[f.id]) > 0]
    if not any(f.frequency >= MIN_FREQUENCY for f in weighable):
        raise InputError(
            "postings",
            "ask for no skill the guides weigh often enough to make a role",
            "add more postings, or postings that name technical skills",
        )
    return Profile(
        id=role_id,
        name=name,
        sources=tuple(sorted(p.source for p in postings)),
        skills=tuple(f for f in weighable if f.frequency >= MIN_FREQUENCY),
        unweighable=tuple(f for f in frequencies if f not in weighable),
        rare=tuple(f for f in weighable if f.frequency < MIN_FREQUENCY),
    )


def profile_yaml(profile: Profile, taxonomy: Taxonomy) -> str:
    """The profile as a taxonomy extension; the same inputs always give the same text."""
    by_id = {skill.id: skill for skill in taxonomy.skills}
    count = len(profile.sources)
    lines = [
        f"# gapcheck target profile built from {count} job posting{'s' if count != 1 else ''}.",
        f"# Use it with: gapcheck RESUME --taxonomy THIS_FILE --role {profile.id}",
        f"# weight = {WEIGHT_SCALE:g} x (postings requiring the skill + {PREFERRED_COUNTS:g} x"
        " postings preferring it) / postings;",
        "# factor = weight / the skill's guide importance, so that gapcheck's role weight"
        " (importance x factor) equals it.",
        "extends: builtin",
        f"version: {json.dumps(f'{taxonomy.version}+{profile.id}')}",
        "roles:",
        f"  - id: {profile.id}",
        f"    name: {json.dumps(profile.name, ensure_ascii=False)}",
        "    description: "
        + json.dumps(
            f"Skills asked for by {count} job postings: {', '.join(profile.sources)}",
            ensure_ascii=False,
        ),
        # Every skill below has a weight of at least WEIGHT_SCALE x MIN_FREQUENCY or a
        # factor of 0, so the threshold only has to let all non-zero weights through.
        "    min_weight: 0.01",
        "    skill_factors:",
    ]
    listed = set()
    for item in profile.skills:
        factor = item.weight / skill_importance(by_id[item.id])
        note = f"weight {item.weight:g}; {_counts(item)}"
        lines.append(f"      {item.id}: {round(factor, 6):g}  # {note}")
        listed.add(item.id)
    for item in profile.rare:
        lines.append(f"      {item.id}: 0  # too rare ({_counts(item)})")
        listed.add(item.id)
    for skill in sorted(taxonomy.skills, key=lambda s: s.id):
        if skill.scored and skill.id not in listed and skill_importance(skill) > 0:
            lines.append(f"      {skill.id}: 0  # no posting asks for it")
    if profile.unweighable:
        lines.append("# Asked for by the postings, but no guide names them (importance 0), so a")
        lines.append("# factor cannot weigh them:")
        lines.extend(f"#   {item.id}: {_counts(item)}" for item in profile.unweighable)
    return "\n".join(lines) + "\n"


def _counts(item: SkillFrequency) -> str:
    return (
        f"required by {item.required}, preferred by {item.preferred}"
        f" of {item.postings} posting{'s' if item.postings != 1 else ''}"
    )
