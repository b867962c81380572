"""`gapcheck taxonomy build`: count what documents say about each skill.

For every document (a career guide, a job posting; txt, md or pdf) and every taxonomy
skill: how often the document names it and the strongest emphasis the document puts on
it. Run on the four career guides, this is the provenance recorded in
taxonomy/skills.yaml; `provenance.write_provenance` puts it there, and a test checks they
agree. (Posting CSVs are counted differently, by the posting parser: demand_count.py.)

1. The document is reflowed into sentence and list-item units (taxonomy_text.units_of).
2. The units go through `detect.get_detector(taxonomy).detect_text`, one per line, except
   that consecutive short items of one list share a line ("Hadoop • Spark • MapReduce"),
   so the detector sees the list they are (lines.py). A mention is one piece of explicit evidence
   (exact, alias or rule); fuzzy matches and implied skills are not: no guide wrote them.
3. A mention's emphasis is the strongest emphasis its unit says of it, or for a list
   item its list's heading (taxonomy_text.emphasis_in).
4. A document's emphasis for a skill combines its mentions' (document_emphasis).

Frequent technical-looking terms that no skill matched (acronyms, CamelCase, names with
digits, capitalised names inside sentences, short list items) are listed as what the
taxonomy may lack (missing_terms.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck.authoring.lines import detector_lines, locate
from gapcheck.authoring.missing_terms import uncovered_terms
from gapcheck.authoring.text import (
    DOCUMENT_SUFFIXES,
    Unit,
    document_emphasis,
    read_source,
    unit_emphasis,
    units_of,
)
from gapcheck.errors import UsageError
from gapcheck.records import Detection
from gapcheck.taxonomy.model import Taxonomy

MENTION_METHODS = frozenset({"exact", "alias", "rule"})
MIN_TERM_COUNT = 2  # a term named once is no evidence the taxonomy lacks it


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


def mentions_in(document: SourceDocument, detection: Detection) -> list[Mention]:
    """The explicit mentions in a document's detection, each with its unit's emphasis."""
    lines = detector_lines(document.units)
    found: list[Mention] = []
    for skill in detection.skills:
        for evidence in skill.evidence:
            located = locate(lines, evidence) if evidence.method in MENTION_METHODS else None
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
        for term, count in uncovered_terms(document.units, detection, taxonomy).items():
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
