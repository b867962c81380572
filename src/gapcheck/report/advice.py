"""The advice every format leads with, as plain text: who is judged against what, at which
level and why, the headline against a job posting, and the gaps split by what to do.

    level_sentence(analysis)   'Judged as senior: 9 years of experience since 2016, staff title'
    against_text(analysis)     'the Machine Learning Engineer role and the posting “…”'
    posting_headline(job)      'Against Senior ML Engineer: 3 of 4 required shown, 1 of 2 preferred'
    split_gaps(gaps)           the top learn gaps (detailed), the other learn gaps, the show gaps
    requirement_groups(job)    the posting's requirements, required then preferred
    eligibility_rows(job)      years, degree, clearance, ... : met / not met / not stated

The HTML report (context.py), the Markdown, the terminal summary and the JSON all use these,
so every format says the same thing in the same order. Nothing here escapes: each
renderer escapes for its own medium.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gapcheck.records import Analysis, EligibilityCheck, Gap, JobGap, PostingRequirement
from gapcheck.report.display import file_name, humanize
from gapcheck.scoring.recommend import certification_tier
from gapcheck.support.text import one_line

# The learn gaps every format details (name, why, how); the rest are listed by name only.
DETAILED_GAPS = 10

_LEVEL_WORDS = {"entry": "entry level", "mid": "mid level", "senior": "senior"}
_ASKED = {"posting-required": "posting requires it", "posting-preferred": "posting prefers it"}
_DEGREE_NAMES = {
    "associate": "Associate degree",
    "bachelors": "Bachelor's degree",
    "masters": "Master's degree",
    "phd": "PhD",
}
ELIGIBILITY_LABELS = {"met": "Met", "not met": "Not met", "not stated": "Not stated"}
_ELIGIBILITY_TOKENS = {"met": "met", "not met": "not-met", "not stated": "not-stated"}


# --------------------------------------------------------------------------- level, target


def level_word(level: str) -> str:
    """'senior', 'mid level', 'entry level': the level as the sentence 'Judged as …' needs it."""
    return _LEVEL_WORDS.get(level, humanize(level).lower())


def level_sentence(analysis: Analysis) -> str:
    """'Judged as senior: 9 years of experience since 2016, staff title', or for a level
    given on the command line 'Judged as senior: level given with --level'."""
    choice = analysis.level
    if choice is None:  # an analysis built without a level choice (older callers)
        return f"Judged as {level_word(analysis.target.level)}"
    reason = one_line(choice.reason)
    prefix = f"{choice.level}:"
    if reason.lower().startswith(prefix):  # "senior: 9 years ..." -> "9 years ..."
        reason = reason[len(prefix) :].strip()
    if not choice.inferred and reason.lower().startswith("given"):
        reason = f"level {reason}"
    word = level_word(choice.level)
    return f"Judged as {word}: {reason}" if reason else f"Judged as {word}"


def posting_title(job: JobGap) -> str:
    """The posting's title, or its file name when the posting has no recognisable title."""
    return one_line(job.title) or file_name(job.source)


def against_text(analysis: Analysis) -> str:
    """What the resume is judged against: 'the Machine Learning Engineer role' and, with a
    posting, 'and the posting “Senior ML Engineer”' (with several, 'and 20 job postings')."""
    role = f"the {one_line(analysis.target.role_name)} role"
    if analysis.jobs:
        return f"{role} and {len(analysis.jobs)} job postings"
    if analysis.job is None:
        return role
    return f"{role} and the posting “{posting_title(analysis.job)}”"


# --------------------------------------------------------------------------- the posting


def posting_counts(job: JobGap) -> tuple[int, int, int, int]:
    """(required met, required total, preferred met, preferred total).

    The posting's requirement records count when there are any; a JobGap made without
    them (an older caller) is counted from its skill lists.
    """
    if job.requirements or job.required_total or job.preferred_total:
        return job.required_met, job.required_total, job.preferred_met, job.preferred_total
    required, preferred = len(job.required), len(job.preferred)
    return (
        required - len(job.missing_required),
        required,
        preferred - len(job.missing_preferred),
        preferred,
    )


def posting_counts_text(job: JobGap) -> str:
    """'3 of 4 required shown, 1 of 2 preferred' (a part with nothing asked is left out)."""
    required_met, required, preferred_met, preferred = posting_counts(job)
    parts = []
    if required:
        parts.append(f"{required_met} of {required} required shown")
    if preferred:
        parts.append(f"{preferred_met} of {preferred} preferred")
    return ", ".join(parts) or "no skill requirements recognised"


def posting_headline(job: JobGap) -> str:
    """'Against Senior ML Engineer: 3 of 4 required shown, 1 of 2 preferred'."""
    return f"Against {posting_title(job)}: {posting_counts_text(job)}"


@dataclass(frozen=True)
class RequirementRow:
    """One thing the posting asks for, in words."""

    names: str  # 'Python', or a group: "Bachelor's degree or Master's degree"
    level: str  # 'required' or 'preferred'
    met: bool
    met_by: str  # what meets a group (or a degree met by a higher one); '' otherwise
    line: int  # 1-based line of the posting
    text: str  # the clause that asks for it, on one line
    note: str  # 'an example of Machine learning', or ''


