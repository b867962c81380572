"""`gapcheck profile build`: postings -> skill frequencies -> a target role extension."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gapcheck.authoring.profile import (
    MIN_FREQUENCY,
    WEIGHT_SCALE,
    Profile,
    build_profile,
    profile_yaml,
    slug,
)
from gapcheck.errors import InputError, UsageError
from gapcheck.postings.parse import parse_posting
from gapcheck.reading.inputs import posting_files
from gapcheck.records import Target
from gapcheck.scoring.gaps import rank_gaps
from gapcheck.scoring.score import score
from gapcheck.taxonomy.extension import merge_extension
from gapcheck.taxonomy.knowledge import role_weights
from gapcheck.taxonomy.model import Taxonomy
from gapcheck.taxonomy.parsing import parse
from tests.support.gap_helpers import FIXTURES, detection, mini_taxonomy, name_finder

TAX = mini_taxonomy()
FIND = name_finder(TAX)

POSTINGS = {
    "a.txt": "Job A\n\nRequirements:\n- Python\n- Docker\n\nNice to have:\n- Kubernetes\n",
    "b.txt": "Job B\n\nRequirements:\n- Python\n- Machine learning\n\nBonus:\n- Docker\n",
    "c.txt": "Job C\n\nRequirements:\n- Python and PyTorch\n- Golang services\n",
    "d.txt": "Job D\n\nRequirements:\n- Python\n",
    "e.txt": "Job E\n\nRequirements:\n- Python\n",
    "f.txt": "Job F\n\nRequirements:\n- Python\n",
    "g.txt": "Job G\n\nRequirements:\n- Python\n",
    "h.txt": "Job H\n\nRequirements:\n- Python\n",
    "i.txt": "Job I\n\nRequirements:\n- Python\n",
    "j.txt": "Job J\n\nRequirements:\n- Python\n\nPreferred:\n- AWS\n",
}


def _profile(names: tuple[str, ...] = tuple(POSTINGS)) -> Profile:
    postings = [parse_posting(POSTINGS[n], n, TAX, FIND) for n in names]
    return build_profile(postings, TAX, role_id="team-ml", name="Team ML engineer")


def _extended(profile_text: str) -> Taxonomy:
    """The mini taxonomy extended by the profile, merged the way the loader merges files."""
    extension: dict[str, Any] = yaml.safe_load(profile_text)
    base: dict[str, Any] = yaml.safe_load((FIXTURES / "mini_taxonomy.yaml").read_text())
    return parse(merge_extension(base, extension, source="team.yaml"), source="test", digest="")


def test_frequencies_count_required_fully_and_preferred_by_half() -> None:
    profile = _profile()
    freq = {s.id: s for s in profile.skills}
    assert freq["python"].frequency == 1.0
    assert (freq["docker"].required, freq["docker"].preferred) == (1, 1)
    assert freq["docker"].frequency == pytest.approx(0.15)
    assert freq["docker"].weight == pytest.approx(WEIGHT_SCALE * 0.15)
    assert freq["machine_learning"].frequency == pytest.approx(0.1)
    # Heaviest first, then by id.
    assert [s.id for s in profile.skills] == [
        "python",
        "docker",
        "go",
        "machine_learning",
        "pytorch",
    ]
    # Preferred by one posting in ten: below MIN_FREQUENCY.
    assert {s.id for s in profile.rare} == {"kubernetes", "aws"}
    assert all(s.frequency < MIN_FREQUENCY for s in profile.rare)
    # Go is asked for, but no guide names it: the postings will be its guide.
    assert profile.no_guide == ("go",)
    assert profile.sources == tuple(sorted(POSTINGS))


def test_profile_yaml_is_an_extension_whose_role_reproduces_the_frequency_weights() -> None:
    profile = _profile()
    text = profile_yaml(profile, TAX)
    data = yaml.safe_load(text)
    assert data["extends"] == "builtin"
    assert data["version"] == "profile-team-ml"
    assert data["guides"][0]["id"] == "team-ml-postings"
    assert data["extend_skills"] == [
        {"id": "go", "provenance": {"team-ml-postings": {"mentions": 1, "emphasis": "named"}}}
    ]
    (role,) = data["roles"]
    assert (role["id"], role["name"]) == ("team-ml", "Team ML engineer")
    taxonomy = _extended(text)
    weights = role_weights(taxonomy, "team-ml", "mid")
    assert weights == pytest.approx({s.id: s.weight for s in profile.skills}, abs=1e-3)
    # The same weights at every level: postings already say what level they hire for.
    assert role_weights(taxonomy, "team-ml", "senior") == weights
    assert weights["go"] == pytest.approx(1.2, abs=1e-3)  # weighed through the postings' guide
    assert taxonomy.version == "test-1+profile-team-ml"


def test_the_profile_role_works_as_a_target() -> None:
    taxonomy = _extended(profile_yaml(_profile(), TAX))
    target = Target(role="team-ml", role_name="Team ML engineer", level="mid")
    resume = detection(taxonomy, "python", "docker")
    result = score(resume, taxonomy, target)
    weights = role_weights(taxonomy, "team-ml", "mid")
    # By hand (docs/scoring.md): each category counts as covered at coverage_target.
    earned: dict[str, float] = {}
    possible: dict[str, float] = {}
    for skill_id, weight in weights.items():
        category = taxonomy.skill(skill_id).category
        possible[category] = possible.get(category, 0.0) + weight
        if skill_id in ("python", "docker"):
            earned[category] = earned.get(category, 0.0) + weight
    target_share = result.coverage_target
    covered = sum(min(earned.get(c, 0.0), target_share * p) for c, p in possible.items())
    assert result.value == round(100 * covered / target_share / sum(weights.values()), 1)
    gaps = rank_gaps(resume, taxonomy, target)
    assert [g.skill_id for g in gaps] == ["go", "machine_learning", "pytorch"]


def test_profile_yaml_is_deterministic() -> None:
    forward = profile_yaml(_profile(), TAX)
    backward = profile_yaml(_profile(tuple(reversed(POSTINGS))), TAX)
    assert forward == backward


def test_names_with_quotes_and_unicode_survive_the_yaml() -> None:
    postings = [parse_posting(POSTINGS["a.txt"], "a.txt", TAX, FIND)]
    name = 'Ingénieur "ML": NLP #1'
    profile = build_profile(postings, TAX, role_id="x", name=name)
    assert yaml.safe_load(profile_yaml(profile, TAX))["roles"][0]["name"] == name


def test_role_id_must_be_valid_and_new() -> None:
    postings = [parse_posting(POSTINGS["a.txt"], "a.txt", TAX, FIND)]
    with pytest.raises(UsageError, match="already exists"):
        build_profile(postings, TAX, role_id="ml-engineer", name="x")
    with pytest.raises(UsageError, match="not a valid role id"):
        build_profile(postings, TAX, role_id="Bad Id", name="x")
    with pytest.raises(InputError, match="none could be read"):
        build_profile([], TAX, role_id="new", name="x")


def test_slug() -> None:
    assert slug("NLP Engineer (Berlin)") == "nlp-engineer-berlin"
    assert slug("!!!") == "profile"


def test_posting_files_expands_folders_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("b.txt", "a.md", "c.pdf", "notes.json"):
        (tmp_path / "in" / name).write_text("x")
    single = tmp_path / "single.txt"
    single.write_text("x")
    files = posting_files([tmp_path / "in", single, single])
    assert [f.name for f in files] == ["a.md", "b.txt", "c.pdf", "single.txt"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no job postings"):
        posting_files([tmp_path / "empty"])
    with pytest.raises(InputError, match="no such file"):
        posting_files([tmp_path / "missing"])


def test_postings_that_ask_for_nothing_often_make_no_profile() -> None:
    postings = [parse_posting("Job\n\nPreferred:\n- Golang\n", "go.txt", TAX, FIND)] + [
        parse_posting("Job\n\nWe sell shoes\n", f"{n}.txt", TAX, FIND) for n in range(5)
    ]
    with pytest.raises(InputError, match="ask for no skill often enough"):
        build_profile(postings, TAX, role_id="go-team", name="Go team")
