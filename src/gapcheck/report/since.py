"""What changed since an earlier report (`--since OLD.json`), in words every format shows.

    changes_of(analysis)    gapcheck.scoring.changes.Changes, or None without --since
    notes_of(analysis)      why to read the comparison with care: another taxonomy or
                            gapcheck version, another level, another posting
    changes_view(analysis)  the names, the score line and the notes, for every format
    changes_dict(analysis)  the same for the JSON report (its `changes` key)

The comparison itself is gapcheck.scoring.changes (pure); this module only names the ids
(the earlier report's own names for what it alone had) and words the result. Nothing here
escapes: each renderer escapes for its own medium.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gapcheck.records import Analysis, PreviousReport
from gapcheck.report.advice import level_word
from gapcheck.report.display import file_name, humanize
from gapcheck.scoring.changes import Changes, compare, snapshot_of_analysis, snapshot_of_report
from gapcheck.support.text import number, one_line


@dataclass(frozen=True)
class ChangesView:
    since: str  # '2026-11-01 (old.json)'
    score_line: str  # 'Score 55 → 58.2 (+3.2)'
    newly_shown: tuple[str, ...]  # names
    no_longer_shown: tuple[str, ...]
    gaps_closed: tuple[str, ...]
    gaps_opened: tuple[str, ...]
    certifications_added: tuple[str, ...]  # held
    certifications_dropped: tuple[str, ...]
    picks_added: tuple[str, ...]  # certifications suggested
    picks_dropped: tuple[str, ...]
    notes: tuple[str, ...]  # read with care: the two reports were made differently
    changed: bool  # anything besides the notes

    def rows(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(label, names) for each kind of change there is, in a fixed order."""
        rows = (
            ("Newly shown", self.newly_shown),
            ("No longer shown", self.no_longer_shown),
            ("Gaps closed", self.gaps_closed),
            ("Gaps opened", self.gaps_opened),
            ("Certifications now held", self.certifications_added),
            ("Certifications no longer listed", self.certifications_dropped),
            ("Certifications now suggested", self.picks_added),
            ("Certifications no longer suggested", self.picks_dropped),
        )
        return tuple((label, names) for label, names in rows if names)


def changes_of(analysis: Analysis) -> Changes | None:
    if analysis.since is None:
        return None
    return compare(snapshot_of_report(analysis.since), snapshot_of_analysis(analysis))


def _target_words(job: str | None) -> str:
    return f"“{file_name(job)}”" if job and not job.endswith(" postings") else job or "the role"


def notes_of(analysis: Analysis, changes: Changes) -> tuple[str, ...]:
    """The comparison's own note (taxonomy, version), then a different level or target."""
    previous: PreviousReport | None = analysis.since
    if previous is None:
        return ()
    notes = [changes.note] if changes.note else []
    if previous.level != analysis.target.level:
        notes.append(
            f"The earlier report judged the resume as {level_word(previous.level)} "
            f"(now {level_word(analysis.target.level)}), which weighs skills "
            "differently: part of the score change comes from that."
        )
    now = f"{len(analysis.jobs)} postings" if analysis.jobs else (analysis.target.job or None)
    if (previous.job or None) != now:
        notes.append(
            f"The earlier report was made against {_target_words(previous.job)} (now "
            f"{_target_words(now)}), so its gaps were ranked for another target."
        )
    return tuple(notes)


def _names(analysis: Analysis, previous: PreviousReport) -> tuple[dict[str, str], dict[str, str]]:
    """Display names by id: the earlier report's own, and this analysis's."""
    now = {item.skill_id: item.name for item in analysis.score.items}
    now.update((g.skill_id, g.name) for g in analysis.gaps)
    now.update((s.id, s.name) for s in analysis.detection.skills)
    now.update((c.id, c.name) for c in analysis.certifications)
    now.update((c.id, c.name) for c in analysis.detection.certifications)
    return dict(previous.names), now


def changes_view(analysis: Analysis) -> ChangesView | None:
    changes = changes_of(analysis)
    previous = analysis.since
    if changes is None or previous is None:
        return None
    before, now = _names(analysis, previous)

    def old(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(one_line(before.get(i) or now.get(i) or humanize(i)) for i in ids)

    def new(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(one_line(now.get(i) or before.get(i) or humanize(i)) for i in ids)

    delta = changes.score_delta
    moved = "no change" if delta == 0 else f"{'+' if delta > 0 else ''}{number(delta)}"
    return ChangesView(
        since=f"{one_line(previous.generated_on)} ({file_name(previous.source)})",
        score_line=f"Score {number(previous.score)} → {number(analysis.score.value)} ({moved})",
        newly_shown=new(changes.newly_shown),
        no_longer_shown=old(changes.no_longer_shown),
        gaps_closed=old(changes.gaps_closed),
        gaps_opened=new(changes.gaps_opened),
        certifications_added=new(changes.certifications_added),
        certifications_dropped=old(changes.certifications_dropped),
        picks_added=new(changes.picks_added),
        picks_dropped=old(changes.picks_dropped),
        notes=notes_of(analysis, changes),
        changed=changes.any,
    )


def changes_dict(analysis: Analysis) -> dict[str, Any] | None:
    """The JSON report's `changes` (docs/json-schema.md): ids with names, and the notes."""
    changes, previous = changes_of(analysis), analysis.since
    if changes is None or previous is None:
        return None
    before, now = _names(analysis, previous)

    def named(ids: tuple[str, ...], first: dict[str, str], then: dict[str, str]) -> list[Any]:
        return [{"id": i, "name": first.get(i) or then.get(i) or i} for i in ids]

    return {
        "since": {
            "source": file_name(previous.source),
            "generated_on": previous.generated_on,
            "gapcheck_version": previous.gapcheck_version,
            "taxonomy": previous.taxonomy_key,
            "level": previous.level,
            "job": previous.job,
            "score": previous.score,
        },
        "score_delta": changes.score_delta,
        "newly_shown": named(changes.newly_shown, now, before),
        "no_longer_shown": named(changes.no_longer_shown, before, now),
        "gaps_closed": named(changes.gaps_closed, before, now),
        "gaps_opened": named(changes.gaps_opened, now, before),
        "certifications_added": named(changes.certifications_added, now, before),
        "certifications_dropped": named(changes.certifications_dropped, before, now),
        "picks_added": named(changes.picks_added, now, before),
        "picks_dropped": named(changes.picks_dropped, before, now),
        "notes": list(notes_of(analysis, changes)),
    }
