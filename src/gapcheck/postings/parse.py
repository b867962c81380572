"""Job postings as targets: which skills a posting requires, which it only prefers.

A posting is read line by line, each line cut into clauses. Headings ("Requirements",
"Qualifications", "Preferred", "Nice to have", "Benefits"...) set the context of the
lines under them; a clause's own words ("... is a plus", "Docker preferred") override it:

    required    under requirement, qualification or responsibility headings
    preferred   under preferred / bonus / nice-to-have headings, or a clause saying so
    description the introduction and unnamed parts: preferred, or required when it says
                "you will" / "required", or when the posting has no requirements at all
    skipped     benefits, company blurb, equal-opportunity and other boilerplate

Skills named as alternatives ("Java, Python or C++", "such as TensorFlow and PyTorch",
"Hadoop, Spark, etc.") form a group: the group counts once, and having any one of them
meets it. The score against a posting weighs a required skill REQUIRED_WEIGHT and a
preferred one PREFERRED_WEIGHT, each divided among the members of its group
(docs/scoring.md).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gapcheck.errors import InputError
from gapcheck.records import Detection, JobGap, Target
from gapcheck.scoring.score import POSTING_BANDS, build_score, credits_by_skill
from gapcheck.taxonomy.model import Taxonomy, derived, role_weights

REQUIRED_WEIGHT = 2.0
PREFERRED_WEIGHT = 1.0
MAX_POSTING_BYTES = 2_000_000
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")

# A function that finds the skills named in one piece of text.
SkillFinder = Callable[[str], Detection]

# --------------------------------------------------------------------------- posting records


@dataclass(frozen=True)
class PostingSkill:
    """One skill a posting asks for, with how strongly and on which line."""

    id: str
    name: str
    level: str  # "required" or "preferred"
    group: tuple[str, ...]  # ids named as alternatives with it (itself included), line order
    line: int  # 1-based line of the posting where it is asked for at this level
    text: str  # the clause that asks for it, for the report

    @property
    def share(self) -> float:
        """The part of one requirement this skill stands for (1/len(group))."""
        return 1.0 / len(self.group)


@dataclass(frozen=True)
class Posting:
    source: str  # file name only
    title: str
    company: str
    skills: tuple[PostingSkill, ...]  # in order of first appearance

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.skills if s.level == "required")

    @property
    def preferred(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.skills if s.level == "preferred")


# --------------------------------------------------------------------------- reading


def read_posting(path: Path, taxonomy: Taxonomy, finder: SkillFinder | None = None) -> Posting:
    """Read a posting (txt or md as text; pdf and other formats through the reader).

    With the taxonomy's own finder, the answer is kept per file version: a batch compares
    every resume with one posting, which is then read once, not once per resume.
    """
    if finder is None:
        try:
            stat = path.stat()
        except OSError:
            pass  # _read_posting reports the missing or unreadable file
        else:
            version = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
            return derived(
                taxonomy, "posting", version, lambda: _read_posting(path, taxonomy, None)
            )
    return _read_posting(path, taxonomy, finder)


def _read_posting(path: Path, taxonomy: Taxonomy, finder: SkillFinder | None) -> Posting:
    text = _posting_text(path)
    posting = parse_posting(text, path.name, taxonomy, finder or default_finder(taxonomy))
    if not posting.skills:
        raise InputError(
            path.name,
            "names no skill gapcheck knows",
            "check that it is a job posting in English (a PDF needs a text layer)",
        )
    return posting


def default_finder(taxonomy: Taxonomy) -> SkillFinder:
    from gapcheck.detection.detector import get_detector  # spaCy loads only when a posting is read

    return get_detector(taxonomy).detect_text


def _posting_text(path: Path) -> str:
    if not path.exists():
        raise InputError(path.name, "no such file", "check the --job path")
    if path.is_dir():
        raise InputError(
            path.name, "is a folder, not a job posting", "pass one .txt, .md or .pdf file"
        )
    if path.suffix.lower() not in TEXT_SUFFIXES:
        from gapcheck.reading import read_document  # PDF and other formats

        document = read_document(path)
        return "\n".join(line.text for line in document.lines)
    try:
        if path.stat().st_size > MAX_POSTING_BYTES:
            raise InputError(
                path.name,
                f"is larger than {MAX_POSTING_BYTES // 1_000_000} MB",
                "pass the posting's text only",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            path.name, f"cannot be read ({exc.strerror})", "check its permissions"
        ) from None
    if b"\x00" in raw:
        raise InputError(path.name, "is not a text file", "save the posting as .txt, .md or .pdf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Postings pasted on Windows are often cp1252; a stray byte must not stop the run.
        text = raw.decode("cp1252", errors="replace")
    return _bounded(text, path.name)


def _bounded(text: str, source: str) -> str:
    """The reader's limits for postings given as text: total size and line length."""
    from gapcheck.reading import limits
    from gapcheck.reading.lines import split_long_text

    limits.ReadBudget(source).add_characters(len(text))
    return "\n".join(
        piece
        for line in text.splitlines()
        for piece in (split_long_text(line, limits.MAX_LINE_CHARACTERS) or [""])
    )


