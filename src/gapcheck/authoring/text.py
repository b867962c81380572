"""Reading a guide's text: sentence and list-item units, and the emphasis words in them.

`units_of` reflows a document into units. A line wrapped by the page is joined to the
line it continues; prose is split into sentences; a list item (a bullet, a number, or a
line under a heading that ends with ":") is one unit that remembers its list's heading.

`emphasis_in` tells how strongly a unit speaks of what stands at a position in it. The
words, strongest first, are in EMPHASIS_PATTERNS ("not always required" is optional,
never required). A word is said of what precedes it when it is predicated ("X and Y are
crucial", "Python (essential)", "Spark preferred."), otherwise of what follows it
("requires X", "should know X", "It is important to learn X"), and never past a clause
break. A word in front of a noun ("plays a crucial part in") governs only a list it
introduces ("essential skills: X, Y"). A question asserts nothing. So in "deep learning
is crucial for tasks such as speech recognition" only deep learning is crucial.

`document_emphasis` turns a document's mentions of a skill into one emphasis (see there).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gapcheck.errors import InputError, UsageError
from gapcheck.taxonomy.model import EMPHASIS_VALUES

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, ".pdf")

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

# fmt: off
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "approx", "avg", "no", "fig",
    "st", "inc", "ltd", "co", "jr", "sr", "dept", "est",
})
# fmt: on


@dataclass(frozen=True)
class Unit:
    """One sentence or list item of a document, wrapped lines joined."""

    text: str
    line: int  # 1-based physical line where it starts
    heading: str = ""  # the heading of the list it belongs to (list items only)
    list_item: bool = False
    is_heading: bool = False


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


# --------------------------------------------------------------------------- emphasis


# Words that may stand between a copula and the emphasis word ("is also very important").
# fmt: off
_ADVERBS = frozenset({
    "also", "very", "highly", "really", "absolutely", "all", "especially", "particularly",
    "extremely", "equally", "often", "always", "generally", "usually", "considered", "most",
    "more", "so", "too", "quite", "just", "still", "both", "therefore", "thus", "definitely",
})
# fmt: on

# fmt: off
_COPULAS = frozenset({
    "is", "are", "be", "been", "being", "was", "were", "remains", "remain", "becomes", "become",
    "seems", "seem", "'s",
})
# fmt: on
_DUMMY_SUBJECTS = frozenset({"it", "this", "that"})
_WORD = re.compile(r"[\w']+")
# Where a clause ends: an emphasis word reaches no further than these. A colon ends the
# clause before it ("Adaptability: ...") but introduces what follows ("Essential: X").
_CLAUSE_BREAK = re.compile(
    r";|\s(?:thus|therefore|so|but|while|whereas|because|although|though|hence)\s", re.IGNORECASE
)
_LABEL_END = re.compile(r":\s")
# Adjectives: used before a noun ("crucial parts") they govern only a list they introduce.
# fmt: off
_ADJECTIVES = frozenset({
    "essential", "crucial", "vital", "important", "importance", "indispensable", "necessary",
    "mandatory", "required", "recommended", "preferred", "optional", "must-have", "must have",
    "nice-to-have", "nice to have",
})
# fmt: on
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
    governs = _governs(text, start, end)
    if governs == "before":
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
        breaks += [m.end() for m in _LABEL_END.finditer(text, 0, start)]
        return (max(breaks) if breaks else 0, start)
    following = _CLAUSE_BREAK.search(text, end)
    high = following.start() if following else len(text)
    if governs == "after" and " ".join(text[start:end].lower().split()) in _ADJECTIVES:
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
            return "extraposed"  # "It is important to learn X": said of what follows
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


def unit_emphasis(unit: Unit, position: int | None) -> str | None:
    """The emphasis a unit puts on what stands at `position`, its list's heading included."""
    own = heading_emphasis(unit.text) if unit.is_heading else emphasis_in(unit.text, position)
    inherited = heading_emphasis(unit.heading) if unit.list_item and unit.heading else None
    found = [e for e in (own, inherited) if e is not None]
    if not found:
        return None
    return max(found, key=lambda e: EMPHASIS_VALUES[e])


def document_emphasis(mentions: Iterable[str]) -> str:
    """A document's emphasis for a skill, from the emphasis of each of its mentions.

    The strongest positive emphasis (essential ... recommended) of any mention; with none,
    "optional" when at least half of the mentions say so, else "named". A guide that calls
    a master's degree optional three times and lists it once plainly calls it optional;
    one optional aside among many plain mentions does not make a skill optional.
    """
    values = list(mentions)
    positive = [e for e in values if e in POSITIVE]
    if positive:
        return max(positive, key=lambda e: EMPHASIS_VALUES[e])
    optional = sum(1 for e in values if e == "optional")
    return "optional" if optional and optional * 2 >= len(values) else "named"
