"""`gapcheck taxonomy build`: count what documents say about each skill.

For every document (a career guide, a job posting; txt, md or pdf) and every taxonomy
skill: how often the document names it (by name, alias or narrower term, with the
ambiguity rules, through the detection engine) and the strongest emphasis the document
puts on it. Run on the four career guides, this is the provenance recorded in
taxonomy/skills.yaml; `write_provenance` puts it there, and a test checks they agree.

How a document is read:
1. Lines are reflowed into units: a wrapped line is joined to the line it continues, and
   prose is split into sentences. A list item (a bullet, a number, or a line under a
   heading that ends with ":") is one unit and remembers the heading of its list.
2. The units, one per line, go through `detect.get_detector(taxonomy).detect_text`.
   A mention is one piece of explicit evidence (exact, alias or rule). Fuzzy matches
   and implied skills are not mentions: a guide did not write them.
3. A mention's emphasis is the strongest emphasis word in its unit that governs it, or
   for a list item in the heading of its list (EMPHASIS_PATTERNS, strongest first; "not
   always required" is optional, never required). A word governs the part of the
   sentence it is said of: what comes before it when it is predicated ("X and Y are
   crucial", "Python (essential)", "Spark preferred."), what comes after it otherwise
   ("requires X", "should know X", "It is important to learn X"). So in "deep learning
   is crucial for tasks such as speech recognition" only deep learning is crucial.
4. A document's emphasis for a skill is the strongest positive emphasis (essential ...
   recommended) of any mention. With none, it is "optional" when at least half of the
   mentions say so, else "named": a guide that calls a master's degree optional twice
   but lists it once plainly still calls it optional, while one optional aside among
   many plain mentions does not make a skill optional.

Frequent technical-looking terms that no skill matched (acronyms, CamelCase, names with
digits, capitalised names inside sentences, short list items) are listed as what the
taxonomy may lack.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gapcheck.errors import InputError, UsageError
from gapcheck.records import Detection
from gapcheck.taxonomy import EMPHASIS_VALUES, Taxonomy

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, ".pdf")
MENTION_METHODS = frozenset({"exact", "alias", "rule"})

# Emphasis phrases by strength, strongest first. "optional" phrases are matched first and
# blanked out, so "not always required" never also counts as "required".
OPTIONAL_PATTERN = re.compile(
    r"\boptional\b|\bnot\s+(?:always\s+|strictly\s+)?(?:required|necessary|needed|mandatory)\b"
    r"|\bif\s+desired\b|\bnice[\s-]to[\s-]have\b|\ba\s+plus\b|\bbonus\b",
    re.IGNORECASE,
)
EMPHASIS_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("essential", re.compile(r"\bessential\b|\bmust[\s-]have\b|\bindispensable\b", re.IGNORECASE)),
    ("crucial", re.compile(r"\bcrucial\b|\bvital\b", re.IGNORECASE)),
    (
        "required",
        re.compile(r"\brequire[sd]?\b|\bnecessary\b|\bmandatory\b|\bmust\b", re.IGNORECASE),
    ),
    ("important", re.compile(r"\bimportan(?:t|ce)\b", re.IGNORECASE)),
    (
        "recommended",
        re.compile(
            r"\brecommend(?:s|ed)?\b|\bshould\b|\bpreferred\b|\ba\s+good\s+idea\b", re.IGNORECASE
        ),
    ),
)
POSITIVE = tuple(name for name, _ in EMPHASIS_PATTERNS)
# In a heading only ("Requirements:", "Must have"), where it labels the list below; in a
# sentence "requirements" is usually a noun about something else ("business requirements").
HEADING_REQUIRED = re.compile(r"\brequirements?\b|\bqualifications\s+required\b", re.IGNORECASE)

# Reflowing: when a line carries on the previous one, and what starts a list item.
WRAP_MIN_LENGTH = 60  # a line this long that ends mid-sentence was wrapped by the page
_TERMINAL = (".", "!", "?", ":", ";")
# A line ending in one of these words or marks was cut mid-phrase.
_DANGLING = re.compile(
    r"(?:[,(/-]|\b(?:and|or|of|in|the|a|an|to|for|with|like|such|as|by|on|at|from|including|using|e\.g\.))$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*\-–—]|\d{1,2}[.)]|[a-z][.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
HEADING_MAX_WORDS = 10
# Sentence ends: a stop, then space, then a capital, digit or opening mark; the word
# before the stop must not be an abbreviation.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(‘'])")
_ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "etc",
        "vs",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "approx",
        "avg",
        "no",
        "fig",
        "st",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "dept",
        "est",
    }
)

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
class Unit:
    """One sentence or list item of a document, wrapped lines joined."""

    text: str
    line: int  # 1-based physical line where it starts
    heading: str = ""  # the heading of the list it belongs to (list items only)
    list_item: bool = False
    is_heading: bool = False


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


def read_source(path: Path) -> str:
    """The text of a txt, md or pdf document."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(path.name, "no such file", "check the document path")
    if suffix in TEXT_SUFFIXES:
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(path.name, "is not UTF-8 text", "save it as UTF-8") from None
        except OSError as exc:
            raise InputError(
                path.name, f"cannot be read ({exc.strerror})", "check its permissions"
            ) from None
    if suffix == ".pdf":
        from gapcheck.reading import read_document  # pdfminer loads only for PDFs

        document = read_document(path, role="portfolio")
        return "\n".join(line.text for line in document.lines)
    raise UsageError(
        path.name, f"unsupported document type '{suffix or path.name}'", "use .txt, .md or .pdf"
    )


