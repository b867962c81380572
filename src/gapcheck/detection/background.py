"""What a resume shows about the person beyond skill names: their background.

    read_background(sections, detection, taxonomy, today) -> Background

- degrees (gapcheck.detection.degrees): from the education sections, with field, year
  and whether still in progress;
- positions (gapcheck.detection.positions): dated entries of the experience and research
  sections, with title kinds (ml, data, research, software, lead, intern);
- years_experience: professional years, internships and student roles left out,
  overlapping ranges counted once, none before the first bachelor's degree was finished;
- publications (gapcheck.detection.publications): entries of a publications section, or
  lines citing a paper;
- shown (gapcheck.detection.evidence_rules): skills evidently had without being named,
  through the relations of taxonomy/evidence.yaml, each with its reason and evidence line.

`today` (ISO date) stands for "present" and decides whether a degree is still in
progress; nothing here reads the clock. The level an analysis uses follows from the
background in gapcheck.scoring.level.
"""

from __future__ import annotations

from collections.abc import Sequence

from gapcheck.detection.dates import parse_today
from gapcheck.detection.degrees import find_degrees
from gapcheck.detection.evidence_rules import EvidenceRules, shown_by_evidence
from gapcheck.detection.positions import find_positions, professional_years
from gapcheck.detection.publications import publication_entries
from gapcheck.records import Background, Detection, Section
from gapcheck.taxonomy.model import Taxonomy

# Only a resume is the person's own account; a portfolio's "experience" describes projects.
_OWN_ROLES = ("resume",)


def read_background(
    sections: Sequence[Section],
    detection: Detection,
    taxonomy: Taxonomy,
    today: str,
    *,
    rules: EvidenceRules | None = None,
) -> Background:
    """The person's degrees, positions, years of work, publications and the skills they
    evidently have; `rules` replaces taxonomy/evidence.yaml (tests, a coach's file)."""
    month = parse_today(today)
    own = [s for s in sections if s.document_role in _OWN_ROLES]
    degrees = find_degrees(own, month)
    positions = find_positions(own, month)
    publications = publication_entries(own)
    years, _ = professional_years(positions, degrees)
    shown = shown_by_evidence(degrees, positions, publications, detection, taxonomy, rules)
    return Background(
        degrees=tuple(degrees),
        positions=tuple(positions),
        publications=len(publications),
        years_experience=round(years, 2),
        shown=shown,
    )
