"""`gapcheck taxonomy build`: count what documents say about each skill.

For every document (a career guide, a job posting; txt, md or pdf) and every taxonomy
skill: how often the document names it and the strongest emphasis the document puts on
it. Run on the four career guides, this is the provenance recorded in
taxonomy/skills.yaml; `write_provenance` puts it there, and a test checks they agree.

1. The document is reflowed into sentence and list-item units (taxonomy_text.units_of).
2. The units go through `detect.get_detector(taxonomy).detect_text`, one per line, except
   that consecutive short items of one list share a line ("Hadoop • Spark • MapReduce"),
   so the detector sees the list they are. A mention is one piece of explicit evidence
   (exact, alias or rule); fuzzy matches and implied skills are not: no guide wrote them.
3. A mention's emphasis is the strongest emphasis its unit says of it, or for a list
   item its list's heading (taxonomy_text.emphasis_in).
4. A document's emphasis for a skill combines its mentions' (document_emphasis).

Frequent technical-looking terms that no skill matched (acronyms, CamelCase, names with
digits, capitalised names inside sentences, short list items) are listed as what the
taxonomy may lack.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck.authoring.text import (
    DOCUMENT_SUFFIXES,
    Unit,
    document_emphasis,
    read_source,
    unit_emphasis,
    units_of,
)
from gapcheck.errors import UsageError
from gapcheck.records import Detection, Evidence
from gapcheck.taxonomy.model import Taxonomy

MENTION_METHODS = frozenset({"exact", "alias", "rule"})
LIST_JOIN = " • "
LIST_JOIN_MAX_WORDS = 10

# Missing-term discovery.
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}s?\b")
_MIXED_CASE = re.compile(
    r"\b[A-Za-z]*[a-z][A-Z][\w.+#-]*|\b[A-Za-z]+\d+[\w.+#-]*|\b[A-Za-z]+[+#]+(?!\w)"
)
_TITLE_RUN = re.compile(
    r"(?<![\w.])(?:[A-Z][\w'’.+-]*[a-z0-9][\w'’.+-]*\s+){1,3}[A-Z][\w'’.+-]*(?![\w])"
)
LIST_ITEM_MAX_WORDS = 4
MIN_TERM_COUNT = 2


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class SourceDocument:
    """A document to count in: its name, its guide id (when it is a guide) and its units."""

    name: str  # file name
    guide: str | None
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Mention:
    skill_id: str
    matched: str
    unit: int  # index into the document's units
    emphasis: str  # a key of EMPHASIS_VALUES ("named" when no emphasis word)


@dataclass(frozen=True)
class DocumentCount:
    document: str  # guide id, or the file name for a document that is not a guide
    mentions: int
    emphasis: str


@dataclass(frozen=True)
class SkillCount:
    skill_id: str
    name: str
    counts: tuple[DocumentCount, ...]  # documents that name it, in input order

    @property
    def documents(self) -> int:
        return len(self.counts)

    @property
    def mentions(self) -> int:
        return sum(c.mentions for c in self.counts)


@dataclass(frozen=True)
class MissingTerm:
    term: str
    count: int
    documents: tuple[str, ...]


@dataclass(frozen=True)
class BuildReport:
    documents: tuple[tuple[str, str | None], ...]  # (file name, guide id or None)
    skills: tuple[SkillCount, ...]  # every taxonomy skill, taxonomy order
    certifications: Mapping[str, tuple[str, ...]]  # certification id -> documents naming it
    missing: tuple[MissingTerm, ...]

    def label(self, name: str) -> str:
        """How a document is called in the report: its guide id, else its file name."""
        return next((guide or name for doc, guide in self.documents if doc == name), name)


# --------------------------------------------------------------------------- reading


def load_documents(paths: Sequence[Path], taxonomy: Taxonomy) -> list[SourceDocument]:
    """Read each document once (duplicates dropped), matching file names to guide ids."""
    by_file = {guide.file: guide.id for guide in taxonomy.guides}
    documents: list[SourceDocument] = []
    seen: set[Path] = set()
    for path in paths:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise UsageError(
                path.name,
                f"unsupported document type '{path.suffix or path.name}'",
                "use .txt, .md or .pdf",
            )
        documents.append(
            SourceDocument(path.name, by_file.get(path.name), units_of(read_source(path)))
        )
    if not documents:
        raise UsageError(
            "taxonomy build", "no documents given", "pass one or more .txt, .md or .pdf files"
        )
    return documents


# --------------------------------------------------------------------------- counting


@dataclass(frozen=True)
class DetectorLine:
    """One line given to the detector: a unit, or a run of short items of one list."""

    text: str
    parts: tuple[tuple[int, int], ...]  # (unit index, offset of the unit's text in `text`)
    joinable: bool  # a short list item: the next item of its list may join it


def detector_lines(units: Sequence[Unit]) -> list[DetectorLine]:
    """Units as detector lines. Consecutive short items of one list share a line, joined by
    bullets, so the detector sees the list they are ("Hadoop • Spark • MapReduce"): one
    item per line would give an ambiguous term such as Spark no list to stand in."""
    lines: list[DetectorLine] = []
    for index, unit in enumerate(units):
        short = (
            unit.list_item
            and len(unit.text.split()) <= LIST_JOIN_MAX_WORDS
            and not unit.text.endswith((".", "!", "?", ":"))
        )
        previous = lines[-1] if lines else None
        if (
            short
            and previous is not None
            and previous.joinable
            and previous.parts[-1][0] == index - 1
            and units[index - 1].heading == unit.heading
        ):
            offset = len(previous.text) + len(LIST_JOIN)
            lines[-1] = DetectorLine(
                previous.text + LIST_JOIN + unit.text, (*previous.parts, (index, offset)), True
            )
        else:
            lines.append(DetectorLine(unit.text, ((index, 0),), short))
    return lines


def _locate(
    lines: Sequence[DetectorLine], evidence: Evidence
) -> tuple[int, int | None, int | None] | None:
    """(unit index, start, end in the unit's text) of a piece of evidence, or None."""
    if not 0 < evidence.line <= len(lines):
        return None
    line = lines[evidence.line - 1]
    # The engine may have joined this line to the one before it; find it in the snippet.
    offset = evidence.snippet.find(line.text)
    if offset < 0:
        return (line.parts[0][0], None, None)
    position = evidence.start - offset
    unit, unit_offset = line.parts[0]
    for index, part_offset in line.parts:
        if part_offset <= position:
            unit, unit_offset = index, part_offset
    start = position - unit_offset
    return (unit, start, start + evidence.end - evidence.start)


def mentions_in(document: SourceDocument, detection: Detection) -> list[Mention]:
    """The explicit mentions in a document's detection, each with its unit's emphasis."""
    lines = detector_lines(document.units)
    found: list[Mention] = []
    for skill in detection.skills:
        for evidence in skill.evidence:
            located = _locate(lines, evidence) if evidence.method in MENTION_METHODS else None
            if located is None:
                continue
            unit, start, _ = located
            emphasis = unit_emphasis(document.units[unit], start)
            found.append(Mention(skill.id, evidence.matched, unit, emphasis or "named"))
    return found


def _detect(document: SourceDocument, taxonomy: Taxonomy) -> Detection:
    from gapcheck.detection.detector import get_detector  # spaCy loads only when counting

    text = "\n".join(line.text for line in detector_lines(document.units))
    return get_detector(taxonomy).detect_text(text, document=document.name)


def build(paths: Sequence[Path], taxonomy: Taxonomy) -> BuildReport:
    """Count every skill's mentions and emphasis in the documents at `paths`."""
    return build_documents(load_documents(paths, taxonomy), taxonomy)


def build_documents(documents: Sequence[SourceDocument], taxonomy: Taxonomy) -> BuildReport:
    per_skill: dict[str, list[DocumentCount]] = defaultdict(list)
    certifications: dict[str, list[str]] = defaultdict(list)
    missing_counts: Counter[str] = Counter()
    missing_documents: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        detection = _detect(document, taxonomy)
        label = document.guide or document.name
        by_skill: dict[str, list[str]] = defaultdict(list)
        for mention in mentions_in(document, detection):
            by_skill[mention.skill_id].append(mention.emphasis)
        for skill_id, emphases in by_skill.items():
            per_skill[skill_id].append(
                DocumentCount(label, len(emphases), document_emphasis(emphases))
            )
        for held in detection.certifications:
            if label not in certifications[held.id]:
                certifications[held.id].append(label)
        for term, count in _uncovered_terms(document, detection, taxonomy).items():
            missing_counts[term] += count
            missing_documents[term].append(label)
    skills = tuple(
        SkillCount(s.id, s.name, tuple(per_skill.get(s.id, ()))) for s in taxonomy.skills
    )
    missing = tuple(
        sorted(
            (
                MissingTerm(term, count, tuple(missing_documents[term]))
                for term, count in missing_counts.items()
                if count >= MIN_TERM_COUNT
            ),
            key=lambda t: (-len(t.documents), -t.count, t.term.casefold()),
        )
    )
    return BuildReport(
        documents=tuple((d.name, d.guide) for d in documents),
        skills=skills,
        certifications={cert_id: tuple(docs) for cert_id, docs in sorted(certifications.items())},
        missing=missing,
    )


# --------------------------------------------------------------------------- missing terms


def _known_terms(taxonomy: Taxonomy) -> set[str]:
    known: set[str] = set()
    for skill in taxonomy.skills:
        known.update(t.casefold() for t in (skill.name, *skill.aliases, *skill.narrower))
        known.update(rule.term.casefold() for rule in skill.ambiguous)
    for cert in taxonomy.certifications:
        known.update(t.casefold() for t in (cert.name, *cert.aliases))
    return known


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list; no model is loaded

    return frozenset(STOP_WORDS)


def _uncovered_terms(
    document: SourceDocument, detection: Detection, taxonomy: Taxonomy
) -> Counter[str]:
    """Technical-looking terms in the document that no skill or certification matched."""
    lines = detector_lines(document.units)
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    evidences = [e for skill in detection.skills for e in skill.evidence if e.method != "implied"]
    evidences += [held.evidence for held in detection.certifications]
    for evidence in evidences:
        located = _locate(lines, evidence)
        if located is not None:
            unit, start, end = located
            # Position unknown (a rejoined hyphenated word): the whole unit counts as covered.
            covered[unit].append(
                (start, end) if start is not None and end is not None else (0, 10**6)
            )
    from gapcheck.detection.words import ordinary_words

    known = _known_terms(taxonomy)
    # Stop words, and English words written in capitals ("COMPANY:", "REQUIRED").
    stop = _stop_words() | ordinary_words()
    found: Counter[str] = Counter()

    def keep(term: str, unit: int, start: int, end: int) -> None:
        term = term.strip(" .,;:()'’\"")
        if len(term) < 2 or term.casefold() in known or term.casefold() in stop:
            return
        if any(s < end and start < e for s, e in covered.get(unit, ())):
            return
        found[term] += 1

    for index, piece in enumerate(document.units):
        for pattern in (_ACRONYM, _MIXED_CASE):
            for match in pattern.finditer(piece.text):
                keep(match.group(0), index, match.start(), match.end())
        if not piece.is_heading:
            for match in _TITLE_RUN.finditer(piece.text):
                if match.start() > 0:  # a sentence's first word is capitalised anyway
                    keep(match.group(0), index, match.start(), match.end())
        words = piece.text.split()
        if piece.list_item and 0 < len(words) <= LIST_ITEM_MAX_WORDS and ":" not in piece.text:
            keep(piece.text, index, 0, len(piece.text))
    return found


# --------------------------------------------------------------------------- provenance


def provenance_from(report: BuildReport) -> dict[str, dict[str, tuple[int, str]]]:
    """skill id -> guide id -> (mentions, emphasis), for the documents that are guides."""
    result: dict[str, dict[str, tuple[int, str]]] = {}
    guides = {guide for _, guide in report.documents if guide}
    for skill in report.skills:
        result[skill.skill_id] = {
            c.document: (c.mentions, c.emphasis) for c in skill.counts if c.document in guides
        }
    return result


def compare(report: BuildReport, taxonomy: Taxonomy) -> list[str]:
    """Where the taxonomy's recorded provenance and named_by differ from the report."""
    guides = [guide for _, guide in report.documents if guide]
    built = provenance_from(report)
    differences: list[str] = []
    for skill in taxonomy.skills:
        recorded = {
            p.guide: (p.mentions, p.emphasis) for p in skill.provenance if p.guide in guides
        }
        counted = built.get(skill.id, {})
        for guide in guides:
            have, want = recorded.get(guide), counted.get(guide)
            if have != want:
                differences.append(
                    f"skill '{skill.id}', guide '{guide}': "
                    f"recorded {_describe(have)}, counted {_describe(want)}"
                )
    for cert in taxonomy.certifications:
        recorded_by = sorted(g for g in cert.named_by if g in guides)
        counted_by = sorted(g for g in report.certifications.get(cert.id, ()) if g in guides)
        if recorded_by != counted_by:
            differences.append(
                f"certification '{cert.id}': named_by records {recorded_by or 'none'}, "
                f"counted {counted_by or 'none'}"
            )
    return differences


def _describe(entry: tuple[int, str] | None) -> str:
    return "nothing" if entry is None else f"{entry[0]} mention(s), {entry[1]}"


_SKILL_START = re.compile(r"^  - id:\s*(\S+)\s*$")
_CERT_SECTION = re.compile(r"^certifications:\s*$")
_SKILLS_SECTION = re.compile(r"^(?:skills|extend_skills):\s*$")
_TOP_KEY = re.compile(r"^\S")
_FIELD = re.compile(r"^    (provenance|named_by):")


def _provenance_lines(
    report: BuildReport, taxonomy: Taxonomy
) -> tuple[dict[str, str], dict[str, str]]:
    """The new `provenance:` line of every skill and `named_by:` line of every certification."""
    built_guides = {guide for _, guide in report.documents if guide}
    guide_order = [g.id for g in taxonomy.guides]
    built = provenance_from(report)
    skill_lines: dict[str, str] = {}
    for skill in taxonomy.skills:
        # A guide that was not built keeps what the file records for it.
        merged = {
            p.guide: (p.mentions, p.emphasis)
            for p in skill.provenance
            if p.guide not in built_guides
        }
        merged.update(built.get(skill.id, {}))
        entries = ", ".join(
            f"{guide}: {{mentions: {merged[guide][0]}, emphasis: {merged[guide][1]}}}"
            for guide in guide_order
            if guide in merged
        )
        skill_lines[skill.id] = f"    provenance: {{{entries}}}"
    cert_lines: dict[str, str] = {}
    for cert in taxonomy.certifications:
        kept = {g for g in cert.named_by if g not in built_guides}
        counted = set(report.certifications.get(cert.id, ())) & built_guides
        named = [g for g in guide_order if g in kept | counted]
        cert_lines[cert.id] = f"    named_by: [{', '.join(named)}]"
    return skill_lines, cert_lines


def write_provenance(path: Path, report: BuildReport, taxonomy: Taxonomy) -> tuple[int, int]:
    """Rewrite the provenance and named_by lines of the taxonomy file at `path` in place.

    Only those one-line fields change (an entry without one gets it added at the end of
    its block), so comments and layout survive. Entries must be written in block style,
    "- id: ..." on a line of its own. A guide not among the built documents keeps what
    the file records for it. Returns (skills changed, certifications changed).
    """
    if not any(guide for _, guide in report.documents):
        raise UsageError(
            "--write",
            "none of the documents is one of the taxonomy's guides",
            "list them under guides: (with their file names) first",
        )
    skill_lines, cert_lines = _provenance_lines(report, taxonomy)
    new_lines = {"skills": skill_lines, "certifications": cert_lines}
    field_of = {"skills": "provenance", "certifications": "named_by"}
    lines = path.read_text(encoding="utf-8").split("\n")
    section = ""
    current: tuple[str, str] | None = None
    field_at: dict[tuple[str, str], int | None] = {}  # entry -> index of its field line
    last_at: dict[tuple[str, str], int] = {}  # entry -> index of its last line
    for index, line in enumerate(lines):
        if _TOP_KEY.match(line):
            section = "skills" if _SKILLS_SECTION.match(line) else ""
            section = "certifications" if _CERT_SECTION.match(line) else section
            current = None
            continue
        start = _SKILL_START.match(line)
        if start and section and start.group(1) in new_lines[section]:
            current = (section, start.group(1))
            field_at[current], last_at[current] = None, index
            continue
        if current is None or not line.startswith("    "):
            continue
        last_at[current] = index
        field = _FIELD.match(line)
        if field is not None and field.group(1) == field_of[current[0]]:
            field_at[current] = index
    changed = {"skills": 0, "certifications": 0}
    inserts: list[tuple[int, str]] = []
    for (kind, entry), field_index in field_at.items():
        text = new_lines[kind][entry]
        if field_index is None:
            inserts.append((last_at[(kind, entry)] + 1, text))
            changed[kind] += 1
        elif lines[field_index] != text:
            lines[field_index] = text
            changed[kind] += 1
    for index, text in sorted(inserts, reverse=True):
        lines.insert(index, text)
    path.write_text("\n".join(lines), encoding="utf-8")
    return changed["skills"], changed["certifications"]
