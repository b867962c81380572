"""When a found term counts: blocked phrases and ambiguity rules (longest match: longest.py).

Most terms count wherever they match. Some need the context to show that the skill is
meant (see vocabulary.py for the casing classes):

* a taxonomy ambiguity rule ("R", "Go", "Spark") counts where one of its `accept`
  contexts holds and none of its `reject` phrases covers it;
* a one-letter term without a rule counts in a list or a Skills section;
* a word-like name written in lowercase, at the start of a sentence or in an all-capitals
  line ("spark", "Excel at ...", "PYTHON") counts in a list, in a Skills section, when
  joined to another skill ("python and R"), or next to a technical word ("Python
  scripts", "using python"); spelled as a camel-case name ("RESTful") it counts as such;
* a case-sensitive rule term in capitals ("GO", "EXCEL") is the term only in a line
  written in capitals.

The contexts:
    list            the term stands between list punctuation (",", "|", "•", "/", "(",
                    "and", line edges...) in a line that names another accepted skill,
                    or is joined by a list word to a neighbouring skill term, or is the
                    line's one item (a list of one: "- Python", "Spark 3"); a version
                    number after a name ("Airflow 2 · Git") is part of the item;
    skills_section  the term stands between list punctuation in a Skills section;
    cue             a cue word stands within CUE_WINDOW tokens; a cue that contains the
                    term itself ("in R", "Apache Spark") must match around it;
    line            another accepted skill stands anywhere on the line (for the singulars
                    the detector derives: "a PyTorch ensemble", "a MySQL database").

Whatever the class, an everyday phrase from data/blocked_phrases.txt ("spark interest",
"a CV", "regression testing") that is longer than the term blocks it, and a one-letter or
ambiguous term is never taken from an "R & D" pair, a name initial ("John C. Smith") or a
term followed by a year ("Spring 2021"), nor, when it is a letter or an everyday word,
from a hyphenated compound ("C-suite", "Go-to-market"; "LLM-based" keeps its LLM).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from gapcheck.detection.cues import cue_near, rejected_by_rule, rule_cues
from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.logical_lines import LogicalLine
from gapcheck.detection.longest import Accepted, longest, overlaps
from gapcheck.detection.vocabulary import (
    DEFAULT_LETTER_RULE_ACCEPT,
    Block,
    Candidate,
)
from gapcheck.detection.words import ordinary_words

# fmt: off
# Tokens that separate the items of a list. "." ends a list on the right only.
SEPARATORS = frozenset({
    ",", ";", "|", "•", "·", "/", "(", ")", "[", "]", "{", "}", ":", "&", "+", ">", "<",
    "=", "-", "*", "▪", "●", "◦", "‣", "∙", "⋅", '"', "'", "and", "or",
})
# Tokens that tie two neighbouring list items together.
CONNECTORS = frozenset({",", ";", "|", "•", "·", "/", "&", "+", ">", "<", "=", "and", "or"})
# Connectors that join two items even inside a sentence ("the Python and R dependencies").
JOINING_WORDS = frozenset({"and", "or", "&", "/"})
SENTENCE_ENDS = frozenset({".", "!", "?"})

# Words after a lowercase or sentence-initial name that show it is the technology:
# "Python scripts", "Spark jobs", "Excel dashboards".
TECHNICAL_NEXT = frozenset({
    "script", "scripts", "scripting", "code", "codebase", "programming", "program",
    "programs", "development", "developer", "developers", "library", "libraries",
    "framework", "frameworks", "api", "apis", "sdk", "app", "apps", "application",
    "applications", "job", "jobs", "cluster", "clusters", "pipeline", "pipelines",
    "streaming", "component", "components", "model", "models", "dashboard", "dashboards",
    "query", "queries", "notebook", "notebooks", "package", "packages", "module", "modules",
    "service", "services", "server", "servers", "stack", "ecosystem", "backend", "frontend",
    "runtime", "engine", "tooling", "macros", "macro", "spreadsheet", "spreadsheets",
    "workbook", "workbooks", "language",
})
# Words before a lowercase or sentence-initial name that show it is the technology.
TECHNICAL_BEFORE = frozenset({"using", "in", "with", "via"})
# fmt: on

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_VERSION = re.compile(r"^v?\d+(?:\.(?:\d+|x))*\+?$")


def _left_open(tokens: LineTokens, start: int) -> bool:
    return start == 0 or tokens.lowers[start - 1] in SEPARATORS


def _past_version(tokens: LineTokens, end: int) -> int:
    """The token after a version number that follows a name ("Airflow 2", "TF 2.x")."""
    texts = tokens.texts
    while end < len(texts) and _VERSION.match(texts[end]) and not _YEAR.match(texts[end]):
        end += 1
    return end


def _right_open(tokens: LineTokens, end: int) -> bool:
    end = _past_version(tokens, end)
    return (
        end == len(tokens) or tokens.lowers[end] in SEPARATORS or tokens.texts[end] in SENTENCE_ENDS
    )


_ITEM_MARKS = frozenset({",", "|", "•", "·", ";", "▪", "●"})


def _after_row_label(tokens: LineTokens, start: int) -> bool:
    """The first item after a skills table's row label, without a colon between them:
    "Programming Python, SQL, Bash" (the label stood in a column of its own)."""
    if not 1 <= start <= 3 or not tokens.texts[0][:1].isupper():
        return False
    if not all(t.isalpha() or t == "&" for t in tokens.texts[:start]):
        return False
    return sum(1 for t in tokens.texts[start:] if t in _ITEM_MARKS) >= 2


def _list_bounded(tokens: LineTokens, start: int, end: int) -> bool:
    return (_left_open(tokens, start) or _after_row_label(tokens, start)) and _right_open(
        tokens, end
    )


def _sole_item(tokens: LineTokens, start: int, end: int) -> bool:
    """The term is all the line says, bullets and list marks aside: "- Python", "• Spark 3"."""
    end = _past_version(tokens, end)
    return all(t in SEPARATORS for t in tokens.lowers[:start]) and all(
        t in SEPARATORS or t in SENTENCE_ENDS for t in tokens.lowers[end:]
    )


def _labelled_list(tokens: LineTokens, start: int, end: int) -> bool:
    """An item of a line that is a list under a label: "Tools: Tableu, Git"."""
    label_end = next((i for i, t in enumerate(tokens.texts[:5]) if t == ":"), None)
    return label_end is not None and label_end < start and _list_bounded(tokens, start, end)


def _coordinated(tokens: LineTokens, start: int, end: int, others: Sequence[Candidate]) -> bool:
    """Joined by a list word or mark to a neighbouring skill term: "Python and R"."""
    ends = {c.end for c in others} | {_past_version(tokens, c.end) for c in others}
    starts = {c.start for c in others}
    end = _past_version(tokens, end)
    before = tokens.lower(start - 1)
    after = tokens.lower(end)
    joined_left = before in CONNECTORS and start - 1 in ends
    joined_right = after in CONNECTORS and end + 1 in starts
    return (joined_left and (_right_open(tokens, end) or before in JOINING_WORDS)) or (
        joined_right and (_left_open(tokens, start) or after in JOINING_WORDS)
    )


def _in_list(
    tokens: LineTokens,
    candidate: Candidate,
    accepted: Sequence[Candidate],
    others: Sequence[Candidate],
) -> bool:
    if _coordinated(tokens, candidate.start, candidate.end, others):
        return True
    if not _list_bounded(tokens, candidate.start, candidate.end):
        return False
    return any(not overlaps(candidate, other) for other in accepted)


def _technical_neighbour(tokens: LineTokens, candidate: Candidate) -> bool:
    after = tokens.lower(candidate.end)
    before = tokens.lower(candidate.start - 1)
    return after in TECHNICAL_NEXT or before in TECHNICAL_BEFORE


def _never(tokens: LineTokens, candidate: Candidate) -> bool:
    """Shapes in which a short ambiguous term is never the skill (see the module docstring)."""
    start, end = candidate.start, candidate.end
    text = tokens.text

    def glued(i: int) -> bool:  # no space between token i and the next
        return 0 <= i < len(tokens) and tokens.glued[i]

    single = end - start == 1 and len(text(start)) == 1
    # A letter or an everyday word inside a hyphenated compound is part of another word
    # ("Go-to-market", "C-suite"); an abbreviation keeps its meaning ("LLM-based").
    wordlike = single or candidate.term.text.lower() in ordinary_words()
    shapes = (
        # "Go-to-market", "C-suite": the first part of a hyphenated compound.
        wordlike and text(end) == "-" and glued(end - 1) and glued(end) and text(end + 1).isalpha(),
        # "e-Go", "T-R": the last part of one.
        wordlike
        and text(start - 1) == "-"
        and glued(start - 2)
        and glued(start - 1)
        and text(start - 2).isalpha(),
        # "R & D", "P & C": a pair of letters joined by an ampersand.
        single and text(end) == "&" and len(text(end + 1)) == 1,
        single and text(start - 1) == "&" and len(text(start - 2)) == 1,
        # "John C. Smith": an initial.
        single and text(end) == "." and glued(end - 1) and text(end + 1)[:1].isupper(),
        # "(C)" beside a course name is a grade or a label.
        single and text(start - 1) == "(" and text(end) == ")",
        # "Spring 2021": a season or a name followed by a year.
        _YEAR.match(text(end)) is not None,
    )
    return any(shapes)


def _blocked(candidate: Candidate, blocks: Sequence[Block]) -> bool:
    length = candidate.end - candidate.start
    for block in blocks:
        overlaps_focus = candidate.start < block.focus_end and block.focus_start < candidate.end
        covers = candidate.start <= block.start and block.end <= candidate.end
        shorter = length < block.end - block.start
        same = (candidate.start, candidate.end) == (block.start, block.end)
        if overlaps_focus and ((not covers and shorter) or (same and block.wins_ties)):
            return True
    return False


def _sentence_start(tokens: LineTokens, start: int) -> bool:
    for token in reversed(tokens.doc[:start]):
        if token.text in SENTENCE_ENDS:
            return True
        if token.is_alpha or token.is_digit:
            return False
    return True


def _written(tokens: LineTokens, candidate: Candidate, line: LogicalLine) -> str:
    """The candidate as the line writes it (the Doc's text is the line's normalised text)."""
    start, end = tokens.char_span(candidate.start, candidate.end)
    return line.norm[start:end]


def _case_fits(tokens: LineTokens, candidate: Candidate, line: LogicalLine) -> bool:
    """A case-sensitive term written in capitals ("GO", "EXCEL") counts only in a line
    written in capitals, where case says nothing; elsewhere "GO" is another word."""
    term = candidate.term
    if term.casing != "ambiguous":
        return True
    written = _written(tokens, candidate, line)
    if written == term.text or not written.isupper():
        return True
    return line.all_caps


def _camel_case(text: str) -> bool:
    """ "RESTful", "GitHub", "PyTorch": a capital after the first letter, which no
    ordinary word written at the start of a sentence has."""
    return any(c.isupper() for c in text[1:]) and any(c.islower() for c in text)


def _needs_context(tokens: LineTokens, candidate: Candidate, line: LogicalLine) -> bool:
    """True when the term counts only in context; False when it counts as written."""
    term = candidate.term
    if term.casing in ("ambiguous", "singular"):
        return True
    if term.casing == "acronym":
        return line.all_caps and term.lowercase_is_word
    if term.casing == "word":
        written = _written(tokens, candidate, line)
        as_name = {term.text, term.text.upper(), term.text[:1].upper() + term.text[1:]}
        if line.all_caps or written.islower() or written not in as_name:
            return True
        if written == term.text and _camel_case(written):
            return False  # "RESTful" spelled as the name is the name, even first in a sentence
        return _sentence_start(tokens, candidate.start)
    return False


def judge(
    tokens: LineTokens,
    line: LogicalLine,
    candidates: Sequence[Candidate],
    blocks: Sequence[Block],
    tokenize: Callable[[str], tuple[str, ...]],
) -> list[Accepted]:
    """The candidates that count, after context and longest match (see the module docstring)."""
    if not candidates:  # a line that names no term has nothing to judge
        return []
    live = [c for c in candidates if not _blocked(c, blocks) and _case_fits(tokens, c, line)]
    needs = [_needs_context(tokens, c, line) for c in live]
    conditional = [c for c, need in zip(live, needs, strict=True) if need]
    accepted = [Accepted(c, c.term.method) for c, need in zip(live, needs, strict=True) if not need]
    skills_kind = line.section.kind == "skills"
    pending = list(conditional)
    changed = True
    while pending and changed:  # an accepted ambiguous term may support the next one
        changed = False
        support = [a.candidate for a in accepted if a.candidate.term.kind == "skill"]
        for candidate in list(pending):
            if _counts(tokens, line, candidate, support, live, skills_kind, tokenize):
                accepted.append(Accepted(candidate, "rule"))
                pending.remove(candidate)
                changed = True
    return longest(tokens, accepted)


def _counts(
    tokens: LineTokens,
    line: LogicalLine,
    candidate: Candidate,
    support: Sequence[Candidate],
    live: Sequence[Candidate],
    skills_kind: bool,
    tokenize: Callable[[str], tuple[str, ...]],
) -> bool:
    term = candidate.term
    others = [c for c in live if not overlaps(c, candidate) and c.term.kind == "skill"]
    if _never(tokens, candidate):
        return False
    rule = term.rule
    if rule is not None and rejected_by_rule(line, tokens, candidate, rule.reject):
        return False
    accept = _contexts(candidate)
    if (
        "skills_section" in accept
        and skills_kind
        and _list_bounded(tokens, candidate.start, candidate.end)
    ):
        return True
    if "list" in accept and (
        _in_list(tokens, candidate, support, others)
        or _sole_item(tokens, candidate.start, candidate.end)
    ):
        return True
    if "line" in accept and any(not overlaps(candidate, other) for other in support):
        return True
    if "cue" in accept:
        if rule is not None:
            return cue_near(tokens, candidate, rule_cues(tuple(rule.cues), tokenize))
        return _technical_neighbour(tokens, candidate)
    return False


def misspelling_counts(
    tokens: LineTokens, line: LogicalLine, candidate: Candidate, support: Sequence[Candidate]
) -> bool:
    """A misspelling of a name that is also an English word ("Pyhton", "Tablaeu") counts
    where the name spelled right would count: capitalised inside a sentence, or else in
    a list, a Skills section or beside a technical word. Other misspellings count."""
    if candidate.term.casing != "word":
        return True
    written = _written(tokens, candidate, line)
    capitalised = written[:1].isupper() and not written.isupper()
    if capitalised and not line.all_caps and not _sentence_start(tokens, candidate.start):
        return True
    if _labelled_list(tokens, candidate.start, candidate.end):
        return True
    if line.section.kind == "skills" and _list_bounded(tokens, candidate.start, candidate.end):
        return True
    return _in_list(tokens, candidate, support, support) or _technical_neighbour(tokens, candidate)


def _contexts(candidate: Candidate) -> tuple[str, ...]:
    """The contexts in which a candidate that needs one counts."""
    if candidate.term.rule is not None:
        return candidate.term.rule.accept
    if candidate.term.casing == "ambiguous":
        return DEFAULT_LETTER_RULE_ACCEPT  # a one-letter alias without a rule
    if candidate.term.casing == "singular":
        return ("list", "skills_section", "line")  # "a PyTorch ensemble", not "a jazz ensemble"
    return ("list", "skills_section", "cue")  # a word-like name written as a word
