"""taxonomy/evidence.yaml: the relations from degrees, positions and papers to the skills
they show (gapcheck.detection.evidence_rules): their ids, their checks, a coach's own file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gapcheck.detection.background import read_background
from gapcheck.detection.evidence_rules import EVIDENCE_FILE, load_rules, parse_rules
from gapcheck.records import Detection
from gapcheck.support.resources import taxonomy_dir
from tests.support.detect_helpers import builtin_taxonomy, section


def test_every_skill_in_evidence_yaml_is_in_the_builtin_taxonomy() -> None:
    ids = {skill.id for skill in builtin_taxonomy().skills}
    missing = load_rules().skill_ids() - ids
    assert not missing, f"{EVIDENCE_FILE} names unknown skills: {sorted(missing)}"


def test_evidence_yaml_ships_in_the_taxonomy_folder() -> None:
    assert (taxonomy_dir() / EVIDENCE_FILE).is_file()
    assert load_rules().degrees and load_rules().positions and load_rules().publications


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"degrees": [{"id": "x", "field": "(", "shows": []}]}, "entry 1 (x), field 'field'"),
        ({"degrees": [{"id": "x", "field": "a", "shows": [], "typo": 1}]}, "unknown field 'typo'"),
        ({"degrees": [{"id": "x", "field": "a", "min_level": "bsc", "shows": []}]}, "min_level"),
        ({"positions": [{"id": "x"}]}, "needs 'id' and 'shows'"),
        ({"publications": [{"id": "x", "shows": []}]}, "field 'words' is required"),
    ],
)  # fmt: skip
def test_malformed_relations_name_the_entry(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_rules(data)


def test_a_coach_may_pass_relations_of_their_own(tmp_path: Path) -> None:
    own = tmp_path / "evidence.yaml"
    rules = {"degrees": [{"id": "music", "field": "music", "shows": ["communication"]}]}
    own.write_text(yaml.safe_dump(rules), encoding="utf-8")
    bg = read_background(
        [section("education", "BA in Music, 2015")],
        Detection(skills=()),
        builtin_taxonomy(),
        "2026-11-21",
        rules=load_rules(own),
    )
    assert {s.skill_id: s.because for s in bg.shown} == {"communication": "BA in Music (2015)"}
