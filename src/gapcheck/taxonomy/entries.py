"""One guide, skill, role or certification entry of taxonomy YAML into its record.

Each `parse_*` adds what is wrong with the entry's fields to `problems` instead of
raising, so one pass reports every problem of a file; an entry missing a required field
gives None. Checks that need the whole taxonomy (ids that must exist, terms two skills
share, cycles) are in gapcheck.taxonomy.validation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gapcheck.taxonomy.model import (
    ACCEPT_CONTEXTS,
    CERTIFICATION_STATUSES,
    EMPHASIS_VALUES,
    LEVELS,
    AmbiguityRule,
    Certification,
    Guide,
    Provenance,
    Role,
    Skill,
)
from gapcheck.taxonomy.problems import Problems

SKILL_FIELDS = frozenset(
    {
        "id",
        "name",
        "category",
        "stage",
        "aliases",
        "narrower",
        "ambiguous",
        "implies",
        "requires",
        "hint",
        "provenance",
        "scored",
        "note",
    }
)
SKILL_REQUIRED = ("id", "name", "category", "stage")
RULE_FIELDS = frozenset({"term", "case_sensitive", "accept", "cues", "reject"})
ROLE_FIELDS = frozenset(
    {"id", "name", "description", "min_weight", "category_factors", "skill_factors", "levels"}
)
CERT_FIELDS = frozenset(
    {
        "id",
        "name",
        "provider",
        "level",
        "kind",
        "exam_code",
        "status",
        "status_date",
        "confidence",
        "successors",
        "covers",
        "named_by",
        "aliases",
        "url",
        "cost",
        "notes",
    }
)
CERT_REQUIRED = ("id", "name", "provider", "status", "status_date")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_guide(raw: Mapping[str, Any], problems: Problems) -> Guide | None:
    missing = [f for f in ("id", "title", "publisher", "date", "file") if f not in raw]
    if missing:
        problems.add(f"guide '{raw.get('id', '?')}': missing field(s) {', '.join(missing)}")
        return None
    return Guide(**{f: str(raw[f]) for f in ("id", "title", "publisher", "date", "file")})


def _strings(raw: Mapping[str, Any], key: str, where: str, problems: Problems) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        problems.add(f"{where}, field '{key}': expected a list of strings")
        return ()
    return tuple(str(v) for v in value)


def _unknown_fields(
    raw: Mapping[str, Any], allowed: frozenset[str], where: str, problems: Problems
) -> None:
    for key in raw:
        if key not in allowed:
            problems.add(f"{where}: unknown field '{key}'")


def parse_skill(raw: Mapping[str, Any], problems: Problems) -> Skill | None:
    where = f"skill '{raw.get('id', '?')}'"
    missing = [f for f in SKILL_REQUIRED if raw.get(f) in (None, "")]
    for field_name in missing:
        problems.add(f"{where}, field '{field_name}': missing")
    if missing:
        return None
    _unknown_fields(raw, SKILL_FIELDS, where, problems)
    return Skill(
        id=str(raw["id"]),
        name=str(raw["name"]),
        category=str(raw["category"]),
        stage=str(raw["stage"]),
        aliases=_strings(raw, "aliases", where, problems),
        narrower=_strings(raw, "narrower", where, problems),
        ambiguous=_rules(raw, where, problems),
        implies=_strings(raw, "implies", where, problems),
        requires=_strings(raw, "requires", where, problems),
        hint=str(raw.get("hint") or ""),
        provenance=_provenance(raw, where, problems),
        scored=_bool(raw, "scored", True, where, problems),
        note=str(raw.get("note") or ""),
    )


def _bool(raw: Mapping[str, Any], key: str, default: bool, where: str, problems: Problems) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        problems.add(f"{where}, field '{key}': expected true or false")
        return default
    return value


def _rules(raw: Mapping[str, Any], where: str, problems: Problems) -> tuple[AmbiguityRule, ...]:
    value = raw.get("ambiguous")
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(f"{where}, field 'ambiguous': expected a list of rules")
        return ()
    rules = []
    for entry in value:
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("term"), str)
            or not entry["term"].strip()
        ):
            problems.add(f"{where}, field 'ambiguous': each rule needs a 'term'")
            continue
        rule_where = f"{where}, field 'ambiguous' (term '{entry['term']}')"
        _unknown_fields(entry, RULE_FIELDS, rule_where, problems)
        accept = (
            _strings(entry, "accept", rule_where, problems)
            if "accept" in entry
            else ("list", "cue")
        )
        for context in accept:
            if context not in ACCEPT_CONTEXTS:
                problems.add(
                    f"{rule_where}: unknown accept context '{context}' "
                    f"(use {', '.join(ACCEPT_CONTEXTS)})"
                )
        if not accept:
            problems.add(f"{rule_where}: 'accept' is empty, so the term could never count")
        cues = _strings(entry, "cues", rule_where, problems)
        if "cue" in accept and not cues:
            problems.add(f"{rule_where}: accepts 'cue' but lists no cues")
        rules.append(
            AmbiguityRule(
                term=entry["term"],
                case_sensitive=_bool(entry, "case_sensitive", True, rule_where, problems),
                accept=accept,
                cues=cues,
                reject=_strings(entry, "reject", rule_where, problems),
            )
        )
    return tuple(rules)


def _provenance(raw: Mapping[str, Any], where: str, problems: Problems) -> tuple[Provenance, ...]:
    value = raw.get("provenance")
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.add(
            f"{where}, field 'provenance': expected a mapping of guide id to {{mentions, emphasis}}"
        )
        return ()
    result = []
    for guide, entry in sorted(value.items(), key=lambda item: str(item[0])):
        if not isinstance(entry, dict):
            problems.add(
                f"{where}, field 'provenance': guide '{guide}' needs {{mentions, emphasis}}"
            )
            continue
        mentions = entry.get("mentions", 1)
        if not isinstance(mentions, int) or isinstance(mentions, bool) or mentions < 0:
            problems.add(
                f"{where}, field 'provenance': guide '{guide}' mentions must be a whole number >= 0"
            )
            mentions = 0
        emphasis = str(entry.get("emphasis", "named"))
        if emphasis not in EMPHASIS_VALUES:
            problems.add(
                f"{where}, field 'provenance': unknown emphasis '{emphasis}' for guide '{guide}' "
                f"(use {', '.join(EMPHASIS_VALUES)})"
            )
        result.append(Provenance(guide=str(guide), mentions=mentions, emphasis=emphasis))
    return tuple(result)


def _factors(raw: Any, where: str, problems: Problems) -> dict[str, float]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.add(f"{where}: expected a mapping of id to number")
        return {}
    result = {}
    for key, value in raw.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            problems.add(f"{where}: factor for '{key}' must be a number >= 0")
            continue
        result[str(key)] = float(value)
    return result


def parse_role(raw: Mapping[str, Any], problems: Problems) -> Role | None:
    where = f"role '{raw.get('id', '?')}'"
    missing = [f for f in ("id", "name") if raw.get(f) in (None, "")]
    for field_name in missing:
        problems.add(f"{where}, field '{field_name}': missing")
    if missing:
        return None
    _unknown_fields(raw, ROLE_FIELDS, where, problems)
    levels = raw.get("levels") or {}
    if not isinstance(levels, dict):
        problems.add(f"{where}, field 'levels': expected a mapping of level to factors")
        levels = {}
    level_categories: dict[str, dict[str, float]] = {}
    level_skills: dict[str, dict[str, float]] = {}
    for level, factors in levels.items():
        if level not in LEVELS:
            problems.add(
                f"{where}, field 'levels': unknown level '{level}' (use {', '.join(LEVELS)})"
            )
            continue
        factors = factors or {}
        if not isinstance(factors, dict) or set(factors) - {"categories", "skills"}:
            problems.add(f"{where}, field 'levels.{level}': expected 'categories' and/or 'skills'")
            continue
        level_categories[level] = _factors(
            factors.get("categories"), f"{where}, field 'levels.{level}.categories'", problems
        )
        level_skills[level] = _factors(
            factors.get("skills"), f"{where}, field 'levels.{level}.skills'", problems
        )
    min_weight = raw.get("min_weight", 1.0)
    if not isinstance(min_weight, (int, float)) or isinstance(min_weight, bool) or min_weight < 0:
        problems.add(f"{where}, field 'min_weight': expected a number >= 0")
        min_weight = 1.0
    return Role(
        id=str(raw["id"]),
        name=str(raw["name"]),
        description=str(raw.get("description") or ""),
        category_factors=_factors(
            raw.get("category_factors"), f"{where}, field 'category_factors'", problems
        ),
        skill_factors=_factors(
            raw.get("skill_factors"), f"{where}, field 'skill_factors'", problems
        ),
        level_category_factors=level_categories,
        level_skill_factors=level_skills,
        min_weight=float(min_weight),
    )


def _optional_str(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return None if value is None else str(value)


def parse_certification(raw: Mapping[str, Any], problems: Problems) -> Certification | None:
    where = f"certification '{raw.get('id', '?')}'"
    missing = [f for f in CERT_REQUIRED if raw.get(f) in (None, "")]
    for field_name in missing:
        problems.add(f"{where}, field '{field_name}': missing")
    if missing:
        return None
    _unknown_fields(raw, CERT_FIELDS, where, problems)
    status = str(raw["status"])
    if status not in CERTIFICATION_STATUSES:
        problems.add(
            f"{where}, field 'status': unknown status '{status}' "
            f"(use {', '.join(CERTIFICATION_STATUSES)})"
        )
    status_date = str(raw["status_date"])
    if not (PARTIAL_DATE.match(status_date) or status_date == "undated"):
        problems.add(
            f"{where}, field 'status_date': expected YYYY, YYYY-MM, YYYY-MM-DD or 'undated'"
        )
    return Certification(
        id=str(raw["id"]),
        name=str(raw["name"]),
        provider=str(raw["provider"]),
        level=str(raw.get("level") or ""),
        kind=str(raw.get("kind") or ""),
        status=status,
        status_date=status_date,
        covers=_strings(raw, "covers", where, problems),
        exam_code=_optional_str(raw, "exam_code"),
        successors=_strings(raw, "successors", where, problems),
        named_by=_strings(raw, "named_by", where, problems),
        aliases=_strings(raw, "aliases", where, problems),
        confidence=str(raw.get("confidence") or ""),
        url=_optional_str(raw, "url"),
        cost=_optional_str(raw, "cost"),
        notes=str(raw.get("notes") or ""),
    )
