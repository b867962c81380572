"""Parse and validate taxonomy YAML into records (the format is in taxonomy/README.md).

Every load validates. Problems are collected rather than raised one at a time, so a
coach fixing a file sees all of them at once; each names the entry (skill, role,
certification...) and the field:

    skills.yaml: 2 problems (see taxonomy/README.md for the format):
      skill 'pytorch', field 'implies': unknown skill 'deep_learnin'
      skill 'keras', field 'aliases': 'tf.keras' is also an alias of skill 'tensorflow'

A file with `extends: builtin` is merged onto the built-in taxonomy first (new skills,
roles, certifications; aliases added to existing skills by id; roles replaced by id),
then the merged whole is validated.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from gapcheck.errors import TaxonomyError
from gapcheck.support.resources import builtin_taxonomy_path
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
    Taxonomy,
    read_yaml,
)

FORMAT_HELP = "see taxonomy/README.md for the format"

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
# Fields an extension may add to a built-in skill through `extend_skills`.
EXTEND_SKILL_FIELDS = frozenset(
    {"id", "aliases", "narrower", "ambiguous", "implies", "requires", "hint", "provenance"}
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --------------------------------------------------------------------------- loading


def load(path: Path) -> Taxonomy:
    """Load, merge (when it extends the built-in) and validate the taxonomy at `path`."""
    stat = _stat(path)
    return _load_cached(path.resolve(), stat[0], stat[1])


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0)  # read_yaml reports the missing or unreadable file
    return (info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, size: int) -> Taxonomy:
    # Keyed by modification time and size, so an edited file is read again; a loaded
    # taxonomy is immutable, so sharing it between analyses is safe.
    del mtime_ns, size
    return _load_through_disk_cache(path)


def _load_through_disk_cache(path: Path) -> Taxonomy:
    """The parsed taxonomy from gapcheck's on-disk cache, keyed by the YAML texts' digests.

    Parsing and validating the built-in taxonomy takes ~0.05 s of every cold start (YAML
    import included); the cached records load in ~2 ms. See gapcheck.support.disk_cache.
    """
    from gapcheck.support import disk_cache as cache

    try:
        text = path.read_bytes()
        base = builtin_taxonomy_path().read_bytes()
    except OSError:
        return _parse_file(path)  # which reports the missing or unreadable file
    # The built-in text is part of the key even when `path` does not extend it: cheaper
    # than parsing to find out, and an entry is never stale.
    text_digest = hashlib.sha256(text).hexdigest()
    key = cache.entry_key("taxonomy", (path.name, text_digest, hashlib.sha256(base).hexdigest()))
    taxonomy = cache.load("taxonomy", key, Taxonomy)
    if taxonomy is None:
        taxonomy = _parse_file(path)
        # Stored only if the file did not change between hashing and parsing it.
        if taxonomy.digest in (text_digest, hashlib.sha256(text + base).hexdigest()):
            cache.store("taxonomy", key, taxonomy)
    return taxonomy


def _parse_file(path: Path) -> Taxonomy:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise TaxonomyError(
            path.name, "is not a taxonomy (expected a mapping at the top)", FORMAT_HELP
        )
    digest = hashlib.sha256(path.read_bytes())
    if "extends" in data:
        if data["extends"] != "builtin":
            raise TaxonomyError(
                path.name,
                f"field 'extends': unknown base '{data['extends']}'",
                "the only base is 'builtin'",
            )
        base_path = builtin_taxonomy_path()
        base = read_yaml(base_path)
        if not isinstance(base, dict):
            raise TaxonomyError(base_path.name, "is not a taxonomy", "reinstall gapcheck")
        digest.update(base_path.read_bytes())
        data = merge_extension(base, data, source=path.name)
    return parse(data, source=path.name, digest=digest.hexdigest())


def merge_extension(
    base: Mapping[str, Any], extension: Mapping[str, Any], *, source: str
) -> dict[str, Any]:
    """The built-in taxonomy (`base`) with a coach's extension applied, as raw YAML data.

    New skills, guides, categories and stages are appended; `extend_skills` adds aliases,
    narrower terms, rules, implications and provenance to existing skills by id; roles
    and certifications with a built-in id replace the built-in entry, others are added.
    """
    problems = _Problems(source)
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


def _extend_skills(skills: list[Any], updates: list[Any], problems: _Problems) -> list[Any]:
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


# --------------------------------------------------------------------------- parsing


class _Problems:
    """Problems found in one file, reported together."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            raise TaxonomyError(self.source, self.items[0], FORMAT_HELP)
        listing = "\n".join(f"  {item}" for item in self.items)
        raise TaxonomyError(self.source, f"{len(self.items)} problems ({FORMAT_HELP}):\n{listing}")


