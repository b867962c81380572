"""Is the document passed as the resume a resume? Asked once it is sectioned, before any
skill is looked for, because a report on anything else is a report full of gaps.

    check_resume(document, sections)   # raises NotAResumeError, or returns the evidence

The rule is conservative: it refuses only what is clearly not a resume, and a document
with the marks of a resume (dated roles, contact details, resume sections) is never
refused as a posting, a README or a letter. In order:

1. too little text: fewer than MIN_CHARACTERS characters or MIN_WORDS words;
2. a job posting: at least MIN_POSTING_PHRASES distinct posting phrases ("we are looking
   for", "the ideal candidate", "responsibilities" as a heading, "equal opportunity
   employer"...) and at least READER_ADDRESS_SHARE of its words addressing a reader
   ("you", "your", "we", "our", "us"), or POSTING_PHRASES_ALONE phrases whatever the
   words; unless it has RESUME_DATED_ROLES dated roles;
3. a project README: at least README_HEADINGS headings such as "Installation" or
   "Usage", and code (a fenced code block or a command such as "pip install"), or
   README_HEADINGS_ALONE such headings; unless it has RESUME_DATED_ROLES dated roles;
4. a letter: it opens with a salutation ("Dear ...", "To whom it may concern") and
   closes with a sign-off ("Sincerely", "Kind regards"); unless it has dated roles or
   LETTER_RESUME_SECTIONS resume sections, as a cover letter bound to a resume does;
5. no resume structure at all: no contact details, no resume section, no dated role and
   fewer than MIN_YEARS distinct years.

Portfolio documents (READMEs, pages, write-ups) are not checked: they are evidence, not
resumes. Every threshold below was set against the 47 real resumes and 6 real postings of
the development corpora (benchmarks/resume_check.py prints the measures) with a wide
margin on the resume side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gapcheck.errors import NotAResumeError
from gapcheck.records import Document, Section
from gapcheck.sections.headings import heading_kind, keyword_kind, normalize_heading

# 1. A resume holds at least a name, a way to reach the person and a role or a degree:
# a hundred characters, fifteen words or so. The shortest real resume of the corpora
# holds 1,157 characters and 157 words: over ten times as much.
MIN_CHARACTERS = 100
MIN_WORDS = 15
# 2. Real resumes: at most 1 posting phrase and 0.7% of words addressing a reader; real
# postings: 5 to 11 phrases and 2.7% to 5.7% of their words.
MIN_POSTING_PHRASES = 3
READER_ADDRESS_SHARE = 0.015
POSTING_PHRASES_ALONE = 5
# Dated roles ("Jan 2021 – Present", "2019 - 2023") that make a document a resume
# whatever else it holds: most real resumes have 3 to 20 (a few none, their dates set
# apart from the roles); real postings have none.
RESUME_DATED_ROLES = 3
# 3. README headings: "Installation", "Usage", "License"... (resumes: none).
README_HEADINGS = 2
README_HEADINGS_ALONE = 3
# 4. Resume sections that make a document with a salutation a resume with a cover letter.
LETTER_RESUME_SECTIONS = 2
# 5. Distinct years (1950-2039) that count as some structure on their own.
MIN_YEARS = 2

# The kinds of section that only resumes have (not "other", not "header").
RESUME_KINDS = frozenset(
    {
        "summary", "experience", "projects", "skills", "education", "certifications",
        "publications", "courses", "awards", "volunteering", "research",
    }
)  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Every repetition is bounded, so no line (up to 2,000 characters) makes these backtrack far.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}")
_PHONE = re.compile(r"(?<![\d+])\+?\(?\d[\d ().-]{6,18}\d(?!\d)")
PHONE_DIGITS = (9, 15)  # a phone number, international or not, has this many digits
_PROFILE = re.compile(
    r"\b(?:linkedin\.com|github\.com|gitlab\.com|kaggle\.com|stackoverflow\.com|"
    r"scholar\.google|orcid\.org|xing\.com)\b|https?://",
    re.I,
)
_YEAR = r"(?:19[5-9]\d|20[0-3]\d)"
_ONGOING = (
    r"(?:present|current|currently|now|today|date|ongoing|heute|jetzt|actualidad|actual|"
    r"presente|actuel|aujourd'hui|atual|hoje|oggi|obecnie|nu|現在|至今|今)"
)
_DATED_ROLE = re.compile(
    rf"{_YEAR}\D{{0,12}}?\s*(?:[-–—~～−]|\bto\b|\buntil\b|\bbis\b|\bà\b|\bal?\b|\bhasta\b|"
    rf"\baté\b|\btot\b)\s*(?:\D{{0,12}}?{_YEAR}|{_ONGOING}\b)",
    re.I,
)
_YEARS = re.compile(rf"(?<!\d){_YEAR}(?!\d)")

# Phrases of job postings: each counts once, however often it occurs.
_POSTING_PHRASES = (
    r"we(?: are|['’]re) (?:looking|seeking|hiring)", r"(?:the )?ideal candidate",
    r"you will\b", r"you['’]ll\b", r"what you(?:['’]ll| will) do", r"what we offer",
    r"we offer\b", r"join (?:our|the) team", r"join us\b", r"about the (?:role|job|team)",
    r"equal (?:opportunity|employment)", r"how to apply", r"apply (?:now|today|online)",
    r"(?:please|to) apply\b", r"competitive (?:salary|compensation|pay)",
    r"paid time off", r"401\(?k\)?", r"health insurance", r"job (?:description|type)",
    r"must have\b", r"nice to have", r"(?:minimum|basic|preferred|required) qualifications",
    r"who you are", r"what you(?:['’]ll)? bring", r"you have\b", r"you are\b",
    r"your (?:responsibilities|role)", r"the successful candidate", r"benefits include",
    r"(?:qualified )?applicants", r"if you(?:['’]re| are) (?:looking|interested|passionate)",
    r"we believe", r"candidates? (?:will|should|must)\b", r"this (?:role|position) (?:is|will)",
)  # fmt: skip
_POSTING = [re.compile(rf"\b{phrase}", re.I) for phrase in _POSTING_PHRASES]
# Headings of postings, counted when a short line says exactly one.
_POSTING_HEADINGS = frozenset(
    {
        "responsibilities", "key responsibilities", "requirements", "job requirements",
        "qualifications", "benefits", "perks", "perks and benefits", "what we offer",
        "about us", "about the company", "about the role", "job description",
        "what you will do", "what you ll do", "who you are", "the role",
    }
)  # fmt: skip
_ADDRESS = frozenset({"you", "your", "you're", "you’re", "you'll", "you’ll", "we", "our", "us",
                      "we're", "we’re", "yours", "ours"})  # fmt: skip

_README_HEADINGS = frozenset(
    {
        "installation", "install", "installing", "usage", "getting started", "quick start",
        "quickstart", "license", "licence", "contributing", "dependencies", "features",
        "documentation", "table of contents", "examples", "example", "build", "building",
        "running the tests", "tests", "roadmap", "acknowledgements", "acknowledgments",
        "faq", "changelog", "configuration", "setup", "prerequisites", "requirements",
        "how to run", "demo", "screenshots", "api", "authors", "credits",
    }
)  # fmt: skip
_COMMAND = re.compile(
    r"^\s*(?:\$\s+\S|>>>\s|(?:pip3?|npm|yarn|pnpm|conda|brew|apt(?:-get)?|cargo|go|docker|"
    r"git|make|python3?|node|npx|poetry|uv)\s+(?:install|clone|run|add|build|get|-m|start|"
    r"init|test|compose)\b)",
    re.I,
)
CODE_FONT = "monospace"  # as reading/plaintext.py marks the lines of a fenced code block

# A salutation line: "Dear Ms Example," (short, the greeting then a name or a comma).
_SALUTATION = re.compile(
    r"^(?:dear|to whom it may concern|hello|hi|sehr geehrte[rs]?|estimad[oa]s?|madame|"
    r"monsieur|caro|cara|prezad[oa])(?:[\s,:!]|$)",
    re.I,
)
_SIGN_OFF = re.compile(
    r"^(?:(?:yours )?sincerely|yours (?:faithfully|truly)|(?:kind|best|warm|warmest)?\s*"
    r"regards|respectfully|with (?:best|kind) regards|best wishes|thank you for your "
    r"(?:time|consideration)|mit freundlichen grüßen|cordialement|atentamente|saludos)"
    r"[\s,.!]*$",
    re.I,
)
SALUTATION_CHARACTERS = 60  # longer lines are sentences, not salutations
LETTER_OPENING_LINES = 12  # a salutation is looked for among the first lines (after a header)


@dataclass(frozen=True)
class ResumeEvidence:
    """What a document holds that a resume (or something else) would."""

    characters: int
    words: int
    contact: bool  # an email address, a phone number or a profile link
    resume_sections: frozenset[str]  # kinds of resume section found
    dated_roles: int  # lines with a date range ("2019 – 2023", "Jan 2021 – Present")
    years: int  # distinct years mentioned
    posting_phrases: tuple[str, ...]  # distinct posting phrases and headings found
    reader_address: float  # share of words addressing a reader (you, we, our...)
    readme_headings: tuple[str, ...]
    code_lines: int
    salutation: str  # the opening salutation line, or ""
    sign_off: str  # the closing line, or ""

    @property
    def dated(self) -> bool:
        return self.dated_roles >= RESUME_DATED_ROLES


def gather(document: Document, sections: Sequence[Section]) -> ResumeEvidence:
    """The evidence in `document`, whose sections are `sections`."""
    texts = [line.text for line in document.lines]
    words = [w.lower() for text in texts for w in _WORD.findall(text)]
    found_kinds = {s.kind for s in sections if s.heading} & RESUME_KINDS
    postings: set[str] = set()
    readme: set[str] = set()
    for line in document.lines:
        text = line.text
        for pattern in _POSTING:
            if (match := pattern.search(text)) is not None:
                postings.add(match.group(0).lower())
        normal = normalize_heading(text)
        if len(text) <= 48 and normal:
            if normal in _POSTING_HEADINGS:
                postings.add(normal)
            if normal in _README_HEADINGS:
                readme.add(normal)
            kind = heading_kind(text) or (
                keyword_kind(text) if len(normal.split()) <= 4 and _stands_alone(text) else None
            )
            if kind in RESUME_KINDS:
                found_kinds.add(kind)
    opening = next(
        (
            t
            for t in texts[:LETTER_OPENING_LINES]
            if len(t) <= SALUTATION_CHARACTERS and _SALUTATION.match(t)
        ),
        "",
    )
    closing = next((t for t in reversed(texts[-LETTER_OPENING_LINES:]) if _SIGN_OFF.match(t)), "")
    joined = "\n".join(texts)
    return ResumeEvidence(
        characters=sum(len(t) for t in texts),
        words=len(words),
        contact=any(_contact(t) for t in texts),
        resume_sections=frozenset(found_kinds),
        dated_roles=sum(1 for t in texts if _DATED_ROLE.search(t)),
        years=len(set(_YEARS.findall(joined))),
        posting_phrases=tuple(sorted(postings)),
        reader_address=sum(1 for w in words if w in _ADDRESS) / len(words) if words else 0.0,
        readme_headings=tuple(sorted(readme)),
        code_lines=sum(
            1 for line in document.lines if line.font == CODE_FONT or _COMMAND.match(line.text)
        ),
        salutation=opening,
        sign_off=closing,
    )


def _contact(text: str) -> bool:
    """An email address, a phone number or a profile link on this line."""
    if "@" in text and _EMAIL.search(text):
        return True
    if _PROFILE.search(text):
        return True
    low, high = PHONE_DIGITS
    return any(
        low <= sum(ch.isdigit() for ch in match.group(0)) <= high
        for match in _PHONE.finditer(text)
    )


def _stands_alone(text: str) -> bool:
    """A heading-like line: no sentence punctuation, a few words ("--- EDUCATION ---")."""
    return not text.rstrip().endswith((".", ",", ";")) and len(text.split()) <= 8


def check_resume(document: Document, sections: Sequence[Section]) -> ResumeEvidence | None:
    """Raise NotAResumeError when the resume document is clearly not a resume; return the
    evidence (None for portfolio documents, which are not checked)."""
    if document.role != "resume":
        return None
    evidence = gather(document, sections)
    if reason := refusal(evidence):
        problem, advice = reason
        raise NotAResumeError(document.source, problem, advice)
    return evidence


def refusal(evidence: ResumeEvidence) -> tuple[str, str] | None:
    """(what it looks like, what to do) when the evidence says "not a resume", else None."""
    e = evidence
    if e.characters < MIN_CHARACTERS or e.words < MIN_WORDS:
        return (
            f"holds only {e.characters} characters of text ({e.words} "
            f"word{'' if e.words == 1 else 's'}), too little to be a resume",
            "pass the resume itself: name, contact details, and roles, education or skills",
        )
    phrases = len(e.posting_phrases)
    if not e.dated and (
        (phrases >= MIN_POSTING_PHRASES and e.reader_address >= READER_ADDRESS_SHARE)
        or phrases >= POSTING_PHRASES_ALONE
    ):
        shown = ", ".join(f"'{p}'" for p in e.posting_phrases[:3])
        return (
            f"looks like a job posting, not a resume ({phrases} posting phrases such as "
            f"{shown})",
            "pass the person's resume; to compare a resume with this posting, "
            "pass the posting with --job",
        )
    headings = len(e.readme_headings)
    if not e.dated and (
        (headings >= README_HEADINGS and e.code_lines) or headings >= README_HEADINGS_ALONE
    ):
        shown = ", ".join(f"'{h.title()}'" for h in e.readme_headings[:3])
        return (
            f"looks like a project README, not a resume (headings such as {shown}"
            f"{' and code' if e.code_lines else ''})",
            "pass the resume itself; a README is portfolio material: pass it after the resume",
        )
    if (
        e.salutation
        and e.sign_off
        and e.dated_roles == 0
        and len(e.resume_sections) < LETTER_RESUME_SECTIONS
    ):
        return (
            f"looks like a letter, not a resume (it opens with '{_short(e.salutation)}' and "
            f"closes with '{_short(e.sign_off)}')",
            "pass the resume itself; a cover letter is not scored",
        )
    if not (e.contact or e.resume_sections or e.dated_roles or e.years >= MIN_YEARS):
        return (
            "does not look like a resume: no contact details, no section such as "
            "Experience, Education or Skills, and no dated roles",
            "pass the resume itself; if it is one, give it headings (Experience, Education, "
            "Skills) and dates for its roles",
        )
    return None


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