# --------------------------------------------------------------------------- parsing

_METADATA = re.compile(
    r"^(title|job title|position|company|employer|location|salary|rating|posted|date"
    r"|job id|url|source)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_NUMBER_ONLY = re.compile(r"^[\d.,/%$ ]+$")
_LIST_MARKER = re.compile(r"^(?:[-+•·▪◦‣●○]|\*(?!\*)|\d{1,2}[.)])\s*")
# Equal-opportunity and legal text: everything from here on is boilerplate.
_LEGAL = re.compile(
    r"equal (employment )?opportunity|e-verify|affirmative action|without regard to"
    r"|regardless of (race|sex|age)",
    re.IGNORECASE,
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<text>[^*_]+?)(\*\*|__):?$")
_INLINE_HEADING = re.compile(r"^(?P<head>[^:.;]{2,60}):\s*(?P<rest>\S.*)$")

_PREFERRED_HEADING = re.compile(
    r"prefer|nice[ -]to[ -]have|bonus|a plus|desir|additional (qualification|skill|experience)"
    r"|will help|ideal(ly)?\b|good to have|extra credit|pluses|optional|not required",
)
# "About you" and "About the role" describe the job; other "About ..." the company.
_ABOUT_THE_JOB = re.compile(r"^about (you|(the|this) (role|job|position|opportunity))\b")
_SKIPPED_HEADING = re.compile(
    r"benefit|perks|^about\b|who (we are|is)\b|^why\b|equal (opportunity|employment)|\beeo\b"
    r"|what we offer|compensation|salary|culture|^join\b|how to apply|^apply|job type|country"
    r"|division|business unit|employment type|legal entity|functional area|shift|location"
    r"|posting title|job id|our company|the company|disclaimer|privacy",
)
_REQUIRED_HEADING = re.compile(
    r"requir|qualif|must|skill|experience|competenc|expertise|minimum|basic|you need"
    r"|you('ll| will) need|looking for|you have|you bring|who you are|responsib|duties"
    r"|you('ll| will)\b|in this role|the role|your role|education|tech stack|technolog",
)
_DESCRIPTION_HEADING = re.compile(
    r"description|overview|summary|what we do|the team|our team|introduction|the job"
)
# Words a heading without a colon may start with, so that a short list item such as
# "SIGINT experience" is not mistaken for one.
_HEADING_START = frozenset(
    (
        "requirements",
        "required",
        "qualifications",
        "minimum",
        "preferred",
        "responsibilities",
        "skills",
        "competencies",
        "benefits",
        "bonus",
        "nice",
        "must",
        "about",
        "who",
        "why",
        "what",
        "your",
        "job",
        "education",
        "additional",
        "desired",
        "basic",
        "key",
        "the",
        "our",
        "in",
        "perks",
        "duties",
        "join",
        "eeo",
        "tech",
        "you",
    )
)
# "US CITIZENSHIP REQUIRED" states a requirement; it does not open a section.
_STATEMENT = re.compile(r"^(?!required\b).+\brequired\W*$", re.IGNORECASE)
_SMALL_WORDS = frozenset(
    ("a", "an", "and", "of", "the", "to", "in", "for", "with", "on", "at", "or")
)

_PREFERRED_PHRASE = re.compile(
    r"\b(a plus|are a plus|nice[- ]to[- ]have|bonus|preferred|preferably|desirable|desired"
    r"|ideally|an advantage|advantageous|an asset|good to have|optional|not required)\b",
    re.IGNORECASE,
)
# In the introduction, these make a line a requirement ("You will build models in Python").
_REQUIRED_PHRASE = re.compile(
    r"\b(required|must|requires?|mandatory|essential|need to have|you need|you will|you'll)\b",
    re.IGNORECASE,
)
# Skills in one list ("Java, Python or C++") are joined by nothing but separators.
_LIST_LINK = re.compile(r"^[\s,/&|]*(?:and/or|or|and|nor)?[\s,/&|]*$", re.IGNORECASE)
_OR_LINK = re.compile(r"\bor\b|/", re.IGNORECASE)
# A list is a set of alternatives when it is introduced as examples or as a choice...
# (At most a few words, such as examples gapcheck does not know, may stand between.)
_CHOICE_BEFORE = re.compile(
    r"(\bsuch as|\be\.g\.|\bfor example|\blike|\bone of(?: the following)?|\beither)"
    r"\W*(?:[\w+#.-]+\W+){0,3}$",
    re.IGNORECASE,
)
# ... or left open at its end.
_OPEN_AFTER = re.compile(
    r"^\W*(etc\b|or similar|or equivalent|or another|or other|or any)", re.IGNORECASE
)
# A clause ends at ";", "!", "?" or ". " (a full stop after "e.g", "i.e", "etc", "vs" or a
# lone capital, as in "U.S. Government", does not end a sentence).
_CLAUSE_END = re.compile(
    r"(?<=[;!?])\s+|(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\b[A-Z])\.\s+"
)


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    context: str  # "required", "preferred", "description", "skipped"


def parse_posting(text: str, source: str, taxonomy: Taxonomy, finder: SkillFinder) -> Posting:
    """Split a posting's text into required and preferred skills (pure, no I/O)."""
    title, company, lines = _classify_lines(text)
    scored = {skill.id: skill for skill in taxonomy.skills if skill.scored}

    # Every place a skill is asked for: (skill id, level, group, line number, clause).
    asks: list[tuple[str, str, tuple[str, ...], int, str]] = []
    for line in lines:
        if line.context == "skipped":
            continue
        for clause in _clauses(line.text):
            level = _phrase_context(clause, line.context)
            for skill_id, group in _skill_groups(clause, finder(clause), scored):
                asks.append((skill_id, level, group, line.number, clause))
    # The introduction counts as preferred, unless nothing else says what is required.
    has_requirements = any(ask[1] == "required" for ask in asks)
    intro_level = "preferred" if has_requirements else "required"
    asks = [(a[0], intro_level if a[1] == "description" else a[1], *a[2:]) for a in asks]

    skills: list[PostingSkill] = []
    for skill_id in dict.fromkeys(ask[0] for ask in asks):  # first-appearance order
        mine = [ask for ask in asks if ask[0] == skill_id]
        level = "required" if any(ask[1] == "required" for ask in mine) else "preferred"
        # The most specific group defines the skill (a clause naming it alone beats a list).
        _, _, group, number, clause = min(
            (ask for ask in mine if ask[1] == level), key=lambda ask: (len(ask[2]), ask[3])
        )
        skills.append(
            PostingSkill(
                id=skill_id,
                name=scored[skill_id].name,
                level=level,
                group=group,
                line=number,
                text=clause,
            )
        )
    return Posting(source=source, title=title, company=company, skills=tuple(skills))


def _clauses(line: str) -> list[str]:
    """A line cut into sentences and semicolon clauses (not after "e.g.", "i.e.", "etc.")."""
    return [part.strip() for part in _CLAUSE_END.split(line) if part.strip()]


def _skill_groups(
    clause: str, detection: Detection, scored: Mapping[str, object]
) -> list[tuple[str, tuple[str, ...]]]:
    """Each skill named in the clause with the alternatives it stands with (itself included).

    Skills joined only by separators form a list; a list is a set of alternatives when
    its items are joined by "or" or "/", when it follows "such as", "e.g.", "like" or
    "one of", or when it ends in "etc." or "or similar". Any other skill stands alone.
    """
    named = _named_skills(clause, detection, scored)
    runs: list[list[tuple[int, int, str]]] = []
    for span in named:
        if runs and _LIST_LINK.match(clause[runs[-1][-1][1] : span[0]]):
            runs[-1].append(span)
        else:
            runs.append([span])
    groups: list[tuple[str, tuple[str, ...]]] = []
    previous_end = 0
    for run in runs:
        ids = tuple(dict.fromkeys(skill_id for _, _, skill_id in run))
        start, end = run[0][0], run[-1][1]
        links = [clause[a[1] : b[0]] for a, b in itertools.pairwise(run)]
        choice = (
            any(_OR_LINK.search(link) for link in links)
            or _CHOICE_BEFORE.search(clause[previous_end:start]) is not None
            or _OPEN_AFTER.match(clause[end:]) is not None
        )
        for skill_id in ids:
            groups.append((skill_id, ids if choice and len(ids) > 1 else (skill_id,)))
        previous_end = end
    return groups


def _named_skills(
    clause: str, detection: Detection, scored: Mapping[str, object]
) -> list[tuple[int, int, str]]:
    """(start, end, id) of the skills named in the clause, in reading order.

    Implied skills do not count: a posting asking for PyTorch does not name deep learning.
    """
    lowered = clause.lower()
    named: dict[str, tuple[int, int]] = {}
    for found in detection.skills:
        if not found.explicit or found.id not in scored:
            continue
        for evidence in found.evidence:
            start = lowered.find(evidence.matched.lower()) if evidence.matched else -1
            if start >= 0:
                span = (start, start + len(evidence.matched))
            else:  # the detector cleaned the text; its own offsets are the best guess
                span = (evidence.start, evidence.end)
            named[found.id] = min(named.get(found.id, span), span)
    return sorted((start, end, skill_id) for skill_id, (start, end) in named.items())


def _classify_lines(text: str) -> tuple[str, str, list[_Line]]:
    """The title, the company, and every other line with the context it stands in."""
    title = company = ""
    context = "description"
    lines: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or _NUMBER_ONLY.match(stripped):
            continue
        metadata = _METADATA.match(stripped)
        if metadata:
            key = stripped.split(":", 1)[0].strip().lower()
            if key in ("title", "job title", "position") and not title:
                title = metadata.group("value").strip()
            elif key in ("company", "employer") and not company:
                company = metadata.group("value").strip()
            continue
        markdown = _MARKDOWN_HEADING.match(stripped)
        # The first short line is the title, unless it is a heading ("Requirements") or
        # a list of skills ("Python, SQL and Docker required"), which are content.
        first_line_title = (
            not lines
            and len(stripped.split()) <= 12
            and "," not in stripped
            and _classify_heading(stripped.rstrip(":")) is None
        )
        if not title and (markdown or first_line_title):
            title = markdown.group("text") if markdown else stripped
            continue
        content = _LIST_MARKER.sub("", stripped).strip()
        if _LEGAL.search(content):
            context = "skipped"
        heading = _heading_context(content, markdown is not None, context)
        if heading is not None:
            context = heading
            lines.append(_Line(number, content, context))
            continue
        line_context = context
        inline = _INLINE_HEADING.match(content)
        if inline and len(inline.group("head").split()) <= 5:  # "Nice to have: Spark, Kafka"
            line_context = _classify_heading(inline.group("head")) or line_context
        lines.append(_Line(number, content, line_context))
    return title, company, lines


def _heading_context(content: str, is_markdown: bool, current: str) -> str | None:
    """The context a heading line opens, or None when the line is not a heading.

    A line without a colon or markup is a heading when it is short, names a known kind of
    part, and starts with a heading word ("Minimum requirements") or, outside boilerplate,
    is in title case ("Nice To Have"); so "SIGINT experience" or the "Optional Fitness
    Time" of a benefits list stay ordinary lines.
    """
    bold = _BOLD_LINE.match(content)
    text = (bold.group("text") if bold else content).strip().strip("*_# ").strip()
    if is_markdown:
        heading = _MARKDOWN_HEADING.match(content)
        text = heading.group("text").strip("*_ ") if heading else text
    words = text.rstrip(":").split()
    if not words or _STATEMENT.search(text):
        return None
    kind = _classify_heading(text.rstrip(":"))
    if is_markdown or bold:
        return kind or "description"  # a marked-up heading always opens a new part
    if text.endswith(":") and len(words) <= 12:
        return kind  # an unknown lead-in ("Packages:") keeps the context it is in
    if kind is None or text[-1] in ".,;!" or ":" in text.rstrip(":"):
        return None  # a sentence, or "Nice to have: Spark" (a heading for its own line only)
    if words[0].lower().strip(",&/") in _HEADING_START and len(words) <= 8:
        return kind
    if current != "skipped" and len(words) <= 6 and _is_title_case(words):
        return kind
    return None


def _classify_heading(heading: str) -> str | None:
    text = " ".join(heading.lower().split())
    if _PREFERRED_HEADING.search(text):
        return "preferred"
    if _ABOUT_THE_JOB.search(text):
        return "required"
    if _SKIPPED_HEADING.search(text):
        return "skipped"
    if _REQUIRED_HEADING.search(text):
        return "required"
    if _DESCRIPTION_HEADING.search(text):
        return "description"
    return None


def _phrase_context(line: str, context: str) -> str:
    """A line's own words ("... is a plus", "required") override its heading's context."""
    if context == "skipped":
        return context
    if _PREFERRED_PHRASE.search(line):
        return "preferred"
    if context == "description" and _REQUIRED_PHRASE.search(line):
        return "required"
    return context


def _is_title_case(words: list[str]) -> bool:
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words)


