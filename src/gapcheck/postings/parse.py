"""Job postings as targets: which skills a posting requires, which it only prefers.

A posting's text is read line by line, each line in the context its heading sets
(`headings.py`: required, preferred, description or skipped), each line cut into clauses,
each clause into runs of skills with their own level (`items.py`): per item, not per line,
so "Python required, Scala a plus" asks for both at different levels. Skills named as
alternatives ("Java, Python or C++", "BS/MS/PhD", "one of ...") form a group: the group
counts once, and having any one of them meets it; examples after a broader skill ("computer
vision tasks such as object detection") are items of their own. What a candidate must be or
hold besides skills (years, degree, clearance, work authorization, certifications) is read
by `eligibility.py`. How much each skill weighs against a resume: `scoring/posting_gap.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from gapcheck.postings.eligibility import (
    DEGREE_IDS,
    ClauseView,
    line_eligibility,
    merge_eligibility,
    merge_option_lines,
)
from gapcheck.postings.headings import REQUIRED_PHRASE, classify_lines
from gapcheck.postings.items import Run, clause_runs
from gapcheck.records import Detection, EligibilityRequirement
from gapcheck.taxonomy.model import Skill, Taxonomy

# A function that finds the skills named in one piece of text.
SkillFinder = Callable[[str], Detection]

LEVEL_RANK = {"preferred": 0, "required": 1}

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
class PostingGroup:
    """One requirement as the posting states it: a skill, or alternatives any one of which
    meets it ("Java, Python or C++"; "BS/MS/PhD", met by a bachelor's or higher)."""

    ids: tuple[str, ...]
    level: str  # "required" or "preferred"
    line: int
    text: str
    kind: str = "skill"  # "degree" when every member is a degree
    example_of: str | None = None  # an example after "such as": the broader skill's id


@dataclass(frozen=True)
class Posting:
    source: str  # file name only
    title: str
    company: str
    skills: tuple[PostingSkill, ...]  # in order of first appearance
    requirements: tuple[PostingGroup, ...] = ()  # in order of first appearance
    eligibility: tuple[EligibilityRequirement, ...] = ()

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.skills if s.level == "required")

    @property
    def preferred(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.skills if s.level == "preferred")


@dataclass(frozen=True)
class _Ask:
    """One place a skill is asked for."""

    id: str
    level: str  # "required", "preferred", or "description" until the posting is read
    group: tuple[str, ...]
    line: int
    text: str
    example_of: str | None


# --------------------------------------------------------------------------- parsing

# A clause ends at ";", "!", "?" or ". " (a full stop after "e.g", "i.e", "etc", "vs" or a
# lone capital, as in "U.S. Government", does not end a sentence), but not before "or":
# "BS with 10 years; OR MS with 8 years" is one set of alternatives.
_CLAUSE_END = re.compile(
    r"(?<=[;!?])\s+(?![Oo][Rr]\b)"
    r"|(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\b[A-Z])\.\s+(?![Oo][Rr]\b)"
)


def parse_posting(text: str, source: str, taxonomy: Taxonomy, finder: SkillFinder) -> Posting:
    """Split a posting's text into required and preferred skills (pure, no I/O)."""
    title, company, lines = classify_lines(text)
    scored = {skill.id: skill for skill in taxonomy.skills if skill.scored}
    asks: list[_Ask] = []
    per_clause: list[list[EligibilityRequirement]] = []
    for line in lines:
        views: list[ClauseView] = []
        for clause in _clauses(line.text):
            if line.context == "skipped":  # only clearance and work authorization count here
                views.append(ClauseView(clause, (), Detection(skills=())))
                continue
            detection = finder(clause)
            runs = _degrees_together(
                clause_runs(clause, detection, scored, line.context, REQUIRED_PHRASE)
            )
            views.append(ClauseView(clause, tuple(runs), detection))
            asks += [
                _Ask(skill_id, run.level, group, line.number, clause, run.example_of)
                for run in runs
                for skill_id, group in run.groups()
            ]
        per_clause += line_eligibility(line.number, line.context, views, REQUIRED_PHRASE)
    eligibility, option_lines = merge_option_lines(per_clause)
    asks = _degree_options(asks, option_lines)
    # The introduction counts as preferred, unless nothing else says what is required.
    intro = "preferred" if any(ask.level == "required" for ask in asks) else "required"
    asks = [replace(ask, level=intro) if ask.level == "description" else ask for ask in asks]
    # Eligibility found in boilerplate was only kept where its own words demand it.
    levels = {"description": intro, "skipped": "required"}
    eligibility = [replace(e, level=levels.get(e.level, e.level)) for e in eligibility]
    return Posting(
        source=source,
        title=title,
        company=company,
        skills=_skills(asks, scored),
        requirements=_requirements(asks),
        eligibility=merge_eligibility(eligibility),
    )


