"""Parse taxonomy YAML into records (see taxonomy/README.md for the format)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from gapcheck.errors import TaxonomyError
from gapcheck.taxonomy import (
    AmbiguityRule,
    Certification,
    Guide,
    Provenance,
    Role,
    Skill,
    Taxonomy,
    as_tuple,
    read_yaml,
)


def load(path: Path) -> Taxonomy:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise TaxonomyError(str(path), "is not a taxonomy (expected a mapping at the top)", "see taxonomy/README.md")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return parse(data, source=path.name, digest=digest)


def _skill(raw: dict[str, Any]) -> Skill:
    return Skill(
        id=str(raw["id"]),
        name=str(raw["name"]),
        category=str(raw["category"]),
        stage=str(raw.get("stage", "")),
        aliases=tuple(str(a) for a in as_tuple(raw.get("aliases"))),
        narrower=tuple(str(a) for a in as_tuple(raw.get("narrower"))),
        ambiguous=tuple(
            AmbiguityRule(
                term=str(rule["term"]),
                case_sensitive=bool(rule.get("case_sensitive", True)),
                accept=tuple(as_tuple(rule.get("accept", ("list", "cue")))),
                cues=tuple(str(c) for c in as_tuple(rule.get("cues"))),
                reject=tuple(str(r) for r in as_tuple(rule.get("reject"))),
            )
            for rule in as_tuple(raw.get("ambiguous"))
        ),
        implies=tuple(as_tuple(raw.get("implies"))),
        requires=tuple(as_tuple(raw.get("requires"))),
        hint=str(raw.get("hint", "")),
        provenance=tuple(
            Provenance(guide=str(g), mentions=int(p.get("mentions", 1)), emphasis=str(p.get("emphasis", "named")))
            for g, p in sorted((raw.get("provenance") or {}).items())
        ),
        scored=bool(raw.get("scored", True)),
    )


def _certification(raw: dict[str, Any]) -> Certification:
    return Certification(
        id=str(raw["id"]),
        name=str(raw["name"]),
        provider=str(raw.get("provider", "")),
        level=str(raw.get("level", "")),
        kind=str(raw.get("kind", "")),
        status=str(raw.get("status", "unknown")),
        status_date=str(raw.get("status_date", "")),
        covers=tuple(as_tuple(raw.get("covers"))),
        exam_code=raw.get("exam_code"),
        successors=tuple(as_tuple(raw.get("successors"))),
        named_by=tuple(as_tuple(raw.get("named_by"))),
        aliases=tuple(str(a) for a in as_tuple(raw.get("aliases"))),
        confidence=str(raw.get("confidence", "")),
        url=raw.get("url"),
        cost=raw.get("cost"),
    )


def _role(raw: dict[str, Any]) -> Role:
    levels = raw.get("levels") or {}
    return Role(
        id=str(raw["id"]),
        name=str(raw["name"]),
        description=str(raw.get("description", "")),
        category_factors=dict(raw.get("category_factors") or {}),
        skill_factors=dict(raw.get("skill_factors") or {}),
        level_category_factors={k: dict(v.get("categories") or {}) for k, v in levels.items()},
        level_skill_factors={k: dict(v.get("skills") or {}) for k, v in levels.items()},
        min_weight=float(raw.get("min_weight", 1.0)),
    )


def parse(data: dict[str, Any], *, source: str, digest: str) -> Taxonomy:
    try:
        return Taxonomy(
            version=str(data["version"]),
            as_of=str(data["as_of"]),
            guides=tuple(Guide(**g) for g in as_tuple(data.get("guides"))),
            categories={str(c["id"]): str(c["name"]) for c in as_tuple(data.get("categories"))},
            stages={str(s["id"]): str(s["name"]) for s in as_tuple(data.get("stages"))},
            skills=tuple(_skill(s) for s in as_tuple(data.get("skills"))),
            certifications=tuple(_certification(c) for c in as_tuple(data.get("certifications"))),
            roles=tuple(_role(r) for r in as_tuple(data.get("roles"))),
            source=source,
            digest=digest,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TaxonomyError(source, f"malformed entry ({exc!r})", "see taxonomy/README.md") from None
