"""taxonomy/demand.yaml: how many job postings ask for each skill, as frozen records.

The file holds derived counts only (never posting text): the posting files counted (each
named by its public repository and commit), their dates, the number of unique postings
per group, and per skill how many of them ask for it. `gapcheck taxonomy build --postings
CSV... --write` writes it (gapcheck.authoring.demand_count); gapcheck.taxonomy.loading
reads it beside the taxonomy. What the counts mean for a role: gapcheck.taxonomy.demand.

This module imports nothing else from the taxonomy, so the Taxonomy record can hold a
`Demand` without an import cycle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gapcheck.errors import TaxonomyError

DEMAND_FILE = "demand.yaml"
FORMAT_VERSION = 1

# Role groups, recognised from a posting's title (gapcheck.authoring.demand_count):
ROLE_GROUPS: dict[str, str] = {
    "all": "every posting counted",
    "ml": "ML-titled: the title names machine learning, ML, deep learning or AI",
    "ml_eng": "ML-engineering-titled: ML-titled and the title says engineer, developer or"
    " architect",
    "ds": "DS-titled: the title names data science, data scientist or analytics",
}
# Seniority subsets stored per group; postings in neither are "other" (mid level).
SENIORITIES: dict[str, str] = {
    "senior": "the title says senior, sr, lead, principal or staff (LinkedIn: director, executive)",
    "junior": "the title says junior, jr, entry, intern, graduate, new grad or undergrad"
    " (LinkedIn: entry level, internship)",
}
GROUP_KEYS: tuple[str, ...] = tuple(
    sorted(key for g in ROLE_GROUPS for key in (g, *(f"{g}/{s}" for s in SENIORITIES)))
)
REBUILD = "rebuild it with 'gapcheck taxonomy build --postings CSV... --write'"


def group_key(group: str, seniority: str | None = None) -> str:
    """ "ml", or "ml/senior" for the senior postings of a group."""
    return group if seniority is None else f"{group}/{seniority}"


@dataclass(frozen=True)
class DemandSource:
    """One posting file counted, and where it was published."""

    file: str
    repository: str  # "owner/name" on GitHub, "" when unknown
    commit: str  # the commit the file was taken at, "" when unknown
    path: str  # the file's path in that repository
    sha256: str  # of the file as counted
    rows: int
    unique: int  # unique descriptions in the file
    counted: int  # of those, the ones no earlier file already held


@dataclass(frozen=True)
class Demand:
    """Posting counts per group and per skill (skill id -> group key -> (asked, required))."""

    dates: str  # the postings' dates, "2018–2021"
    sources: tuple[DemandSource, ...]
    postings: Mapping[str, int]  # group key -> unique postings in it
    skills: Mapping[str, Mapping[str, tuple[int, int]]]  # every scored skill when counted
    taxonomy_version: str = ""  # of the taxonomy the counts were made with
    file: str = DEMAND_FILE

    def count(self, skill_id: str, group: str) -> tuple[int, int] | None:
        """(postings asking for it at any level, postings requiring it), or None when the
        skill was not counted (a skill added to the taxonomy after the count)."""
        by_group = self.skills.get(skill_id)
        if by_group is None:
            return None
        return by_group.get(group, (0, 0))


# --------------------------------------------------------------------------- reading


def parse_demand(data: Any, *, source: str = DEMAND_FILE) -> Demand:
    """The records of a demand.yaml mapping; TaxonomyError names what is wrong."""

    def fail(problem: str) -> TaxonomyError:
        return TaxonomyError(source, problem, REBUILD)

    if not isinstance(data, dict):
        raise fail("is not a demand file (expected a mapping at the top)")
    if data.get("format") != FORMAT_VERSION:
        raise fail(f"field 'format': expected {FORMAT_VERSION}")
    postings = _counts(data.get("postings"), "postings", fail)
    if postings.get("all", 0) <= 0:
        raise fail("field 'postings': no postings counted")
    raw_skills = data.get("skills")
    if not isinstance(raw_skills, dict):
        raise fail("field 'skills': expected a mapping of skill id to counts")
    skills: dict[str, dict[str, tuple[int, int]]] = {}
    for skill_id, raw in raw_skills.items():
        where = f"skill '{skill_id}'"
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise fail(f"{where}: expected a mapping of group to [asked, required]")
        counts: dict[str, tuple[int, int]] = {}
        for group, pair in raw.items():
            if group not in postings:
                raise fail(f"{where}: unknown group '{group}'")
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or not all(type(n) is int for n in pair)
                or not 0 <= pair[1] <= pair[0] <= postings[group]
            ):
                raise fail(
                    f"{where}, group '{group}': expected [asked, required] with "
                    f"0 <= required <= asked <= {postings[group]}"
                )
            counts[str(group)] = (pair[0], pair[1])
        skills[str(skill_id)] = counts
    return Demand(
        dates=str(data.get("dates") or "undated"),
        sources=tuple(_source(entry, fail) for entry in data.get("sources") or []),
        postings=postings,
        skills=skills,
        taxonomy_version=str(data.get("taxonomy_version") or ""),
        file=source,
    )


def _counts(raw: Any, field: str, fail: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise fail(f"field '{field}': expected a mapping of group to a count")
    counts: dict[str, int] = {}
    for key, value in raw.items():
        if key not in GROUP_KEYS:
            raise fail(f"field '{field}': unknown group '{key}'")
        if type(value) is not int or value < 0:
            raise fail(f"field '{field}', group '{key}': expected a count")
        counts[str(key)] = value
    return counts


def _source(entry: Any, fail: Any) -> DemandSource:
    if not isinstance(entry, dict) or "file" not in entry:
        raise fail("field 'sources': each entry needs at least a 'file'")
    numbers = {}
    for key in ("rows", "unique", "counted"):
        value = entry.get(key, 0)
        if type(value) is not int or value < 0:
            raise fail(f"source '{entry['file']}', field '{key}': expected a count")
        numbers[key] = value
    return DemandSource(
        file=str(entry["file"]),
        repository=str(entry.get("repository") or ""),
        commit=str(entry.get("commit") or ""),
        path=str(entry.get("path") or ""),
        sha256=str(entry.get("sha256") or ""),
        **numbers,
    )


# --------------------------------------------------------------------------- writing

_HEADER = """\
# Job-posting demand per taxonomy skill: how many unique postings ask for it.
# Written by `gapcheck taxonomy build --postings <the CSV files> --write`; do not edit.
# Derived counts only, never posting text. Counted with gapcheck's own posting parser
# (gapcheck.postings.parse): a skill is "asked" when the posting requires or prefers it,
# "required" when it requires it. Descriptions repeated across rows or files count once.
# How role weights use it: taxonomy/README.md, "Demand from job postings".
"""


def dump_demand(demand: Demand) -> str:
    """The YAML text of `demand`: the same records always give the same bytes (keys
    sorted, one skill per line), so a rebuild shows as a reviewable diff."""
    lines = [_HEADER.rstrip("\n")]
    lines.append(f"format: {FORMAT_VERSION}")
    lines.append(f"taxonomy_version: {_quote(demand.taxonomy_version)}")
    lines.append(f"dates: {_quote(demand.dates)}")
    lines.append("sources:")
    for s in demand.sources:
        lines.append(
            f"  - {{file: {_quote(s.file)}, repository: {_quote(s.repository)}, "
            f"commit: {_quote(s.commit)}, path: {_quote(s.path)}, sha256: {_quote(s.sha256)}, "
            f"rows: {s.rows}, unique: {s.unique}, counted: {s.counted}}}"
        )
    lines.append("# Groups (a posting may be in several; '/senior' and '/junior' are subsets):")
    lines.extend(f"#   {key}: {text}" for key, text in ROLE_GROUPS.items())
    lines.extend(f"#   <group>/{key}: {text}" for key, text in SENIORITIES.items())
    lines.append(f"postings: {_flow({k: str(v) for k, v in sorted(demand.postings.items())})}")
    lines.append("# skill id: {group: [postings asking for it, postings requiring it]};")
    lines.append("# groups where no posting asks for it are left out.")
    lines.append("skills:")
    for skill_id in sorted(demand.skills):
        counts = demand.skills[skill_id]
        cells = {g: f"[{a}, {r}]" for g, (a, r) in sorted(counts.items()) if a > 0}
        lines.append(f"  {_key(skill_id)}: {_flow(cells)}")
    return "\n".join(lines) + "\n"


def _flow(cells: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in cells.items()) + "}"


def _key(text: str) -> str:
    """A skill id as a YAML key: plain, unless YAML would read it as something else."""
    if _PLAIN_KEY.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return _quote(text)


_PLAIN_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")
# Words YAML 1.1 reads as booleans or null.
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
