"""The records passed between gapcheck's stages.

Every stage takes records in and gives records out; none of them prints or touches
files except the reader (input) and the renderer's caller (output). All records are
frozen so a stage can never change what an earlier stage produced.

    read      -> Document          (lines with page, position and font)
    sections  -> tuple[Section]    (lines grouped under headings of a known kind)
    detect    -> Detection         (skills and certifications found, with evidence)
    score     -> Score, gaps       (role coverage, ranked missing skills)
    recommend -> certifications, learning path
    render    -> HTML / Markdown / JSON text
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Line:
    """One line of text in reading order, after cleanup."""

    text: str
    page: int  # 1-based
    number: int  # 1-based position of the line in the whole document, in reading order
    x0: float = 0.0  # bounding box in PDF points, origin bottom-left (pdfminer's)
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    font: str = ""
    size: float = 0.0
    bold: bool = False
    column: int = 0  # 0: full width or single column; 1, 2, ...: left to right


@dataclass(frozen=True)
class Diagnostics:
    """What the reader saw, so a user knows when to distrust a result."""

    pages: int
    characters: int
    layout: str  # "single-column", "two-column", "sidebar", "text"
    columns: int
    unreadable_share: float  # 0..1, characters that could not be mapped to text
    engine: str  # "pdfminer", "pdfium", "docx", "text", "html"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """One input file as text lines. `source` is the file's name only, never its path."""

    source: str
    kind: str  # "pdf", "docx", "txt", "md", "html"
    lines: tuple[Line, ...]
    diagnostics: Diagnostics
    role: str = "resume"  # "resume" or "portfolio"


@dataclass(frozen=True)
class Section:
    """Consecutive lines under one heading. `kind` is one of sections.SECTION_KINDS."""

    kind: str
    heading: str
    lines: tuple[Line, ...]
    document: str  # Document.source
    document_role: str = "resume"


# --------------------------------------------------------------------------- detection


@dataclass(frozen=True)
class Evidence:
    """Why gapcheck believes a skill is present: where, how, and how strongly."""

    snippet: str  # the whole line, as cleaned, so the report can show it
    matched: str  # the words that matched, exactly as they stand in `snippet`
    start: int  # offsets of `matched` in `snippet`, for highlighting
    end: int
    page: int
    line: int
    section: str  # Section.kind
    heading: str
    document: str
    method: str  # "exact", "alias", "fuzzy", "rule", "implied"
    strength: float  # 0..1: experience/project use > skills list > interests/learning
    score: float | None = None  # fuzzy similarity 0..100, only for method "fuzzy"
    years: float | None = None  # years of use, when the entry carries dates
    via: str | None = None  # for "implied": the id of the skill that implies this one


@dataclass(frozen=True)
class FoundSkill:
    id: str
    name: str
    category: str
    explicit: bool  # named in the text (False: only implied by another skill)
    strength: float  # the strongest evidence's strength (implied: partial credit)
    evidence: tuple[Evidence, ...]
    years: float | None = None
    documents: tuple[str, ...] = ()  # which inputs prove it
    portfolio_only: bool = False  # proven by portfolio material but not by the resume
    aliases: tuple[str, ...] = ()  # the taxonomy's other names for it


@dataclass(frozen=True)
class HeldCertification:
    id: str
    name: str
    status: str  # the taxonomy's status as of its date
    successor: str | None  # display name of the successor, for retired ones
    evidence: Evidence


@dataclass(frozen=True)
class Detection:
    skills: tuple[FoundSkill, ...]
    certifications: tuple[HeldCertification, ...] = ()


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class CategoryScore:
    category: str
    name: str
    earned: float
    possible: float
    percent: float  # coverage 0..100: earned / (coverage_target x possible), capped


@dataclass(frozen=True)
class ScoreItem:
    """One expected skill's part in the score (formula in gapcheck.scoring.score)."""

    skill_id: str
    name: str
    category: str
    weight: float
    credit: float  # 0..1


@dataclass(frozen=True)
class Score:
    value: float  # 0..100, rounded to one decimal
    band: str  # "weak", "fair", "good", "strong"
    earned: float
    possible: float
    categories: tuple[CategoryScore, ...]
    items: tuple[ScoreItem, ...] = ()
    # Share of a category's weight that counts as full coverage (see gapcheck.scoring.score).
    coverage_target: float = 1.0


GapAction = Literal["learn", "show"]
GapSource = Literal["posting-required", "posting-preferred", "role"]


