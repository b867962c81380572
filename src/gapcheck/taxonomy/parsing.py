"""Raw taxonomy YAML (one mapping) into validated records; the format is in taxonomy/README.md.

`parse` checks the top level (fields, version, date, categories, stages, levels) itself,
hands each guide, skill, role and certification entry to gapcheck.taxonomy.entries, then
runs gapcheck.taxonomy.validation over the whole, and raises every problem found at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from gapcheck.taxonomy.entries import parse_certification, parse_guide, parse_role, parse_skill
from gapcheck.taxonomy.model import LEVELS, Taxonomy
from gapcheck.taxonomy.problems import Problems
from gapcheck.taxonomy.validation import validate

TOP_LEVEL_FIELDS = frozenset(
    {
        "version",
        "as_of",
        "guides",
        "categories",
        "stages",
        "levels",
        "skills",
        "roles",
        "certifications",
        "extends",
        "extend_skills",
    }
)
# Keys starting with "x_" or ending in "_levels" may hold YAML anchors shared by roles.
ANCHOR_KEY = re.compile(r"^(x_.*|.*_levels)$")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse(data: Mapping[str, Any], *, source: str, digest: str) -> Taxonomy:
    """Records from raw YAML data; raises TaxonomyError listing every problem found."""
    problems = Problems(source)
    for key in data:
        if key not in TOP_LEVEL_FIELDS and not ANCHOR_KEY.match(str(key)):
            problems.add(f"unknown top-level field '{key}'")
    version = data.get("version")
    if version is None or str(version).strip() == "":
        problems.add("field 'version': missing")
    as_of = str(data.get("as_of", ""))
    if not FULL_DATE.match(as_of):
        problems.add("field 'as_of': missing or not a YYYY-MM-DD date")

    guides = _parse_list(data, "guides", parse_guide, problems)
    categories = _id_name_map(data, "categories", problems)
    stages = _id_name_map(data, "stages", problems)
    levels = _levels(data, problems)
    skills = _parse_list(data, "skills", parse_skill, problems)
    roles = _parse_list(data, "roles", parse_role, problems)
    certifications = _parse_list(data, "certifications", parse_certification, problems)
    if not skills:
        problems.add("field 'skills': the taxonomy has no skills")
    if not roles:
        problems.add("field 'roles': the taxonomy has no roles")

    taxonomy = Taxonomy(
        version=str(version),
        as_of=as_of,
        guides=tuple(guides),
        categories=categories,
        stages=stages,
        skills=tuple(skills),
        certifications=tuple(certifications),
        roles=tuple(roles),
        source=source,
        digest=digest,
        levels=levels,
        extends=str(data["extends"]) if data.get("extends") is not None else None,
    )
    for problem in validate(taxonomy):
        problems.add(problem)
    problems.raise_if_any()
    return taxonomy


def _parse_list(
    data: Mapping[str, Any],
    key: str,
    build: Callable[[Mapping[str, Any], Problems], Any | None],
    problems: Problems,
) -> list[Any]:
    raw = data.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add(f"field '{key}': expected a list")
        return []
    built = []
    for index, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            problems.add(f"field '{key}', entry {index}: expected a mapping")
            continue
        record = build(entry, problems)
        if record is not None:
            built.append(record)
    return built


def _id_name_map(data: Mapping[str, Any], key: str, problems: Problems) -> dict[str, str]:
    result: dict[str, str] = {}
    for index, entry in enumerate(data.get(key) or [], start=1):
        if not isinstance(entry, dict) or "id" not in entry or "name" not in entry:
            problems.add(f"field '{key}', entry {index}: needs 'id' and 'name'")
            continue
        extra = sorted(str(k) for k in entry if k not in ("id", "name"))
        if extra:
            # Usually an unquoted comma in a flow mapping: {name: A, B} reads B as a key.
            problems.add(
                f"field '{key}', entry '{entry['id']}': unknown field(s) {', '.join(extra)}"
            )
        entry_id = str(entry["id"])
        if entry_id in result:
            problems.add(f"field '{key}': duplicate id '{entry_id}'")
        result[entry_id] = str(entry["name"])
    if not result:
        problems.add(f"field '{key}': missing or empty")
    return result


def _levels(data: Mapping[str, Any], problems: Problems) -> dict[str, str]:
    result: dict[str, str] = {}
    for entry in data.get("levels") or []:
        if not isinstance(entry, dict) or entry.get("id") not in LEVELS:
            problems.add(f"field 'levels': each entry needs an 'id' among {', '.join(LEVELS)}")
            continue
        result[str(entry["id"])] = str(entry.get("description") or entry.get("name") or "")
    return result