def _continues(previous: str, line: str) -> bool:
    """Does `line` carry on the sentence `previous` started (a wrap, not a new item)?"""
    head = line.lstrip()
    if not head or _BULLET.match(line) or _MARKDOWN_HEADING.match(line):
        return False
    tail = previous.rstrip()
    if not tail or tail.endswith(_TERMINAL) or _MARKDOWN_HEADING.match(previous):
        return False
    return head[0].islower() or len(tail) >= WRAP_MIN_LENGTH or _DANGLING.search(tail) is not None


def _paragraph_lines(text: str) -> list[tuple[int, str, bool]]:
    """(first line number, joined text, follows a blank line) for each unwrapped line."""
    joined: list[tuple[int, str, bool]] = []
    blank_before = True
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            blank_before = True
            continue
        if joined and not blank_before and _continues(joined[-1][1], raw):
            start, previous, after_blank = joined[-1]
            joined[-1] = (start, previous.rstrip() + " " + raw.strip(), after_blank)
        else:
            joined.append((number, raw.rstrip(), blank_before))
        blank_before = False
    return joined


def _is_heading_shape(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= HEADING_MAX_WORDS and not text.endswith((".", "!", "?", ";", ","))


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations (e.g., Ph.D., vs.) do not end one."""
    sentences: list[str] = []
    start = 0
    for found in _SENTENCE_BREAK.finditer(text):
        before = text[start : found.start()]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        stem = last_word.rstrip(".!?").lower()
        if stem in _ABBREVIATIONS or "." in stem:  # "e.g.", "Ph.D.", "B.S." (but "R." ends one)
            continue
        sentences.append(text[start : found.start()].strip())
        start = found.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def units_of(text: str) -> tuple[Unit, ...]:
    """Reflow a document into sentence and list-item units (see the module docstring)."""
    units: list[Unit] = []
    heading = ""
    in_list = False  # the previous line was a heading ending in ":" or a list item
    for number, line, after_blank in _paragraph_lines(text):
        stripped = line.strip()
        bullet = _BULLET.match(line)
        if _MARKDOWN_HEADING.match(line):
            heading = _MARKDOWN_HEADING.sub("", line).strip()
            units.append(Unit(heading, number, is_heading=True))
            in_list = False
            continue
        if stripped.endswith(":") and len(stripped.split()) <= HEADING_MAX_WORDS + 2:
            heading = stripped.rstrip(":").strip()
            units.append(Unit(stripped, number, is_heading=True))
            in_list = True
            continue
        item = bool(bullet) or (in_list and not after_blank)
        if not item and after_blank and _is_heading_shape(stripped):
            heading = stripped
            units.append(Unit(stripped, number, is_heading=True))
            in_list = False
            continue
        body = _BULLET.sub("", line, count=1).strip() if bullet else stripped
        for sentence in split_sentences(body):
            units.append(Unit(sentence, number, heading=heading if item else "", list_item=item))
        in_list = item or (in_list and not after_blank)
    return tuple(units)


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


# Words that may stand between a copula and the emphasis word ("is also very important").
_ADVERBS = frozenset(
    {
        "also",
        "very",
        "highly",
        "really",
        "absolutely",
        "all",
        "especially",
        "particularly",
        "extremely",
        "equally",
        "often",
        "always",
        "generally",
        "usually",
        "considered",
        "most",
        "more",
        "so",
        "too",
        "quite",
        "just",
        "still",
        "both",
        "therefore",
        "thus",
        "definitely",
    }
)
_COPULAS = frozenset(
    {
        "is",
        "are",
        "be",
        "been",
        "being",
        "was",
        "were",
        "remains",
        "remain",
        "becomes",
        "become",
        "seems",
        "seem",
        "'s",
    }
)
_DUMMY_SUBJECTS = frozenset({"it", "this", "that"})
_WORD = re.compile(r"[\w']+")
# Where a clause ends: an emphasis word reaches no further than these. A colon ends the
# clause before it ("Adaptability: ...") but introduces what follows ("Essential: X").
_CLAUSE_BREAK = re.compile(
    r";|\s(?:thus|therefore|so|but|while|whereas|because|although|though|hence)\s", re.IGNORECASE
)
_LABEL_END = re.compile(r":\s")
# Adjectives: used before a noun ("crucial parts") they govern only a list they introduce.
_ADJECTIVES = frozenset(
    {
        "essential",
        "crucial",
        "vital",
        "important",
        "importance",
        "indispensable",
        "necessary",
        "mandatory",
        "required",
        "recommended",
        "preferred",
        "optional",
        "must-have",
        "must have",
        "nice-to-have",
        "nice to have",
    }
)
_INTRODUCER = re.compile(
    r":|\b(?:include|includes|including|such\s+as|like|is|are|be)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class EmphasisSpan:
    """An emphasis phrase in a unit and the stretch of text it is said of."""

    emphasis: str
    start: int
    end: int
    low: int  # it is said of what stands in text[low:high]
    high: int

    def covers(self, position: int) -> bool:
        return self.low <= position < self.high


def _scope(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of `text` the emphasis phrase at [start, end) is said of."""
    if _governs(text, start, end) == "before":
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
        breaks += [m.end() for m in _LABEL_END.finditer(text, 0, start)]
        return (max(breaks) if breaks else 0, start)
    following = _CLAUSE_BREAK.search(text, end)
    high = following.start() if following else len(text)
    if " ".join(text[start:end].lower().split()) in _ADJECTIVES:
        introducer = _INTRODUCER.search(text, end, high)
        if introducer is None:
            return (end, end)  # "plays a crucial part in ...": said of no skill
        return (introducer.end(), high)
    return (end, high)


def _governs(text: str, start: int, end: int) -> str:
    if text[:start].rstrip().endswith("("):
        return "before"  # "Python (essential)"
    if not text[end:].strip(" .!?;:,)\"'"):
        return "before"  # "Experience with Spark preferred."
    words = [w.lower() for w in _WORD.findall(text[:start])]
    while words and words[-1] in _ADVERBS:
        words.pop()
    if words and words[-1] in _COPULAS:
        subject = words[:-1]
        if subject and subject[-1] in _DUMMY_SUBJECTS:
            return "after"  # "It is important to learn X"
        return "before"  # "X and Y are crucial"
    return "after"  # "requires X", "should know X", "essential skills: X"


def emphasis_spans(text: str) -> list[EmphasisSpan]:
    """Every emphasis phrase in `text`, with its strength and the side it governs."""
    if text.rstrip().endswith("?"):
        return []  # a question ("Why should Python be used?") asserts nothing
    found = [("optional", m.start(), m.end()) for m in OPTIONAL_PATTERN.finditer(text)]
    # Blank the optional phrases out (same length), so "not required" is not also "required".
    rest = OPTIONAL_PATTERN.sub(lambda m: " " * len(m.group(0)), text)
    for name, pattern in EMPHASIS_PATTERNS:
        found.extend((name, m.start(), m.end()) for m in pattern.finditer(rest))
    return [
        EmphasisSpan(name, start, end, *_scope(text, start, end))
        for name, start, end in sorted(found, key=lambda f: (f[1], f[2]))
    ]


def emphasis_in(text: str, position: int | None = None) -> str | None:
    """The strongest emphasis `text` puts on what stands at `position` (None: anywhere)."""
    found = [
        span.emphasis for span in emphasis_spans(text) if position is None or span.covers(position)
    ]
    return max(found, key=lambda e: EMPHASIS_VALUES[e]) if found else None


def heading_emphasis(heading: str) -> str | None:
    """A heading's emphasis: as a sentence's, and "Requirements:" means required."""
    found = emphasis_in(heading)
    if found in (None, "optional", "recommended") and HEADING_REQUIRED.search(heading):
        return "required" if found is None else found
    return found


def _unit_emphasis(unit: Unit, position: int | None) -> str | None:
    own = heading_emphasis(unit.text) if unit.is_heading else emphasis_in(unit.text, position)
    inherited = heading_emphasis(unit.heading) if unit.list_item and unit.heading else None
    found = [e for e in (own, inherited) if e is not None]
    if not found:
        return None
    return max(found, key=lambda e: EMPHASIS_VALUES[e])


def document_emphasis(mentions: Iterable[str]) -> str:
    """A document's emphasis for a skill from its mentions' emphasis (module docstring, 4)."""
    values = list(mentions)
    positive = [e for e in values if e in POSITIVE]
    if positive:
        return max(positive, key=lambda e: EMPHASIS_VALUES[e])
    optional = sum(1 for e in values if e == "optional")
    return "optional" if optional and optional * 2 >= len(values) else "named"


def mentions_in(document: SourceDocument, detection: Detection) -> list[Mention]:
    """The explicit mentions in a document's detection, each with its unit's emphasis."""
    found: list[Mention] = []
    for skill in detection.skills:
        for evidence in skill.evidence:
            if evidence.method not in MENTION_METHODS:
                continue
            index = evidence.line - 1
            if not 0 <= index < len(document.units):
                continue
            unit = document.units[index]
            # The engine may have joined this unit to the one before it; find it in the snippet.
            offset = evidence.snippet.find(unit.text)
            position = evidence.start - offset if offset >= 0 else None
            emphasis = _unit_emphasis(unit, position)
            found.append(Mention(skill.id, evidence.matched, index, emphasis or "named"))
    return found


def _detect(document: SourceDocument, taxonomy: Taxonomy) -> Detection:
    from gapcheck.detect import get_detector  # spaCy loads only when counting

    text = "\n".join(unit.text for unit in document.units)
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
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for skill in detection.skills:
        for evidence in skill.evidence:
            if evidence.method != "implied":
                covered[evidence.line - 1].append((evidence.start, evidence.end))
    for held in detection.certifications:
        covered[held.evidence.line - 1].append((held.evidence.start, held.evidence.end))
    known = _known_terms(taxonomy)
    stop = _stop_words()
    found: Counter[str] = Counter()

    def keep(term: str, unit: int, start: int, end: int) -> None:
        term = term.strip(" .,;:()'’\"")
        if len(term) < 2 or term.casefold() in known or term.casefold() in stop:
            return
        if any(s < end and start < e for s, e in covered.get(unit, ())):
            return
        found[term] += 1

    for index, unit in enumerate(document.units):
        for pattern in (_ACRONYM, _MIXED_CASE):
            for match in pattern.finditer(unit.text):
                keep(match.group(0), index, match.start(), match.end())
        if not unit.is_heading:
            for match in _TITLE_RUN.finditer(unit.text):
                if match.start() > 0:  # a sentence's first word is capitalised anyway
                    keep(match.group(0), index, match.start(), match.end())
        words = unit.text.split()
        if unit.list_item and 0 < len(words) <= LIST_ITEM_MAX_WORDS and ":" not in unit.text:
            keep(unit.text, index, 0, len(unit.text))
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
_SKILLS_SECTION = re.compile(r"^skills:\s*$")
_TOP_KEY = re.compile(r"^\S")
_FIELD = re.compile(r"^    (provenance|named_by):")


def write_provenance(path: Path, report: BuildReport, taxonomy: Taxonomy) -> tuple[int, int]:
    """Rewrite the provenance and named_by lines of the taxonomy file at `path` in place.

    Only those lines change, so comments and layout survive. A guide not among the built
    documents keeps what the file records for it. Returns (skills changed, certifications
    changed).
    """
    built_guides = [guide for _, guide in report.documents if guide]
    if not built_guides:
        raise UsageError(
            "--write",
            "none of the documents is one of the taxonomy's guides",
            "add them under guides: (with their file names) first",
        )
    guide_order = [g.id for g in taxonomy.guides]
    built = provenance_from(report)
    skill_lines: dict[str, str] = {}
    for skill in taxonomy.skills:
        kept = {
            p.guide: (p.mentions, p.emphasis)
            for p in skill.provenance
            if p.guide not in built_guides
        }
        merged = {**kept, **built.get(skill.id, {})}
        entries = ", ".join(
            f"{guide}: {{mentions: {merged[guide][0]}, emphasis: {merged[guide][1]}}}"
            for guide in guide_order
            if guide in merged
        )
        skill_lines[skill.id] = f"    provenance: {{{entries}}}"
    cert_lines: dict[str, str] = {}
    for cert in taxonomy.certifications:
        kept_by = [g for g in cert.named_by if g not in built_guides]
        named = set(kept_by) | set(report.certifications.get(cert.id, ())) & set(built_guides)
        cert_lines[cert.id] = f"    named_by: [{', '.join(g for g in guide_order if g in named)}]"

    lines = path.read_text(encoding="utf-8").split("\n")
    section = ""
    current: str | None = None
    changed_skills: set[str] = set()
    changed_certs: set[str] = set()
    for index, line in enumerate(lines):
        if _TOP_KEY.match(line):
            section = (
                "skills"
                if _SKILLS_SECTION.match(line)
                else "certifications"
                if _CERT_SECTION.match(line)
                else ""
            )
            current = None
            continue
        start = _SKILL_START.match(line)
        if start:
            current = start.group(1)
            continue
        field = _FIELD.match(line)
        if not field or current is None:
            continue
        replacement = None
        if section == "skills" and field.group(1) == "provenance":
            replacement = skill_lines.get(current)
            target = changed_skills
        elif section == "certifications" and field.group(1) == "named_by":
            replacement = cert_lines.get(current)
            target = changed_certs
        if replacement is not None and replacement != line:
            lines[index] = replacement
            target.add(current)
    path.write_text("\n".join(lines), encoding="utf-8")
    return len(changed_skills), len(changed_certs)
