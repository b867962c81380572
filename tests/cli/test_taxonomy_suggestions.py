"""`gapcheck taxonomy show SKILL` suggests the skills a misspelled SKILL may mean
(gapcheck.cli.taxonomy.suggest_skills), closest first, in a fixed order."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from gapcheck.cli.taxonomy import find_skill, suggest_skills
from gapcheck.errors import UsageError
from gapcheck.taxonomy.loading import load_taxonomy
from gapcheck.taxonomy.model import Skill, Taxonomy

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini_taxonomy.yaml"


def _made_up(*skills: tuple[str, str, tuple[str, ...]]) -> Taxonomy:
    """The small test taxonomy with its skills replaced by made-up ones."""
    base = load_taxonomy(FIXTURE)
    category, stage = next(iter(base.categories)), next(iter(base.stages))
    made = tuple(
        Skill(id=id_, name=name, category=category, stage=stage, aliases=aliases)
        for id_, name, aliases in skills
    )
    return dataclasses.replace(base, skills=made)


TAXONOMY = _made_up(
    ("zorblax", "Zorblax", ("zbx",)),
    ("quintar_mesh", "Quintar mesh", ("qmesh",)),
    ("velloran", "Velloran framework", ("vellora",)),
    ("tessilite", "Tessilite", ()),
    ("tessiline", "Tessiline", ()),
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("zorblx", "zorblax"),  # by id
        ("Quintar mesch", "quintar_mesh"),  # by name, any case
        ("quintar-mesh", "quintar_mesh"),  # by id with another separator
        ("velora", "velloran"),  # by alias
    ],
)
def test_a_misspelling_suggests_the_skill(typed: str, meant: str) -> None:
    key = " ".join(typed.casefold().split())
    assert [skill.id for skill in suggest_skills(TAXONOMY, key)] == [meant]


def test_ties_come_in_id_order_whatever_the_taxonomy_order() -> None:
    reversed_order = dataclasses.replace(TAXONOMY, skills=TAXONOMY.skills[::-1])
    for taxonomy in (TAXONOMY, reversed_order):
        assert [s.id for s in suggest_skills(taxonomy, "tessilie")] == ["tessiline", "tessilite"]


def test_nothing_close_suggests_nothing() -> None:
    assert suggest_skills(TAXONOMY, "abcdefg") == []


def test_a_fragment_suggests_the_skills_containing_it() -> None:
    assert [s.id for s in suggest_skills(TAXONOMY, "mesh")] == ["quintar_mesh"]


def test_the_error_is_one_line_with_the_suggestions() -> None:
    with pytest.raises(UsageError) as caught:
        find_skill(TAXONOMY, "tessilie")
    assert caught.value.message == (
        "tessilie: no skill with this id, name or alias; did you mean 'tessiline' (Tessiline) "
        "or 'tessilite' (Tessilite)? run 'gapcheck taxonomy show' for the list"
    )


def test_the_command_suggests_in_the_role_style(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gapcheck", "taxonomy", "show", "pytorh"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "gapcheck: error: pytorh: no skill with this id, name or alias; "
        "did you mean 'pytorch' (PyTorch)? run 'gapcheck taxonomy show' for the list"
    ]
