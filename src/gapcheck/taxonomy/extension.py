"""A coach's taxonomy file with `extends: builtin`, merged onto the built-in taxonomy.

The merge works on the raw YAML data (new skills, roles, certifications; aliases added to
existing skills by id; roles replaced by id), so the merged whole is then parsed and
validated like any taxonomy: an added alias that collides with a built-in one is caught.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gapcheck.taxonomy.parsing import ANCHOR_KEY, TOP_LEVEL_FIELDS
from gapcheck.taxonomy.problems import Problems

# Fields an extension may add to a built-in skill through `extend_skills`.
EXTEND_SKILL_FIELDS = frozenset(
    {"id", "aliases", "narrower", "ambiguous", "implies", "requires", "hint", "provenance"}
)


def merge_extension(
    base: Mapping[str, Any], extension: Mapping[str, Any], *, source: str
) -> dict[str, Any]:
    """The built-in taxonomy (`base`) with a coach's extension applied, as raw YAML data.

    New skills, guides, categories and stages are appended; `extend_skills` adds aliases,
    narrower terms, rules, implications and provenance to existing skills by id; roles
    and certifications with a built-in id replace the built-in entry, others are added.
    """
    problems = Problems(source)
    unknown = sorted(
        k for k in extension if k not in TOP_LEVEL_FIELDS and not ANCHOR_KEY.match(str(k))
    )
    for key in unknown:
        problems.add(f"unknown top-level field '{key}'")
    merged: dict[str, Any] = {key: value for key, value in base.items() if key != "extends"}
    merged["extends"] = "builtin"
    if "version" in extension:
        merged["version"] = f"{base.get('version')}+{extension['version']}"
    if "as_of" in extension:
        merged["as_of"] = extension["as_of"]
    for key in ("guides", "categories", "stages", "levels", "skills"):
        added = extension.get(key) or []
        if not isinstance(added, list):
            problems.add(f"field '{key}': expected a list")
            continue
        merged[key] = list(base.get(key) or []) + added
    for key in ("roles", "certifications"):
        added = extension.get(key) or []
        if not isinstance(added, list):
            problems.add(f"field '{key}': expected a list")
            continue
        merged[key] = _replace_by_id(list(base.get(key) or []), added)
    extend = extension.get("extend_skills") or []
    if not isinstance(extend, list):
        problems.add("field 'extend_skills': expected a list")
    else:
        merged["skills"] = _extend_skills(merged["skills"], extend, problems)
    problems.raise_if_any()
    return merged


def _replace_by_id(entries: list[Any], replacements: list[Any]) -> list[Any]:
    position = {e.get("id"): i for i, e in enumerate(entries) if isinstance(e, dict)}
    for entry in replacements:
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        if entry_id in position:
            entries[position[entry_id]] = entry
        else:
            entries.append(entry)
    return entries


def _extend_skills(skills: list[Any], updates: list[Any], problems: Problems) -> list[Any]:
    by_id = {s.get("id"): i for i, s in enumerate(skills) if isinstance(s, dict)}
    result = [dict(s) if isinstance(s, dict) else s for s in skills]
    for update in updates:
        if not isinstance(update, dict) or "id" not in update:
            problems.add("field 'extend_skills': each entry needs the 'id' of a built-in skill")
            continue
        skill_id = update["id"]
        where = f"extend_skills '{skill_id}'"
        if skill_id not in by_id:
            problems.add(
                f"{where}: no skill with this id to extend (add new skills under 'skills')"
            )
            continue
        target = result[by_id[skill_id]]
        for key, value in update.items():
            if key == "id":
                continue
            if key not in EXTEND_SKILL_FIELDS:
                problems.add(f"{where}, field '{key}': cannot be changed by an extension")
            elif key == "hint":
                target[key] = value
            elif key == "provenance":
                target[key] = {**(target.get(key) or {}), **(value or {})}
            else:
                target[key] = list(target.get(key) or []) + list(value or [])
    return result
