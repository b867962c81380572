"""Small view builders shared by the HTML context and the text formats.

anchor(prefix, id)     a valid, markup-free HTML id for a taxonomy id
css_token(word)        a word safe to use in a class name
SkillNames(analysis)   display names for skill, category and stage ids
evidence_view(item)    an evidence line split for highlighting, with where it is
cautions(analysis)     reasons to distrust the result, shown above the gaps in every format
all_warnings(analysis) the run's and the documents' warnings, each once
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from gapcheck.records import Analysis, Evidence
from gapcheck.report.display import (
    file_name,
    highlight,
    humanize,
    method_text,
    strength_label,
    years_text,
)
from gapcheck.report.views import EvidenceView
from gapcheck.support.text import one_line, percent

# When the reader's output deserves doubt, the report says so at the top.
UNREADABLE_CAUTION = 0.05  # share of characters that could not be mapped to text
FEW_CHARACTERS = 400  # a resume with less text than this was probably not read fully

_NOT_ID = re.compile(r"[^a-z0-9_-]+")


def portfolio_only_names(analysis: Analysis) -> tuple[str, ...]:
    """Skills named only in portfolio material, in the report's skill order."""
    return tuple(s.name for s in analysis.detection.skills if s.explicit and s.portfolio_only)


# Ids come from the taxonomy (a few hundred), and a report asks for each more than once
# (gap table, learning path, skill list): the bound only keeps a batch's memory flat.
@lru_cache(maxsize=4096)
def anchor(prefix: str, identifier: str) -> str:
    """An HTML id that is always valid and never carries markup: 'skill-deep_learning'.

    An id that had to be cleaned gets a short digest of the original, so two ids that
    clean to the same word ('c++' and 'c#') still get different anchors.
    """
    cleaned = _NOT_ID.sub("-", identifier.lower()).strip("-") or "x"
    if cleaned != identifier:
        cleaned += "-" + hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:6]
    return f"{prefix}-{cleaned}"


def css_token(word: str) -> str:
    """A word safe to use in a class name: 'active-unverified' stays, anything odd goes."""
    return _NOT_ID.sub("", word.lower()) or "unknown"


class SkillNames:
    """Display names for skill, category and stage ids, from the analysis itself."""

    def __init__(self, analysis: Analysis) -> None:
        self.skills: dict[str, str] = {}
        for item in analysis.score.items:
            self.skills[item.skill_id] = item.name
        for gap in analysis.gaps:
            self.skills[gap.skill_id] = gap.name
        for skill in analysis.detection.skills:
            self.skills[skill.id] = skill.name
        self.categories = {c.category: c.name for c in analysis.score.categories}
        self.stages = {step.stage: step.stage_name for step in analysis.learning_path}

    def skill(self, skill_id: str) -> str:
        return self.skills.get(skill_id) or humanize(skill_id)

    def category(self, category_id: str) -> str:
        return self.categories.get(category_id) or humanize(category_id)

    def stage(self, stage_id: str) -> str:
        return self.stages.get(stage_id) or humanize(stage_id)


def evidence_view(item: Evidence, names: SkillNames) -> EvidenceView:
    before, matched, after = highlight(item)
    return EvidenceView(
        before=before,
        matched=matched,
        after=after,
        document=file_name(item.document),
        page=item.page,
        line=item.line,
        section=humanize(item.section),
        heading=one_line(item.heading),
        method=method_text(item, names.skills),
        strength=f"{strength_label(item.strength)} ({item.strength:.1f})",
        years=years_text(item.years),
    )


def cautions(analysis: Analysis) -> tuple[str, ...]:
    """Reasons to distrust the result, in plain words, shown above the gaps."""
    notes: list[str] = []
    for doc in analysis.documents:
        diag, name = doc.diagnostics, file_name(doc.source)
        if diag.unreadable_share >= UNREADABLE_CAUTION:
            notes.append(
                f"{percent(diag.unreadable_share)} of the text in {name} could not be read, "
                "so skills written there may be missing from this report."
            )
        if doc.role == "resume" and diag.characters < FEW_CHARACTERS:
            notes.append(
                f"Only {diag.characters} characters were read from {name}; if the resume is "
                "longer, export it again as a PDF with selectable text."
            )
    count = len(all_warnings(analysis))
    if count:
        notes.append(
            f"The reader reported {count} warning{'s' if count != 1 else ''}; see Diagnostics."
        )
    return tuple(notes)


def all_warnings(analysis: Analysis) -> tuple[str, ...]:
    """The run's warnings, then each document's, each once, in order of first appearance."""
    every = (*analysis.warnings, *(w for d in analysis.documents for w in d.diagnostics.warnings))
    return tuple(dict.fromkeys(one_line(w) for w in every))