@dataclass(frozen=True)
class RequirementGroup:
    """The posting's required (or preferred) requirements: missing first, then shown."""

    level: str  # 'required' or 'preferred'
    title: str  # 'Required' or 'Preferred'
    met: int
    total: int
    missing: tuple[RequirementRow, ...]  # in posting order
    shown: tuple[RequirementRow, ...]  # in posting order


def _name_of(skill_id: str, requirement: PostingRequirement, names: dict[str, str]) -> str:
    own = dict(zip(requirement.ids, requirement.names, strict=False))
    if requirement.kind == "degree" and skill_id in _DEGREE_NAMES:
        return _DEGREE_NAMES[skill_id]
    return one_line(own.get(skill_id) or names.get(skill_id) or humanize(skill_id))


def requirement_row(requirement: PostingRequirement, names: dict[str, str]) -> RequirementRow:
    shown_names = " or ".join(_name_of(i, requirement, names) for i in requirement.ids)
    met_by = ""
    if (
        requirement.met
        and requirement.met_by
        and (len(requirement.ids) > 1 or requirement.met_by not in requirement.ids)
    ):
        met_by = _name_of(requirement.met_by, requirement, names)
    note = ""
    if requirement.example_of:
        broader = requirement.example_of
        note = f"an example of {one_line(names.get(broader) or humanize(broader))}"
    return RequirementRow(
        names=shown_names or one_line(requirement.text),
        level=requirement.level,
        met=requirement.met,
        met_by=met_by,
        line=requirement.line,
        text=one_line(requirement.text),
        note=note,
    )


def requirement_groups(job: JobGap, names: dict[str, str]) -> tuple[RequirementGroup, ...]:
    """Required, then preferred (each only if the posting asks for any), in posting order."""
    required_met, required, preferred_met, preferred = posting_counts(job)
    groups = []
    counts = (("required", required_met, required), ("preferred", preferred_met, preferred))
    for level, met, total in counts:
        rows = [requirement_row(r, names) for r in job.requirements if r.level == level]
        if not rows:
            continue
        groups.append(
            RequirementGroup(
                level=level,
                title=level.capitalize(),
                met=met,
                total=total,
                missing=tuple(r for r in rows if not r.met),
                shown=tuple(r for r in rows if r.met),
            )
        )
    return tuple(groups)


@dataclass(frozen=True)
class EligibilityRow:
    name: str  # 'US citizenship', '5+ years of Python'
    status: str  # 'met', 'not met', 'not stated'
    status_label: str  # 'Met', 'Not met', 'Not stated'
    token: str  # the status as a class name: 'met', 'not-met', 'not-stated' ('unknown')
    detail: str
    level: str  # 'required' or 'preferred'
    line: int
    text: str


def eligibility_row(check: EligibilityCheck) -> EligibilityRow:
    return EligibilityRow(
        name=one_line(check.name) or humanize(check.kind),
        status=check.status,
        status_label=ELIGIBILITY_LABELS.get(check.status, humanize(check.status)),
        token=_ELIGIBILITY_TOKENS.get(check.status, "unknown"),
        detail=one_line(check.detail),
        level=check.level,
        line=check.line,
        text=one_line(check.text),
    )


def eligibility_rows(job: JobGap) -> tuple[EligibilityRow, ...]:
    """The posting's eligibility checks, in posting order."""
    return tuple(eligibility_row(c) for c in job.eligibility)


# --------------------------------------------------------------------------- gaps


@dataclass(frozen=True)
class GapSplit:
    detailed: tuple[Gap, ...]  # the top DETAILED_GAPS learn gaps, by rank
    more: tuple[Gap, ...]  # the other learn gaps, by rank
    show: tuple[Gap, ...]  # skills the person evidently has but never names, by rank


def split_gaps(gaps: tuple[Gap, ...], detailed: int = DETAILED_GAPS) -> GapSplit:
    """The gaps by what to do about them. A show gap is never among the learn gaps."""
    ordered = sorted(gaps, key=lambda g: g.rank)
    learn = [g for g in ordered if g.action != "show"]
    return GapSplit(
        detailed=tuple(learn[:detailed]),
        more=tuple(learn[detailed:]),
        show=tuple(g for g in ordered if g.action == "show"),
    )


def asked_label(gap: Gap, labels: Mapping[str, str] | None = None) -> str:
    """'posting requires it', 'posting prefers it', or '' for a gap only the role asks for;
    against several postings, the gap's label in `labels` ('5 of 20 postings ask for it',
    gapcheck.report.fits.asked_labels) when it has one."""
    if labels and gap.skill_id in labels:
        return labels[gap.skill_id]
    return _ASKED.get(gap.source, "")


# --------------------------------------------------------------------------- certifications


def certification_level(level: str) -> str:
    """'Advanced (Professional)': the tier, and the taxonomy's own word when it differs."""
    text = one_line(level)
    tier = certification_tier(text) if text else "other"
    if tier == "other":
        return text or "Level not stated"
    if text.lower() == tier:
        return tier.capitalize()
    return f"{tier.capitalize()} ({text})"