# --------------------------------------------------------------------------- the gap


def job_gap(posting: Posting, detection: Detection, taxonomy: Taxonomy, target: Target) -> JobGap:
    """The resume against one posting: what it misses, and a score weighted by the posting.

    A posting skill's credit is the best credit among its group (so "Java, Python or C++"
    is met by Python). Missing skills are listed by their weight for the target role
    (descending), then in posting order.
    """
    credits = credits_by_skill(detection)
    group_credit = {
        s.id: max(credits.get(member, 0.0) for member in s.group) for s in posting.skills
    }
    weights = {
        s.id: round((REQUIRED_WEIGHT if s.level == "required" else PREFERRED_WEIGHT) * s.share, 4)
        for s in posting.skills
    }
    role = role_weights(taxonomy, target.role, target.level)
    order = {s.id: i for i, s in enumerate(posting.skills)}

    def missing(level: str) -> tuple[str, ...]:
        ids = [s.id for s in posting.skills if s.level == level and group_credit[s.id] <= 0.0]
        return tuple(sorted(ids, key=lambda i: (-role.get(i, 0.0), order[i])))

    return JobGap(
        source=posting.source,
        title=posting.title or posting.source,
        required=posting.required,
        preferred=posting.preferred,
        missing_required=missing("required"),
        missing_preferred=missing("preferred"),
        score=build_score(weights, group_credit, taxonomy, POSTING_BANDS),
    )
