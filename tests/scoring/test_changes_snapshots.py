"""Snapshots of an analysis and of an earlier report, and the certification picks compared."""

from __future__ import annotations

from gapcheck.records import PreviousReport
from gapcheck.scoring.changes import (
    Snapshot,
    compare,
    snapshot_of_analysis,
    snapshot_of_report,
)
from tests.support.sample_analysis import strong_candidate


def test_an_analysis_keeps_named_skills_learn_gaps_and_both_kinds_of_certification() -> None:
    analysis = strong_candidate()
    snap = snapshot_of_analysis(analysis)
    assert snap.score == analysis.score.value
    assert snap.shown == {s.id for s in analysis.detection.skills if s.explicit}
    assert "deep_learning" not in snap.shown  # only implied by PyTorch
    assert snap.learn_gaps == tuple(g.skill_id for g in analysis.gaps if g.action == "learn")
    assert snap.certifications == tuple(c.id for c in analysis.detection.certifications)
    assert snap.picks == tuple(c.id for c in analysis.certifications)
    assert snap.taxonomy_key == f"{analysis.taxonomy_version} ({analysis.taxonomy_as_of})"
    assert snap.version == analysis.gapcheck_version


def test_a_report_read_back_is_the_same_snapshot() -> None:
    previous = PreviousReport(
        source="old.json",
        generated_on="2026-11-01",
        gapcheck_version="0.1.0",
        taxonomy_key="t (2026-01-01)",
        role="ml-engineer",
        level="mid",
        job=None,
        score=40.0,
        shown=frozenset({"python"}),
        learn_gaps=("sql",),
        certifications=("aws-mla",),
        picks=("gcp-pmle", "aws-mla-2"),
    )
    assert snapshot_of_report(previous) == Snapshot(
        40.0,
        frozenset({"python"}),
        ("sql",),
        ("aws-mla",),
        "t (2026-01-01)",
        "0.1.0",
        ("gcp-pmle", "aws-mla-2"),
    )


def test_certification_picks_added_and_dropped_are_a_change() -> None:
    old = Snapshot(50.0, picks=("b", "a"))
    new = Snapshot(50.0, picks=("c", "a"))
    changes = compare(old, new)
    assert (changes.picks_added, changes.picks_dropped) == (("c",), ("b",))
    assert changes.any
    assert not compare(old, Snapshot(50.0, picks=("a", "b"))).any  # the order alone is none