def _clauses(line: str) -> list[str]:
    """A line cut into sentences and semicolon clauses (not after "e.g.", "i.e.", "etc.")."""
    return [part.strip() for part in _CLAUSE_END.split(line) if part.strip()]


def _degrees_together(runs: list[Run]) -> list[Run]:
    """Degrees one clause names at one level are alternatives ("BS in CS with 10 years or MS
    with 8"): a higher degree meets a lower requirement, so they form one group."""
    merged: list[Run] = []
    first: dict[str, int] = {}  # level -> index in `merged` of that level's degree run
    for run in runs:
        if not set(run.ids) <= DEGREE_IDS:
            merged.append(run)
            continue
        at = first.get(run.level)
        if at is None:
            first[run.level] = len(merged)
            merged.append(run)
            continue
        kept = merged[at]
        ids = tuple(dict.fromkeys((*kept.ids, *run.ids)))
        merged[at] = replace(kept, ids=ids, end=run.end, choice=True)
    return merged


def _degree_options(
    asks: list[_Ask], option_clauses: Sequence[frozenset[tuple[int, str]]]
) -> list[_Ask]:
    """Degrees in clauses that offer them as options ("BS with 8 years;" / "MS with 5
    years;") are one group of alternatives, like degrees named in one clause."""
    for clauses in option_clauses:

        def offered(ask: _Ask, clauses: frozenset[tuple[int, str]] = clauses) -> bool:
            return ask.id in DEGREE_IDS and (ask.line, ask.text) in clauses

        group = tuple(dict.fromkeys(a.id for a in asks if offered(a)))
        asks = [replace(a, group=group) if offered(a) else a for a in asks]
    return asks


def _skills(asks: Sequence[_Ask], scored: dict[str, Skill]) -> tuple[PostingSkill, ...]:
    skills: list[PostingSkill] = []
    for skill_id in dict.fromkeys(ask.id for ask in asks):  # first-appearance order
        mine = [ask for ask in asks if ask.id == skill_id]
        level = "required" if any(ask.level == "required" for ask in mine) else "preferred"
        # The most specific group defines the skill (a clause naming it alone beats a list).
        ask = min(
            (ask for ask in mine if ask.level == level), key=lambda a: (len(a.group), a.line)
        )
        name = scored[skill_id].name
        skills.append(PostingSkill(skill_id, name, level, ask.group, ask.line, ask.text))
    return tuple(skills)


def _requirements(asks: Sequence[_Ask]) -> tuple[PostingGroup, ...]:
    """One record per group asked for, at the highest level it is asked at. A group that
    another one at least as strong makes redundant is left out: when Python is required,
    "Python or Scala preferred" and "Docker preferred" after "containerization" (one skill
    in the taxonomy) ask for nothing more."""
    by_group: dict[frozenset[str], list[_Ask]] = {}
    for ask in asks:
        by_group.setdefault(frozenset(ask.group), []).append(ask)
    groups: list[PostingGroup] = []
    for members in by_group.values():
        level = max((ask.level for ask in members), key=LEVEL_RANK.__getitem__)
        first = next(ask for ask in members if ask.level == level)
        ids = first.group
        kind = "degree" if set(ids) <= DEGREE_IDS else "skill"
        groups.append(PostingGroup(ids, level, first.line, first.text, kind, first.example_of))
    return tuple(
        group
        for group in groups
        if not any(
            other is not group
            and set(other.ids) <= set(group.ids)
            and LEVEL_RANK[other.level] >= LEVEL_RANK[group.level]
            and (set(other.ids) != set(group.ids) or other.level != group.level)
            for other in groups
        )
    )