@dataclass(frozen=True)
class Gap:
    rank: int  # 1 = learn first
    skill_id: str
    name: str
    category: str
    stage: str
    weight: float  # the role weight this gap costs
    credit: float  # partial credit already earned (0 for a plain gap)
    reason: str  # plain words: why this rank
    hint: str  # one line on how to close it
    named_by: tuple[str, ...] = ()  # guide ids
    emphasis: str = "named"
    blocks: tuple[str, ...] = ()  # ids of other missing skills this is a prerequisite of
    # "learn": nothing shows it; "show": the person evidently has it (a degree, a title,
    # papers) but never names it, so the advice is where to name it, not what to study.
    action: GapAction = "learn"
    shown_by: ShownByEvidence | None = None  # for "show": the evidence that proves it
    source: GapSource = "role"  # what asks for it: the posting's requirements or the role


@dataclass(frozen=True)
class NearMiss:
    """A skill with partial evidence that a small change would make count."""

    skill_id: str
    name: str
    credit: float  # share of the weight already earned, 0..1
    why_partial: str  # "implied by PyTorch", "only listed under Skills", ...
    advice: str


@dataclass(frozen=True)
class PathStep:
    stage: str
    stage_name: str
    skills: tuple[Gap, ...]


@dataclass(frozen=True)
class CertificationSuggestion:
    id: str
    name: str
    provider: str
    level: str
    exam_code: str | None
    status: str
    status_date: str
    covers: tuple[str, ...]  # ids of *your* gaps it covers
    covers_names: tuple[str, ...]
    covered_weight: float
    url: str | None = None


@dataclass(frozen=True)
class RetiredNote:
    """A certification the resume lists that is retired, closed or superseded today."""

    id: str
    name: str
    status: str
    status_date: str
    successor: str | None
    evidence: Evidence


Level = Literal["entry", "mid", "senior"]  # the seniority levels a Target may name
Engine = Literal["pdfminer", "pdfium"]  # the PDF readers (pdfium needs gapcheck[fast])
LEVELS: tuple[str, ...] = get_args(Level)
ENGINES: tuple[str, ...] = get_args(Engine)


@dataclass(frozen=True)
class Target:
    role: str  # role id
    role_name: str
    level: str  # "entry", "mid", "senior"
    job: str | None = None  # job posting file name, when targeting a posting


@dataclass(frozen=True)
class JobGap:
    """The gap against one job posting, next to the gap against the role."""

    source: str
    title: str
    required: tuple[str, ...]  # skill ids the posting requires
    preferred: tuple[str, ...]
    missing_required: tuple[str, ...]
    missing_preferred: tuple[str, ...]
    score: Score
    # What the posting asks for, one record per requirement (a group of alternatives is
    # one), in posting order; the counts are of those records, degrees met by higher ones.
    requirements: tuple[PostingRequirement, ...] = ()
    required_met: int = 0
    required_total: int = 0
    preferred_met: int = 0
    preferred_total: int = 0
    # Years, degree, clearance, work authorization, certifications: not skills to learn.
    eligibility: tuple[EligibilityCheck, ...] = ()


@dataclass(frozen=True)
class DocumentSummary:
    source: str
    kind: str
    role: str
    diagnostics: Diagnostics
    sections: tuple[tuple[str, str], ...]  # (kind, heading) in order


@dataclass(frozen=True)
class Analysis:
    """Everything one run of gapcheck concluded about one person."""

    gapcheck_version: str
    taxonomy_version: str
    taxonomy_as_of: str
    generated_on: str  # ISO date, passed in (never read from the clock inside a stage)
    target: Target
    documents: tuple[DocumentSummary, ...]
    detection: Detection
    score: Score
    gaps: tuple[Gap, ...]
    near_misses: tuple[NearMiss, ...]
    learning_path: tuple[PathStep, ...]
    certifications: tuple[CertificationSuggestion, ...]
    retired_held: tuple[RetiredNote, ...]
    warnings: tuple[str, ...]
    job: JobGap | None = None
    hands_on: tuple[HandsOnItem, ...] = field(default=())
    level: LevelChoice | None = None  # the seniority used, and why (inferred or given)
    background: Background | None = None
    # Several postings (--job FOLDER): each one's gap, in file order; `job` is then None and
    # the fits and the plan across them follow from these (gapcheck.scoring.across).
    jobs: tuple[JobGap, ...] = ()
    since: PreviousReport | None = None  # an earlier report to compare with (--since)


@dataclass(frozen=True)
class PreviousReport:
    """An earlier JSON report, read back to say what changed (reading/previous_report.py)."""

    source: str  # its file name
    generated_on: str
    gapcheck_version: str
    taxonomy_key: str  # "version (as of)": gapcheck.taxonomy.model.taxonomy_key
    role: str
    level: str
    job: str | None  # the posting it was made against, "N postings", or None (the role only)
    score: float
    shown: frozenset[str]  # ids of the skills the resume named
    learn_gaps: tuple[str, ...]  # ids of the gaps to learn, in rank order
    certifications: tuple[str, ...]  # ids of the certifications held
    picks: tuple[str, ...]  # ids of the certifications suggested, best first
    names: tuple[tuple[str, str], ...] = ()  # (id, display name) for the ids above


