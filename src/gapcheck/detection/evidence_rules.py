"""The relations of taxonomy/evidence.yaml: degrees, positions and papers -> skills shown.

The relations are data (a coach reads and changes them without touching code); this
module loads them once, checks their shape, and applies them to a resume's background.
Each skill is shown at most once, by the first relation that shows it (degrees, then
positions, then publications: a degree is the plainest evidence), and never when the
detector found it named in the text or the taxonomy in use has no such skill.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gapcheck.detection.degrees import LEVELS, describe
from gapcheck.detection.positions import covered_years, spans
from gapcheck.detection.publications import PublicationEntry
from gapcheck.detection.strength import evidence_strength
from gapcheck.records import Degree, Detection, Evidence, Position, ShownByEvidence
from gapcheck.support.resources import taxonomy_dir
from gapcheck.taxonomy.model import Taxonomy

EVIDENCE_FILE = "evidence.yaml"


@dataclass(frozen=True)
class DegreeRule:
    id: str
    field: re.Pattern[str]
    unless: re.Pattern[str] | None
    min_level: str
    shows: tuple[str, ...]


@dataclass(frozen=True)
class PositionRule:
    id: str
    kinds: tuple[str, ...]
    title: re.Pattern[str] | None
    min_years: float
    shows: tuple[str, ...]


@dataclass(frozen=True)
class PublicationRule:
    id: str
    label: str
    words: re.Pattern[str]
    min_count: int
    shows: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceRules:
    degrees: tuple[DegreeRule, ...] = ()
    positions: tuple[PositionRule, ...] = ()
    publications: tuple[PublicationRule, ...] = ()

    def skill_ids(self) -> set[str]:
        rules: Iterable[DegreeRule | PositionRule | PublicationRule] = (
            *self.degrees,
            *self.positions,
            *self.publications,
        )
        return {skill for rule in rules for skill in rule.shows}


_KEYS = {
    "degrees": {"id", "field", "unless", "min_level", "shows"},
    "positions": {"id", "kinds", "title", "min_years", "shows"},
    "publications": {"id", "label", "words", "min_count", "shows"},
}


def _regex(entry: Mapping[str, Any], key: str, where: str) -> re.Pattern[str] | None:
    value = entry.get(key)
    if value is None:
        return None
    try:
        return re.compile(str(value), re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"{EVIDENCE_FILE}: {where}, field '{key}': {exc}") from None


def _required(pattern: re.Pattern[str] | None, key: str, where: str) -> re.Pattern[str]:
    if pattern is None:
        raise ValueError(f"{EVIDENCE_FILE}: {where}: field '{key}' is required")
    return pattern


def parse_rules(data: Any) -> EvidenceRules:
    """The relations in evidence.yaml's data; ValueError names the entry and field."""
    if not isinstance(data, dict):
        raise ValueError(f"{EVIDENCE_FILE}: expected a mapping at the top")
    lists: dict[str, list[dict[str, Any]]] = {}
    for group, keys in _KEYS.items():
        entries = data.get(group) or []
        for n, entry in enumerate(entries, 1):
            name = entry.get("id", "?") if isinstance(entry, dict) else "?"
            where = f"{group} entry {n} ({name})"
            if not isinstance(entry, dict) or "id" not in entry or "shows" not in entry:
                raise ValueError(f"{EVIDENCE_FILE}: {where}: needs 'id' and 'shows'")
            unknown = set(entry) - keys
            if unknown:
                raise ValueError(f"{EVIDENCE_FILE}: {where}: unknown field '{sorted(unknown)[0]}'")
        lists[group] = list(entries)
    degrees = []
    for n, entry in enumerate(lists["degrees"], 1):
        where = f"degrees entry {n} ({entry['id']})"
        level = str(entry.get("min_level", "bachelors"))
        if level not in LEVELS:
            raise ValueError(f"{EVIDENCE_FILE}: {where}, field 'min_level': unknown '{level}'")
        field = _required(_regex(entry, "field", where), "field", where)
        unless = _regex(entry, "unless", where)
        degrees.append(DegreeRule(entry["id"], field, unless, level, tuple(entry["shows"])))
    positions = []
    for n, entry in enumerate(lists["positions"], 1):
        where = f"positions entry {n} ({entry['id']})"
        positions.append(
            PositionRule(
                entry["id"],
                tuple(entry.get("kinds") or ()),
                _regex(entry, "title", where),
                float(entry.get("min_years", 0)),
                tuple(entry["shows"]),
            )
        )
    publications = []
    for n, entry in enumerate(lists["publications"], 1):
        where = f"publications entry {n} ({entry['id']})"
        publications.append(
            PublicationRule(
                entry["id"],
                str(entry.get("label", "")),
                _required(_regex(entry, "words", where), "words", where),
                int(entry.get("min_count", 1)),
                tuple(entry["shows"]),
            )
        )
    return EvidenceRules(tuple(degrees), tuple(positions), tuple(publications))


