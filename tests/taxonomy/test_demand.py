"""Posting demand: demand.yaml records, loading beside the taxonomy, the blend, the phrase."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from gapcheck.errors import TaxonomyError
from gapcheck.taxonomy import blend
from gapcheck.taxonomy.demand import (
    PRIOR_POSTINGS,
    demand_phrase,
    demand_share,
    smoothed_share,
)
from gapcheck.taxonomy.demand_file import (
    GROUP_KEYS,
    Demand,
    DemandSource,
    dump_demand,
    parse_demand,
)
from gapcheck.taxonomy.knowledge import role_weights
from gapcheck.taxonomy.loading import load, load_taxonomy
from gapcheck.taxonomy.model import Taxonomy, skill_importance

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini_taxonomy.yaml"
MINI = load_taxonomy(FIXTURE)
POSTINGS = {
    "all": 100,
    "all/junior": 20,
    "all/senior": 30,
    "ml": 40,
    "ml/junior": 5,
    "ml/senior": 10,
    "ml_eng": 20,
    "ml_eng/junior": 2,
    "ml_eng/senior": 5,
    "ds": 50,
    "ds/junior": 10,
    "ds/senior": 15,
}


def make_demand(skills: dict[str, dict[str, tuple[int, int]]], **changes: object) -> Demand:
    """A demand record for the mini taxonomy: every scored skill counted, zero unless given."""
    counted = {s.id: skills.get(s.id, {}) for s in MINI.skills if s.scored}
    counted.update({k: v for k, v in skills.items() if k not in counted})
    demand = Demand(
        dates="2018–2021",
        sources=(
            DemandSource("a.csv", "owner/repo", "c" * 40, "jobs.csv", "f" * 64, 120, 100, 100),
        ),
        postings=dict(POSTINGS),
        skills=counted,
        taxonomy_version="test-1",
    )
    return dataclasses.replace(demand, **changes)  # type: ignore[arg-type]


SAMPLE = make_demand(
    {
        "python": {"all": (60, 50), "ml": (30, 25), "ml_eng": (16, 14), "ds": (35, 30)},
        "tensorflow": {"all": (30, 20), "ml": (24, 18), "ml_eng": (12, 10), "all/senior": (9, 6)},
        "scikit_learn": {"all": (10, 5), "ml": (4, 2), "ml_eng": (1, 1), "ds": (8, 4)},
        "docker": {"all": (20, 10), "all/senior": (15, 8), "ml": (8, 4), "ml_eng": (6, 3)},
        "go": {"all": (90, 90), "ml": (40, 40), "ml_eng": (20, 20)},
        "r": {"all": (40, 30), "ds": (30, 25), "ml": (2, 1), "all/junior": (12, 9)},
    }
)


def with_demand(demand: Demand | None, taxonomy: Taxonomy = MINI) -> Taxonomy:
    return dataclasses.replace(taxonomy, demand=demand)


# --------------------------------------------------------------------------- the file


def test_dump_then_parse_gives_the_same_records() -> None:
    text = dump_demand(SAMPLE)
    assert parse_demand(yaml.safe_load(text)) == SAMPLE
    assert dump_demand(parse_demand(yaml.safe_load(text))) == text  # byte for byte


def test_dump_is_sorted_and_carries_no_text() -> None:
    text = dump_demand(SAMPLE)
    skill_lines = [line for line in text.splitlines() if line.startswith("  ") and ": {" in line]
    ids = [line.split(":")[0].strip() for line in skill_lines]
    assert ids == sorted(ids) and "python" in ids and "go" in ids
    assert "  aws: {}" in text  # counted, asked for by none: listed, so it is not "unmeasured"
    assert "python: {all: [60, 50], ds: [35, 30], ml: [30, 25], ml_eng: [16, 14]}" in text
    assert 'dates: "2018–2021"' in text and 'repository: "owner/repo"' in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format=2), "field 'format': expected 1"),
        (lambda d: d["postings"].update(everyone=3), "unknown group 'everyone'"),
        (lambda d: d["skills"]["python"].update(ml=[3, 5]), "0 <= required <= asked <= 40"),
        (lambda d: d["skills"]["python"].update(ml=[41, 1]), "0 <= required <= asked <= 40"),
        (lambda d: d.update(skills=[1]), "field 'skills': expected a mapping"),
        (lambda d: d["postings"].update(all=0), "no postings counted"),
    ],
)
def test_a_damaged_file_is_named_with_the_fix(change: object, message: str) -> None:
    data = yaml.safe_load(dump_demand(SAMPLE))
    change(data)  # type: ignore[operator]
    with pytest.raises(TaxonomyError) as caught:
        parse_demand(data)
    assert message in caught.value.message
    assert caught.value.message.startswith("demand.yaml:")
    assert "gapcheck taxonomy build --postings" in caught.value.message


def test_group_keys_are_the_groups_and_their_seniority_subsets() -> None:
    assert set(POSTINGS) == set(GROUP_KEYS)


# --------------------------------------------------------------------------- loading


def test_demand_beside_a_taxonomy_file_is_loaded_and_reloaded_when_edited(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    shutil.copy(FIXTURE, path)
    assert load(path).demand is None  # nothing beside it, and it extends nothing
    (tmp_path / "demand.yaml").write_text(dump_demand(SAMPLE), encoding="utf-8")
    loaded = load(path)
    assert loaded.demand is not None
    assert loaded.demand.count("python", "ml") == (30, 25)
    assert loaded.content_key != load_taxonomy(FIXTURE).content_key
    edited = make_demand({"python": {"all": (61, 50)}})
    (tmp_path / "demand.yaml").write_text(dump_demand(edited), encoding="utf-8")
    again = load(path)
    assert again.demand is not None and again.demand.count("python", "all") == (61, 50)


def test_a_broken_demand_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    shutil.copy(FIXTURE, path)
    (tmp_path / "demand.yaml").write_text("format: 1\npostings: [1]\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"demand\.yaml: field 'postings'"):
        load(path)


def test_an_extension_keeps_the_builtin_demand(tmp_path: Path) -> None:
    path = tmp_path / "coach.yaml"
    path.write_text('extends: builtin\nversion: "c1"\n', encoding="utf-8")
    taxonomy = load(path)
    assert taxonomy.demand is not None
    assert taxonomy.demand == load_taxonomy().demand


def test_the_builtin_demand_counts_every_scored_skill_from_named_sources() -> None:
    taxonomy = load_taxonomy()
    demand = taxonomy.demand
    assert demand is not None
    assert demand.dates == "2018–2021"
    # Rebuild demand.yaml ('gapcheck taxonomy build --postings ... --write') when this fails.
    assert set(demand.skills) == {s.id for s in taxonomy.skills if s.scored}
    assert len(demand.sources) == 3
    assert all(s.repository and len(s.commit) == 40 and s.path for s in demand.sources)
    assert demand.postings["all"] == sum(s.counted for s in demand.sources)
    assert demand.postings["ml"] > 100 and demand.postings["ds"] > 1000


# --------------------------------------------------------------------------- shares


def test_shares_are_smoothed_toward_the_wider_group() -> None:
    k = PRIOR_POSTINGS
    p_all = 30 / 100
    p_ml = (24 + k * p_all) / (40 + k)
    p_eng = (12 + k * p_ml) / (20 + k)
    assert smoothed_share(SAMPLE, "tensorflow", ("all",)) == pytest.approx(p_all)
    assert smoothed_share(SAMPLE, "tensorflow", ("ml", "all")) == pytest.approx(p_ml)
    assert smoothed_share(SAMPLE, "tensorflow", ("ml_eng", "ml", "all")) == pytest.approx(p_eng)
    p_senior = (9 + k * p_all) / (30 + k)
    assert smoothed_share(SAMPLE, "tensorflow", ("all",), "senior") == pytest.approx(p_senior)
    assert smoothed_share(SAMPLE, "not_counted", ("all",)) is None


# --------------------------------------------------------------------------- the blend


def guide_only(role: str = "ml-engineer", level: str = "mid") -> dict[str, float]:
    return role_weights(with_demand(None), role, level)


def test_the_guides_decide_which_skills_are_expected_and_the_total() -> None:
    for level in ("entry", "mid", "senior"):
        before = guide_only(level=level)
        after = role_weights(with_demand(SAMPLE), "ml-engineer", level)
        assert set(after) == set(before)
        assert sum(after.values()) == pytest.approx(sum(before.values()), abs=1e-3)
    # Go is asked for by every posting, but no guide names it: still not expected.
    assert "go" not in role_weights(with_demand(SAMPLE), "ml-engineer", "mid")


def test_demand_orders_what_the_guides_weigh_alike() -> None:
    before = guide_only()
    after = role_weights(with_demand(SAMPLE), "ml-engineer", "mid")
    assert before["tensorflow"] == before["scikit_learn"]  # same importance, same category
    share = {
        s: smoothed_share(SAMPLE, s, ("ml_eng", "ml", "all")) or 0.0
        for s in ("tensorflow", "scikit_learn", "python", "r")
    }
    floor = blend.DEMAND_FLOOR
    expected = (floor + share["tensorflow"]) / (floor + share["scikit_learn"])
    assert after["tensorflow"] / after["scikit_learn"] == pytest.approx(expected, rel=1e-3)
    # Different importance: its square root counts, times the demand.
    importance = {s.id: skill_importance(s) for s in MINI.skills}
    expected = (importance["python"] / importance["r"]) ** blend.GUIDE_EXPONENT * (
        (floor + share["python"]) / (floor + share["r"])
    )
    assert after["python"] / after["r"] == pytest.approx(expected, rel=1e-3)


def test_senior_postings_lift_what_they_ask_for_more() -> None:
    mid = role_weights(with_demand(SAMPLE), "ml-engineer", "mid")
    senior = role_weights(with_demand(SAMPLE), "ml-engineer", "senior")
    guide_mid, guide_senior = guide_only(level="mid"), guide_only(level="senior")
    # Docker: 15 of 30 senior postings against 20 of 100 in all: it gains at senior level
    # beyond the role's own senior factor for deployment (which both columns carry).
    assert senior["docker"] / senior["python"] > (
        mid["docker"] / mid["python"] * guide_senior["docker"] / guide_mid["docker"]
    )


def test_an_uncounted_skill_takes_the_median_demand() -> None:
    skills = {k: v for k, v in SAMPLE.skills.items() if k != "kubernetes"}
    weights = role_weights(
        with_demand(dataclasses.replace(SAMPLE, skills=skills)), "ml-engineer", "mid"
    )
    assert weights["kubernetes"] > 0
    chain = ("ml_eng", "ml", "all")
    counted = sorted(
        smoothed_share(SAMPLE, s, chain) or 0.0 for s in guide_only() if s != "kubernetes"
    )
    median = (counted[len(counted) // 2 - 1] + counted[len(counted) // 2]) / 2
    floor = blend.DEMAND_FLOOR
    # Kubernetes and RNNs have importance 1; Kubernetes also the deployment factor 1.2.
    rnn_share = smoothed_share(SAMPLE, "recurrent_neural_networks", chain) or 0.0
    expected = 1.2 * (floor + median) / (floor + rnn_share)
    assert weights["kubernetes"] / weights["recurrent_neural_networks"] == pytest.approx(
        expected, rel=1e-3
    )


def test_roles_that_read_no_demand_keep_their_guide_weights() -> None:
    coach_role = dataclasses.replace(MINI.roles[0], id="coach-role")
    taxonomy = dataclasses.replace(MINI, roles=(*MINI.roles, coach_role), demand=SAMPLE)
    without = dataclasses.replace(taxonomy, demand=None)
    assert role_weights(taxonomy, "coach-role", "mid") == role_weights(without, "coach-role", "mid")
    assert role_weights(taxonomy, "ml-engineer", "mid") != role_weights(
        without, "ml-engineer", "mid"
    )


def test_data_scientists_read_data_science_postings() -> None:
    weights = role_weights(with_demand(SAMPLE), "data-scientist", "mid")
    engineer = role_weights(with_demand(SAMPLE), "ml-engineer", "mid")
    # R: 30 of 50 DS-titled postings, 2 of 40 ML-titled ones.
    assert weights["r"] / weights["python"] > engineer["r"] / engineer["python"]


# --------------------------------------------------------------------------- the phrase


def test_demand_phrase_cites_the_roles_group() -> None:
    taxonomy = with_demand(SAMPLE)
    assert demand_phrase(taxonomy, "tensorflow", "ml-engineer") == (
        "asked for in 60% of 40 ML-titled postings (2018–2021)"
    )
    assert demand_phrase(taxonomy, "r", "data-scientist") == (
        "asked for in 60% of 50 data-science-titled postings (2018–2021)"
    )
    assert demand_phrase(taxonomy, "aws", "ml-engineer") == (
        "asked for in none of 40 ML-titled postings (2018–2021)"
    )
    assert demand_share(taxonomy, "tensorflow", "ml-engineer") == pytest.approx(0.6)


def test_demand_phrase_says_under_one_percent_rather_than_zero() -> None:
    rare = make_demand({"aws": {"all": (1, 0), "ml": (1, 0)}}, postings={**POSTINGS, "ml": 250})
    assert demand_phrase(with_demand(rare), "aws", "ml-engineer") == (
        "asked for in under 1% of 250 ML-titled postings (2018–2021)"
    )


def test_demand_phrase_is_none_without_counts_for_it() -> None:
    assert demand_phrase(MINI, "python", "ml-engineer") is None  # no demand at all
    taxonomy = with_demand(SAMPLE)
    assert demand_phrase(taxonomy, "python", "coach-role") is None  # the role reads none
    assert demand_phrase(taxonomy, "feast", "ml-engineer") is None  # not counted


def test_the_builtin_phrase_and_weights_follow_ml_postings() -> None:
    taxonomy = load_taxonomy()
    phrase = demand_phrase(taxonomy, "pytorch", "ml-engineer")
    assert phrase is not None and phrase.endswith("ML-titled postings (2018–2021)")
    weights = role_weights(taxonomy, "ml-engineer", "mid")
    # What the blend is for: what ML postings ask for outweighs what a guide merely
    # phrased strongly (Seaborn "essential" in one list; hidden Markov models "required").
    for strong in ("docker", "mlops", "pytorch"):
        for weak in ("seaborn", "hidden_markov_models"):
            assert weights[strong] > weights[weak], (strong, weak)
