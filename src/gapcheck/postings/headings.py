"""Which part of a job posting each line stands in: the context that sets a skill's level.

Headings ("Requirements", "Qualifications", "Preferred", "Nice to have", "Benefits"...)
set the context of the lines under them; the words next to a skill ("... is a plus", "Docker
preferred") override it for that skill (items.py):

    required    under requirement, qualification or responsibility headings
    preferred   under preferred / bonus / nice-to-have headings, or a clause saying so
    description the introduction and unnamed parts: preferred, or required when it says
                "you will" / "required", or when the posting has no requirements at all
    skipped     benefits, company blurb, equal-opportunity and other boilerplate

Metadata lines ("Title: ...", "Company: ...") and the first short line give the title and
the company instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_LEAD_IN = re.compile(
    r"\b(?:with|of|in|for|to|on|using|the|a|an|and|or|following)\s*$", re.IGNORECASE
)
# Longer lines are paragraphs, read sentence by sentence.
PARAGRAPH_CHARACTERS = 300
# A sentence ends at ".", "!" or "?" after a small letter or a digit (so not in "U.S." nor
# after "e.g."), even with no space after it, or at a bullet run into the line.
_SENTENCE_END = re.compile(
    r"(?<=[a-z0-9)%][.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)(?<!\bPh\.)\s*(?=[A-Z●•▪])"
    r"|\s*[●•▪]\s*"
)
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

REQUIRED_PHRASE = re.compile(
    r"\b(required|must|requires?|mandatory|essential|need to have|you need|you will|you'll)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PostingLine:
    """One content line of a posting, with the context its heading (or lead-in) sets."""

    number: int
    text: str
    context: str  # "required", "preferred", "description", "skipped"


def classify_lines(text: str) -> tuple[str, str, list[PostingLine]]:
    """The title, the company, and every other line with the context it stands in."""
    title = company = ""
    context = "description"
    lines: list[PostingLine] = []
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
        pieces = _sentences(stripped) if len(stripped) > PARAGRAPH_CHARACTERS else [stripped]
        for piece in pieces:
            content = _LIST_MARKER.sub("", piece).strip()
            context, line_context = _line_context(content, markdown is not None, context)
            if len(pieces) > 1 and line_context != context and _INLINE_HEADING.match(content):
                # In a paragraph run together from a whole posting, "Requirements: ..." is
                # all that is left of its headings: it opens a part, not one line's.
                context = line_context
            lines.append(PostingLine(number, content, line_context))
    return title, company, lines


def _line_context(content: str, is_markdown: bool, context: str) -> tuple[str, str]:
    """The context after this line, and the line's own."""
    if _LEGAL.search(content):
        context = "skipped"
    heading = _heading_context(content, is_markdown, context)
    if heading is not None:
        return heading, heading
    inline = _INLINE_HEADING.match(content)
    # "Nice to have: Spark, Kafka" names its line's part; "Experience with: Git, Docker"
    # is the start of a sentence, which keeps the part it stands in.
    if inline and len(inline.group("head").split()) <= 5 and not _LEAD_IN.search(
        inline.group("head")
    ):
        return context, _classify_heading(inline.group("head")) or context
    return context, context


def _sentences(paragraph: str) -> list[str]:
    """A long line cut into sentences, so that boilerplate starts where its sentence does:
    some postings come as one line ("...in Python.We are an equal opportunity employer")."""
    return [part for part in _SENTENCE_END.split(paragraph) if part.strip()]


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
        # "Experience with any of the following:" leads into a list in the part it stands
        # in; only a preference ("Bonus points if you have any of the following:") changes it.
        if _LEAD_IN.search(text.rstrip(":")) and kind != "preferred":
            return None
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


def _is_title_case(words: list[str]) -> bool:
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words)
