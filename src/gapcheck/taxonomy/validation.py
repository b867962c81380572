"""Consistency checks on parsed taxonomy records: ids, references, shared terms, cycles.

These need the whole taxonomy at once (does `implies` name a skill that exists? does an
alias point at two skills?), so they run on the records once every entry is parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from gapcheck.taxonomy.model import Taxonomy

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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