def load_rules(path: Path | None = None) -> EvidenceRules:
    """The relations in `path`, by default the shipped taxonomy/evidence.yaml."""
    return _load(path or taxonomy_dir() / EVIDENCE_FILE)


@functools.cache
def _load(path: Path) -> EvidenceRules:
    import yaml  # here, not at the top: only an analysis reads the relations

    return parse_rules(yaml.safe_load(path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- applying


def _years_text(years: float) -> str:
    text = f"{years:.1f}".removesuffix(".0")
    return f"{text} year" if text == "1" else f"{text} years"


def _degree_matches(rule: DegreeRule, degree: Degree) -> bool:
    if LEVELS.index(degree.level) < LEVELS.index(rule.min_level) or not degree.field:
        return False
    if rule.unless and rule.unless.search(degree.field):
        return False
    return bool(rule.field.search(degree.field))


def _position_matches(rule: PositionRule, position: Position) -> bool:
    if rule.kinds and not set(rule.kinds) & set(position.kinds):
        return False
    return rule.title is None or bool(rule.title.search(position.title))


def _position_reason(matching: Sequence[Position], years: float) -> str:
    titles: list[str] = []
    for position in sorted(matching, key=lambda p: -p.years):
        if position.title and position.title not in titles:
            titles.append(position.title)
    return f"{_years_text(years)} as {' and '.join(titles[:2]) or 'dated roles'}"


def _publication_evidence(entry: PublicationEntry) -> Evidence:
    line = entry.line
    text = line.text.strip()
    start = line.text.find(text)
    return Evidence(
        snippet=line.text,
        matched=text,
        start=start,
        end=start + len(text),
        page=line.page,
        line=line.number,
        section=entry.section.kind,
        heading=entry.section.heading,
        document=entry.section.document,
        method="rule",
        strength=evidence_strength(entry.section, ""),
    )


def shown_by_evidence(
    degrees: Sequence[Degree],
    positions: Sequence[Position],
    publications: Sequence[PublicationEntry],
    detection: Detection,
    taxonomy: Taxonomy,
    rules: EvidenceRules | None = None,
) -> tuple[ShownByEvidence, ...]:
    """The skills the background shows (see the module docstring), in relation order."""
    rules = rules or load_rules()
    known = {skill.id for skill in taxonomy.skills}
    skip = {found.id for found in detection.skills if found.explicit}
    shown: dict[str, ShownByEvidence] = {}

    def add(skill_ids: Iterable[str], because: str, evidence: Evidence) -> None:
        for skill_id in skill_ids:
            if skill_id in known and skill_id not in skip and skill_id not in shown:
                shown[skill_id] = ShownByEvidence(skill_id, because, evidence)

    for degree in degrees:
        for degree_rule in rules.degrees:
            if _degree_matches(degree_rule, degree):
                add(degree_rule.shows, describe(degree), degree.evidence)
    for position_rule in rules.positions:
        matching = [p for p in positions if _position_matches(position_rule, p)]
        years, _ = covered_years(spans(matching))
        if matching and years >= position_rule.min_years:
            longest = max(matching, key=lambda p: p.years)
            add(position_rule.shows, _position_reason(matching, years), longest.evidence)
    for publication_rule in rules.publications:
        papers = [e for e in publications if publication_rule.words.search(e.text)]
        if papers and len(papers) >= publication_rule.min_count:
            noun = "publication" if len(papers) == 1 else "publications"
            label = f"{publication_rule.label} " if publication_rule.label else ""
            add(
                publication_rule.shows,
                f"{len(papers)} {label}{noun}",
                _publication_evidence(papers[0]),
            )
    return tuple(shown.values())
