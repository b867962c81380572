"""What changed for one person between two analyses: the score, the skills, the gaps.

    from gapcheck.scoring.changes import Snapshot, compare
    old = Snapshot(score=41.0, shown=frozenset({"python"}), learn_gaps=("docker", "sql"))
    new = Snapshot(score=55.5, shown=frozenset({"python", "sql"}), learn_gaps=("docker", "git"))
    changes = compare(old, new)
    changes.score_delta        # 14.5
    changes.newly_shown        # ("sql",)        skill ids, sorted
    changes.gaps_closed        # ("sql",)        in the old gap order
    changes.gaps_opened        # ("git",)        in the new gap order

A `Snapshot` is the little an analysis has to keep so a later one can be compared with it
(the batch keeps it per person; `gapcheck resume.pdf --since old.json` reads it back from
a JSON result). `compare` is pure and deterministic: ids sorted, gaps in their gap order.

When the two analyses used different taxonomies or gapcheck versions, the comparison is
still made (ids are stable across versions) but `note` says so, because part of the
change may come from gapcheck rather than from the resume.

    snapshot_of_analysis(analysis)   the snapshot of a finished analysis
    snapshot_of_report(previous)     ... of an earlier JSON report read back (--since)

Both keep the certifications suggested too (`picks`, best first); `compare` says which
picks were added or dropped (`picks_added`, `picks_dropped`, sorted ids).
"""

from __future__ import annotations

from dataclasses import dataclass

from gapcheck.records import Analysis, PreviousReport
from gapcheck.taxonomy.model import taxonomy_key


@dataclass(frozen=True)
class Snapshot:
    """What one analysis keeps to be compared with a later one."""

    score: float
    shown: frozenset[str] = frozenset()  # skill ids the resume shows
    learn_gaps: tuple[str, ...] = ()  # skill ids of the gaps to learn, in gap order
    certifications: tuple[str, ...] = ()  # ids of the certifications held
    taxonomy_key: str = ""  # the taxonomy's content key ("" when not known)
    version: str = ""  # gapcheck's version ("" when not known)
    picks: tuple[str, ...] = ()  # ids of the certifications suggested, best first


@dataclass(frozen=True)
class Changes:
    """The difference between an old and a new analysis of one person."""

    score_delta: float  # new score - old score, rounded to 0.1
    newly_shown: tuple[str, ...]  # shown now, not before (sorted ids)
    no_longer_shown: tuple[str, ...]  # shown before, not now (sorted ids)
    gaps_closed: tuple[str, ...]  # gaps before, not now (the old gap order)
    gaps_opened: tuple[str, ...]  # gaps now, not before (the new gap order)
    certifications_added: tuple[str, ...]  # sorted ids
    certifications_dropped: tuple[str, ...]  # sorted ids
    note: str = ""  # "" or a sentence: the two analyses were made differently
    picks_added: tuple[str, ...] = ()  # certifications suggested now, not before (sorted ids)
    picks_dropped: tuple[str, ...] = ()  # suggested before, not now (sorted ids)

    @property
    def any(self) -> bool:
        """Whether anything changed (a note alone is no change)."""
        return bool(
            self.score_delta
            or self.newly_shown
            or self.no_longer_shown
            or self.gaps_closed
            or self.gaps_opened
            or self.certifications_added
            or self.certifications_dropped
            or self.picks_added
            or self.picks_dropped
        )


def _note(old: Snapshot, new: Snapshot) -> str:
    differs = []
    if old.taxonomy_key and new.taxonomy_key and old.taxonomy_key != new.taxonomy_key:
        differs.append("a different taxonomy")
    if old.version and new.version and old.version != new.version:
        differs.append(f"gapcheck {old.version} (now {new.version})")
    if not differs:
        return ""
    return (
        "The earlier analysis used "
        + " and ".join(differs)
        + ", so part of the change may come from gapcheck, not the resume."
    )


def _unique(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def compare(old: Snapshot, new: Snapshot) -> Changes:
    """What changed from `old` to `new` (see the module docstring)."""
    old_gaps, new_gaps = _unique(old.learn_gaps), _unique(new.learn_gaps)
    old_certs, new_certs = set(old.certifications), set(new.certifications)
    return Changes(
        score_delta=round(new.score - old.score, 1) + 0.0,  # + 0.0: never -0.0
        newly_shown=tuple(sorted(new.shown - old.shown)),
        no_longer_shown=tuple(sorted(old.shown - new.shown)),
        gaps_closed=tuple(g for g in old_gaps if g not in set(new_gaps)),
        gaps_opened=tuple(g for g in new_gaps if g not in set(old_gaps)),
        certifications_added=tuple(sorted(new_certs - old_certs)),
        certifications_dropped=tuple(sorted(old_certs - new_certs)),
        note=_note(old, new),
        picks_added=tuple(sorted(set(new.picks) - set(old.picks))),
        picks_dropped=tuple(sorted(set(old.picks) - set(new.picks))),
    )


def snapshot_of_analysis(analysis: Analysis) -> Snapshot:
    """What a later analysis compares with: the skills the resume names (not those only
    implied), the gaps to learn in rank order, the certifications held and suggested."""
    return Snapshot(
        score=analysis.score.value,
        shown=frozenset(s.id for s in analysis.detection.skills if s.explicit),
        learn_gaps=tuple(g.skill_id for g in analysis.gaps if g.action == "learn"),
        certifications=tuple(c.id for c in analysis.detection.certifications),
        taxonomy_key=taxonomy_key(analysis.taxonomy_version, analysis.taxonomy_as_of),
        version=analysis.gapcheck_version,
        picks=tuple(c.id for c in analysis.certifications),
    )


def snapshot_of_report(previous: PreviousReport) -> Snapshot:
    """The snapshot of an earlier report, read back from its JSON."""
    return Snapshot(
        score=previous.score,
        shown=previous.shown,
        learn_gaps=previous.learn_gaps,
        certifications=previous.certifications,
        taxonomy_key=previous.taxonomy_key,
        version=previous.gapcheck_version,
        picks=previous.picks,
    )