def parse(data: Mapping[str, Any], *, source: str, digest: str) -> Taxonomy:
    """Records from raw YAML data; raises TaxonomyError listing every problem found."""
    problems = _Problems(source)
    for key in data:
        if key not in TOP_LEVEL_FIELDS and not ANCHOR_KEY.match(str(key)):
            problems.add(f"unknown top-level field '{key}'")
    version = data.get("version")
    if version is None or str(version).strip() == "":
        problems.add("field 'version': missing")
    as_of = str(data.get("as_of", ""))
    if not FULL_DATE.match(as_of):
        problems.add("field 'as_of': missing or not a YYYY-MM-DD date")

    guides = _parse_list(data, "guides", _guide, problems)
    categories = _id_name_map(data, "categories", problems)
    stages = _id_name_map(data, "stages", problems)
    levels = _levels(data, problems)
    skills = _parse_list(data, "skills", _skill, problems)
    roles = _parse_list(data, "roles", _role, problems)
    certifications = _parse_list(data, "certifications", _certification, problems)
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
    build: Callable[[Mapping[str, Any], _Problems], Any | None],
    problems: _Problems,
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


def _id_name_map(data: Mapping[str, Any], key: str, problems: _Problems) -> dict[str, str]:
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


def _levels(data: Mapping[str, Any], problems: _Problems) -> dict[str, str]:
    result: dict[str, str] = {}
    for entry in data.get("levels") or []:
        if not isinstance(entry, dict) or entry.get("id") not in LEVELS:
            problems.add(f"field 'levels': each entry needs an 'id' among {', '.join(LEVELS)}")
            continue
        result[str(entry["id"])] = str(entry.get("description") or entry.get("name") or "")
    return result


def _guide(raw: Mapping[str, Any], problems: _Problems) -> Guide | None:
    missing = [f for f in ("id", "title", "publisher", "date", "file") if f not in raw]
    if missing:
        problems.add(f"guide '{raw.get('id', '?')}': missing field(s) {', '.join(missing)}")
        return None
    return Guide(**{f: str(raw[f]) for f in ("id", "title", "publisher", "date", "file")})


def _strings(raw: Mapping[str, Any], key: str, where: str, problems: _Problems) -> tuple[str, ...]:
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
    raw: Mapping[str, Any], allowed: frozenset[str], where: str, problems: _Problems
) -> None:
    for key in raw:
        if key not in allowed:
            problems.add(f"{where}: unknown field '{key}'")


def _skill(raw: Mapping[str, Any], problems: _Problems) -> Skill | None:
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


def _bool(raw: Mapping[str, Any], key: str, default: bool, where: str, problems: _Problems) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        problems.add(f"{where}, field '{key}': expected true or false")
        return default
    return value


def _rules(raw: Mapping[str, Any], where: str, problems: _Problems) -> tuple[AmbiguityRule, ...]:
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


def _provenance(raw: Mapping[str, Any], where: str, problems: _Problems) -> tuple[Provenance, ...]:
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


def _factors(raw: Any, where: str, problems: _Problems) -> dict[str, float]:
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


def _role(raw: Mapping[str, Any], problems: _Problems) -> Role | None:
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


def _certification(raw: Mapping[str, Any], problems: _Problems) -> Certification | None:
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


# --------------------------------------------------------------------------- validation