@dataclass(frozen=True)
class HandsOnItem:
    """One kind of hands-on evidence the guides ask for (projects, code links, ...)."""

    id: str
    name: str
    present: bool
    evidence: tuple[Evidence, ...] = ()


# --------------------------------------------------------------------------- background
# What a resume shows about the person beyond skill names: degrees, dated positions and
# publications (gapcheck.detection.background), and the fundamentals they evidence.


@dataclass(frozen=True)
class Degree:
    level: str  # "associate", "bachelors", "masters", "phd"
    field: str  # the field as written, lowercased ("computer science"); "" when not stated
    evidence: Evidence
    year: int | None = None  # the year it was (or will be) completed, when dated
    in_progress: bool = False


@dataclass(frozen=True)
class Position:
    """One dated role in the experience (or research) section."""

    title: str  # the job title as written
    kinds: tuple[str, ...]  # "ml", "data", "research", "software", "lead", "intern", ...
    start: str | None  # "YYYY-MM"
    end: str | None  # "YYYY-MM"; the report date for "present"
    years: float
    evidence: Evidence


@dataclass(frozen=True)
class ShownByEvidence:
    """A skill the person evidently has without naming it: a degree, a title, papers."""

    skill_id: str
    because: str  # plain words: "MSc in Statistics (2019)"
    evidence: Evidence


@dataclass(frozen=True)
class Background:
    degrees: tuple[Degree, ...] = ()
    positions: tuple[Position, ...] = ()
    publications: int = 0
    years_experience: float = 0.0  # professional years since the first degree, no internships
    shown: tuple[ShownByEvidence, ...] = ()


@dataclass(frozen=True)
class LevelChoice:
    """The seniority the analysis used, and why."""

    level: str  # "entry", "mid", "senior"
    reason: str  # "senior: 9 years since 2016, staff title" or "given with --level"
    inferred: bool


# --------------------------------------------------------------------------- job requirements
# What a job posting asks for, one requirement at a time (gapcheck.postings), and how the
# resume stands against each (gapcheck.scoring.posting_gap, gapcheck.scoring.eligibility).

EligibilityKind = Literal["years", "degree", "clearance", "authorization", "certification"]
EligibilityStatus = Literal["met", "not met", "not stated"]


@dataclass(frozen=True)
class PostingRequirement:
    """One thing a posting asks for: a skill, or a group any one member of which meets it."""

    ids: tuple[str, ...]  # skill ids, in posting order
    names: tuple[str, ...]
    level: str  # "required" or "preferred"
    met: bool
    met_by: str | None  # the id that meets it (for a degree, possibly a higher degree)
    line: int  # 1-based line of the posting
    text: str  # the clause that asks for it
    kind: str = "skill"  # "skill", or "degree" (met by that degree or a higher one)
    example_of: str | None = None  # an example after "such as": the broader skill's id


@dataclass(frozen=True)
class EligibilityRequirement:
    """Something a posting asks a candidate to have or be that is not a skill to learn."""

    kind: EligibilityKind
    text: str  # the clause that asks for it
    line: int  # 1-based line of the posting
    skill_id: str | None = None  # years: of this skill; None: of professional experience
    years: float | None = None  # years: the least that meets it
    degree: str | None = None  # degree: the lowest that meets it ("bachelors", ...)
    level: str = "required"  # "required" or "preferred"
    name: str = ""  # plain words: "US citizenship", "TS/SCI", "Master's degree"
    skills: tuple[str, ...] = ()  # years: every skill named with them; any one counts
    options: tuple[tuple[str, float], ...] = ()  # years: (degree, years) pairs, any one meets it
    certification: str | None = None  # certification: the taxonomy's id, when it knows it
    obtainable: bool = False  # clearance, certification: may be obtained after hiring
    or_equivalent: bool = False  # degree: "or equivalent experience" is accepted


@dataclass(frozen=True)
class EligibilityCheck:
    """One eligibility requirement against the resume."""

    kind: EligibilityKind
    text: str
    line: int
    skill_id: str | None
    years: float | None
    degree: str | None
    level: str
    name: str
    # "not stated": the resume says nothing either way (clearance, citizenship are rarely
    # written down; years of a skill only show in dated entries).
    status: EligibilityStatus
    detail: str  # plain words: "about 2.5 years of Python in dated entries"
    evidence: Evidence | None = None  # where the resume shows it, when it does
    waivable: bool = False  # "or equivalent experience", "may be obtained after hiring"
