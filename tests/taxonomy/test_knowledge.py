"""The one owner of per-taxonomy state: keyed by content, shared by equal taxonomies."""

from __future__ import annotations

import dataclasses
import pickle

from gapcheck.detection.detector import get_detector
from gapcheck.records import Line, Section
from gapcheck.taxonomy.knowledge import knowledge_for, role_weights
from gapcheck.taxonomy.loading import load_taxonomy
from tests.support.detect_helpers import FIXTURES


def skills_section(text: str) -> list[Section]:
    line = Line(text=text, page=1, number=1)
    return [Section(kind="skills", heading="Skills", lines=(line,), document="cv.txt")]


def test_a_modified_taxonomy_gets_its_own_detector() -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    without_pytorch = dataclasses.replace(
        taxonomy, skills=tuple(s for s in taxonomy.skills if s.id != "pytorch")
    )
    assert without_pytorch.digest == taxonomy.digest  # the file digest cannot tell them apart
    assert get_detector(without_pytorch) is not get_detector(taxonomy)
    found = {s.id for s in get_detector(without_pytorch).detect(skills_section("PyTorch")).skills}
    assert "pytorch" not in found
    original = get_detector(taxonomy).detect(skills_section("PyTorch"))
    assert "pytorch" in {s.id for s in original.skills}


def test_equal_content_shares_one_owner_even_after_pickling() -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    # What a worker on a cluster receives (our own bytes, so unpickling them is safe).
    shipped = pickle.loads(pickle.dumps(taxonomy))  # noqa: S301
    assert shipped is not taxonomy
    assert knowledge_for(shipped) is knowledge_for(taxonomy)
    assert get_detector(shipped) is get_detector(taxonomy)


def test_derived_answers_are_per_owner_and_copies_are_the_callers() -> None:
    taxonomy = load_taxonomy(FIXTURES / "mini_taxonomy.yaml")
    role = taxonomy.roles[0].id
    weights = role_weights(taxonomy, role, "mid")
    weights.clear()  # a caller's copy: the owner's answer is untouched
    assert role_weights(taxonomy, role, "mid")
    calls: list[int] = []
    owner = knowledge_for(taxonomy)
    assert owner.derived("x", (1,), lambda: calls.append(1) or 7) == 7
    assert owner.derived("x", (1,), lambda: calls.append(1) or 8) == 7
    assert calls == [1]