def validate(taxonomy: Taxonomy) -> list[str]:
    """Every consistency problem of a parsed taxonomy, one line each (empty: valid)."""
    problems: list[str] = []
    skill_ids = {s.id for s in taxonomy.skills}
    guide_ids = {g.id for g in taxonomy.guides}
    cert_ids = {c.id for c in taxonomy.certifications}

    for kind, ids in (
        ("skill", [s.id for s in taxonomy.skills]),
        ("role", [r.id for r in taxonomy.roles]),
        ("certification", [c.id for c in taxonomy.certifications]),
        ("guide", [g.id for g in taxonomy.guides]),
    ):
        for entry_id in _duplicates(ids):
            problems.append(f"{kind} '{entry_id}': duplicate id")
        for entry_id in ids:
            if not ID_PATTERN.match(entry_id):
                problems.append(
                    f"{kind} '{entry_id}', field 'id': use lower-case letters, digits, '_' or '-'"
                )

    for skill in taxonomy.skills:
        where = f"skill '{skill.id}'"
        if skill.category not in taxonomy.categories:
            problems.append(f"{where}, field 'category': unknown category '{skill.category}'")
        if skill.stage not in taxonomy.stages:
            problems.append(f"{where}, field 'stage': unknown stage '{skill.stage}'")
        for field_name, targets in (("implies", skill.implies), ("requires", skill.requires)):
            for target in targets:
                if target == skill.id:
                    verb = "imply" if field_name == "implies" else "require"
                    problems.append(f"{where}, field '{field_name}': a skill cannot {verb} itself")
                elif target not in skill_ids:
                    problems.append(f"{where}, field '{field_name}': unknown skill '{target}'")
        for provenance in skill.provenance:
            if provenance.guide not in guide_ids:
                problems.append(f"{where}, field 'provenance': unknown guide '{provenance.guide}'")

    problems.extend(_term_collisions(taxonomy))
    for field_name in ("implies", "requires"):
        edges = {
            s.id: [t for t in getattr(s, field_name) if t in skill_ids and t != s.id]
            for s in taxonomy.skills
        }
        for cycle in _cycles(edges):
            problems.append(f"skill '{cycle[0]}', field '{field_name}': cycle {' -> '.join(cycle)}")

    for role in taxonomy.roles:
        where = f"role '{role.id}'"
        problems.extend(
            _unknown_keys(
                role.category_factors,
                taxonomy.categories,
                f"{where}, field 'category_factors'",
                "category",
            )
        )
        problems.extend(
            _unknown_keys(role.skill_factors, skill_ids, f"{where}, field 'skill_factors'", "skill")
        )
        for level, factors in role.level_category_factors.items():
            problems.extend(
                _unknown_keys(
                    factors,
                    taxonomy.categories,
                    f"{where}, field 'levels.{level}.categories'",
                    "category",
                )
            )
        for level, factors in role.level_skill_factors.items():
            problems.extend(
                _unknown_keys(
                    factors, skill_ids, f"{where}, field 'levels.{level}.skills'", "skill"
                )
            )

    cert_alias_owner: dict[str, str] = {}
    for cert in taxonomy.certifications:
        where = f"certification '{cert.id}'"
        problems.extend(
            f"{where}, field 'covers': unknown skill '{s}'"
            for s in cert.covers
            if s not in skill_ids
        )
        problems.extend(
            f"{where}, field 'named_by': unknown guide '{g}'"
            for g in cert.named_by
            if g not in guide_ids
        )
        for successor in cert.successors:
            if successor == cert.id:
                problems.append(
                    f"{where}, field 'successors': a certification cannot succeed itself"
                )
            elif successor not in cert_ids:
                problems.append(f"{where}, field 'successors': unknown certification '{successor}'")
        for alias in (cert.name, *cert.aliases):
            key = _term_key(alias)
            owner = cert_alias_owner.setdefault(key, cert.id)
            if owner != cert.id:
                problems.append(
                    f"{where}, field 'aliases': '{alias}' also names certification '{owner}'"
                )
    return problems


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for entry_id in ids:
        if entry_id in seen and entry_id not in repeated:
            repeated.append(entry_id)
        seen.add(entry_id)
    return repeated


def _unknown_keys(
    factors: Mapping[str, float], known: Iterable[str], where: str, kind: str
) -> list[str]:
    known_set = set(known)
    return [f"{where}: unknown {kind} '{key}'" for key in factors if key not in known_set]


def _term_key(term: str) -> str:
    """How two terms are compared: case, curly apostrophes and spacing do not matter."""
    return " ".join(term.replace("’", "'").casefold().split())


def _term_collisions(taxonomy: Taxonomy) -> list[str]:
    """A name or alias must point at one skill only; narrower terms may not shadow one.

    Names and aliases are unique across skills. A narrower term may be shared by several
    skills (MySQL is evidence of databases and of SQL) but may not equal another skill's
    name or alias. Ambiguous terms may be shared too: each skill's cues decide (LDA).
    """
    problems: list[str] = []
    owner: dict[str, tuple[str, str]] = {}  # term key -> (skill id, field)
    for skill in taxonomy.skills:
        for field_name, terms in (("name", (skill.name,)), ("aliases", skill.aliases)):
            for term in terms:
                key = _term_key(term)
                previous = owner.get(key)
                if previous is None:
                    owner[key] = (skill.id, field_name)
                elif previous[0] != skill.id:
                    kind = "name" if previous[1] == "name" else "an alias"
                    problems.append(
                        f"skill '{skill.id}', field '{field_name}': "
                        f"'{term}' is also {kind} of skill '{previous[0]}'"
                    )
    for skill in taxonomy.skills:
        for term in skill.narrower:
            previous = owner.get(_term_key(term))
            if previous is not None and previous[0] != skill.id:
                kind = "the name" if previous[1] == "name" else "an alias"
                problems.append(
                    f"skill '{skill.id}', field 'narrower': "
                    f"'{term}' is {kind} of skill '{previous[0]}'"
                )
        for rule in skill.ambiguous:
            previous = owner.get(_term_key(rule.term))
            if previous is not None and previous[0] != skill.id:
                kind = "the name" if previous[1] == "name" else "an alias"
                problems.append(
                    f"skill '{skill.id}', field 'ambiguous': "
                    f"term '{rule.term}' is {kind} of skill '{previous[0]}'"
                )
    return problems


def _cycles(edges: Mapping[str, list[str]]) -> list[list[str]]:
    """Each distinct cycle once, as a path that starts and ends at its smallest id."""
    found: list[list[str]] = []
    seen_sets: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges.get(node, [])):
            if state.get(target) == 1:
                cycle = path[path.index(target) :]
                if frozenset(cycle) not in seen_sets:
                    seen_sets.add(frozenset(cycle))
                    start = cycle.index(min(cycle))
                    rotated = cycle[start:] + cycle[:start]
                    found.append([*rotated, rotated[0]])
            elif state.get(target) is None:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if state.get(node) is None:
            visit(node)
    return found
