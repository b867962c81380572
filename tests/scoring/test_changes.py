"""compare(): what changed between two snapshots of one person, with made-up ids."""

from __future__ import annotations

from collections.abc import Iterable

from gapcheck.scoring.changes import Changes, Snapshot, compare


def snap(
    score: float = 50.0,
    shown: Iterable[str] = (),
    gaps: Iterable[str] = (),
    certs: Iterable[str] = (),
    key: str = "t1",
    version: str = "1.0",
) -> Snapshot:
    return Snapshot(
        score=score,
        shown=frozenset(shown),
        learn_gaps=tuple(gaps),
        certifications=tuple(certs),
        taxonomy_key=key,
        version=version,
    )


def test_skills_added_and_removed() -> None:
    old = snap(41.0, shown={"python", "excel"}, gaps=("sql", "docker", "git"))
    new = snap(55.5, shown={"python", "sql", "tableau"}, gaps=("docker", "git", "excel", "aws"))
    changes = compare(old, new)
    assert changes.score_delta == 14.5
    assert changes.newly_shown == ("sql", "tableau")
    assert changes.no_longer_shown == ("excel",)
    assert changes.gaps_closed == ("sql",)
    assert changes.gaps_opened == ("excel", "aws")  # the new gap order, not sorted
    assert changes.note == ""
    assert changes.any


def test_identical_snapshots_change_nothing() -> None:
    same = snap(60.0, shown={"a", "b"}, gaps=("c",), certs=("x",))
    changes = compare(same, same)
    assert changes == Changes(0.0, (), (), (), (), (), (), "")
    assert not changes.any


def test_score_delta_is_rounded_and_never_negative_zero() -> None:
    assert compare(snap(50.04), snap(50.0)).score_delta == 0.0
    assert str(compare(snap(50.04), snap(50.0)).score_delta) == "0.0"
    assert compare(snap(70.0), snap(62.5)).score_delta == -7.5


def test_certifications() -> None:
    changes = compare(snap(certs=("b", "a")), snap(certs=("c", "b", "d")))
    assert changes.certifications_added == ("c", "d")
    assert changes.certifications_dropped == ("a",)


def test_note_when_taxonomy_or_version_differ() -> None:
    assert compare(snap(key="t1"), snap(key="t2")).note.startswith(
        "The earlier analysis used a different taxonomy"
    )
    note = compare(snap(version="1.0"), snap(version="1.1")).note
    assert "gapcheck 1.0 (now 1.1)" in note
    both = compare(snap(key="a", version="1.0"), snap(key="b", version="1.1")).note
    assert "taxonomy and gapcheck" in both
    # unknown on either side: nothing to say
    assert compare(snap(key="", version=""), snap(key="b", version="2")).note == ""


def test_repeated_gap_ids_count_once() -> None:
    changes = compare(snap(gaps=("a", "a", "b")), snap(gaps=("c", "c")))
    assert changes.gaps_closed == ("a", "b")
    assert changes.gaps_opened == ("c",)


def test_pure_and_deterministic() -> None:
    old = snap(shown={"z", "m", "a"}, gaps=("q", "p"))
    new = snap(shown={"b", "y"}, gaps=("p", "r"))
    assert compare(old, new) == compare(old, new)
    assert compare(old, new).newly_shown == ("b", "y")
    assert compare(old, new).no_longer_shown == ("a", "m", "z")
