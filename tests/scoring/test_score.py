"""The role score, ranked gaps and near misses, on hand-made detections."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from gapcheck.records import Detection, Target
from gapcheck.scoring.gaps import rank_gaps
from gapcheck.scoring.near_misses import near_misses
from gapcheck.scoring.score import (
    POSTING_BANDS,
    ROLE_COVERAGE_TARGET,
    band_for,
    build_score,
    score,
    skill_credit,
)
from gapcheck.taxonomy.knowledge import role_weights
from gapcheck.taxonomy.model import Taxonomy
from tests.support.gap_helpers import IMPLIED, LISTED, USED, detection, found, mini_taxonomy

TAX = mini_taxonomy()
MLE_MID = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid")
MLE_SENIOR = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="senior")
MLE_ENTRY = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="entry")


def strong_ml_resume(taxonomy: Taxonomy = TAX) -> Detection:
    """Everything an ML engineer needs, used at work, except Spark and RNNs."""
    return detection(
        taxonomy,
        "python",
        "machine_learning",
        "deep_learning",
        "pytorch",
        "tensorflow",
        "scikit_learn",
        "docker",
        "kubernetes",
        "aws",
        "r",
    )


def data_analyst_resume(taxonomy: Taxonomy = TAX) -> Detection:
    """R and AWS at work, no Python, no machine learning."""
    return detection(taxonomy, "r", "aws")


# --------------------------------------------------------------------------- credit


def test_credit_is_the_strength_and_implied_skills_earn_at_most_half() -> None:
    assert skill_credit(found(TAX, "python", USED)) == 1.0
    assert skill_credit(found(TAX, "python", LISTED)) == 0.7
    assert skill_credit(found(TAX, "deep_learning", 0.9, via="pytorch")) == 0.5
    assert skill_credit(found(TAX, "deep_learning", 0.3, via="pytorch")) == 0.3
    assert skill_credit(found(TAX, "python", 1.7)) == 1.0  # clamped


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.0, "weak"),
        (34.9, "weak"),
        (35.0, "fair"),
        (54.9, "fair"),
        (55.0, "good"),
        (74.9, "good"),
        (75.0, "strong"),
        (100.0, "strong"),
    ],
)
def test_role_bands(value: float, band: str) -> None:
    assert band_for(value) == band


@pytest.mark.parametrize(
    ("value", "band"), [(39.9, "weak"), (40.0, "fair"), (60.0, "good"), (80.0, "strong")]
)
def test_posting_bands(value: float, band: str) -> None:
    assert band_for(value, POSTING_BANDS) == band


def test_a_degree_in_education_counts_fully_unless_only_hoped_for() -> None:
    as_degree = {"category": "education"}
    degree = dataclasses.replace(found(TAX, "python", 0.6, section="education"), **as_degree)
    assert skill_credit(degree) == 1.0
    hoped = dataclasses.replace(found(TAX, "python", 0.3, section="interests"), **as_degree)
    assert skill_credit(hoped) == 0.3


# --------------------------------------------------------------------------- score


def test_strong_ml_resume_scores_high_with_few_gaps() -> None:
    result = score(strong_ml_resume(), TAX, MLE_MID)
    gaps = rank_gaps(strong_ml_resume(), TAX, MLE_MID)
    assert result.value >= 90
    assert result.band == "strong"
    # Equal weights and stages: the tie goes to the id.
    assert [g.skill_id for g in gaps] == ["apache_spark", "recurrent_neural_networks"]


def test_empty_resume_scores_zero_and_every_expected_skill_is_a_gap() -> None:
    result = score(Detection(skills=()), TAX, MLE_MID)
    gaps = rank_gaps(Detection(skills=()), TAX, MLE_MID)
    assert result.value == 0.0
    assert result.band == "weak"
    assert {g.skill_id for g in gaps} == set(role_weights(TAX, "ml-engineer", "mid"))


def test_score_is_reproducible_by_hand_from_its_items() -> None:
    resume = detection(
        TAX,
        "python",
        found(TAX, "docker", LISTED, section="skills", heading="Skills"),
        found(TAX, "deep_learning", IMPLIED, via="pytorch"),
        "pytorch",
    )
    result = score(resume, TAX, MLE_MID)
    earned = sum(item.weight * item.credit for item in result.items)
    possible = sum(item.weight for item in result.items)
    assert result.earned == pytest.approx(earned, abs=1e-4)
    assert result.possible == pytest.approx(possible, abs=1e-4)
    # By hand: each category counts as covered once it shows coverage_target of its weight.
    target = result.coverage_target
    assert target == ROLE_COVERAGE_TARGET
    per_category: dict[str, tuple[float, float]] = {}
    for item in result.items:
        e, p = per_category.get(item.category, (0.0, 0.0))
        per_category[item.category] = (e + item.weight * item.credit, p + item.weight)
    covered = sum(min(e, target * p) for e, p in per_category.values()) / target
    assert result.value == round(100 * covered / possible, 1)
    assert result.value > round(100 * earned / possible, 1)  # the cap lifts partial categories
    credits = {item.skill_id: item.credit for item in result.items}
    assert credits["python"] == 1.0
    assert credits["docker"] == 0.7
    assert credits["deep_learning"] == 0.5
    assert credits["kubernetes"] == 0.0
    # Items are ordered by weight, heaviest first, then by id.
    keys = [(-item.weight, item.skill_id) for item in result.items]
    assert keys == sorted(keys)


def test_unscored_and_unexpected_skills_do_not_count() -> None:
    with_extras = detection(TAX, "python", "communication", "go")
    plain = detection(TAX, "python")
    assert score(with_extras, TAX, MLE_MID) == score(plain, TAX, MLE_MID)
    assert "communication" not in {item.skill_id for item in score(plain, TAX, MLE_MID).items}


def test_categories_add_up_and_follow_taxonomy_order() -> None:
    result = score(strong_ml_resume(), TAX, MLE_MID)
    assert sum(c.possible for c in result.categories) == pytest.approx(result.possible, abs=1e-3)
    assert sum(c.earned for c in result.categories) == pytest.approx(result.earned, abs=1e-3)
    order = list(TAX.categories)
    assert [c.category for c in result.categories] == sorted(
        (c.category for c in result.categories), key=order.index
    )
    cloud = next(c for c in result.categories if c.category == "cloud")
    expected = min(100.0, 100 * cloud.earned / (result.coverage_target * cloud.possible))
    assert cloud.percent == round(expected, 1)
    assert cloud.earned < cloud.possible  # Spark is missing
    assert cloud.name == "Cloud"


def test_level_changes_weights_and_so_the_score() -> None:
    mlops_only = detection(TAX, "docker", "kubernetes")
    entry = score(mlops_only, TAX, MLE_ENTRY).value
    senior = score(mlops_only, TAX, MLE_SENIOR).value
    assert senior > entry  # MLOps weighs more for senior roles


def test_build_score_of_nothing_expected_is_zero() -> None:
    empty = build_score({}, {}, TAX)
    assert (empty.value, empty.band, empty.items, empty.categories) == (0.0, "weak", (), ())


# --------------------------------------------------------------------------- ranked gaps


def test_data_analyst_gets_python_and_ml_fundamentals_before_deep_learning() -> None:
    gaps = rank_gaps(data_analyst_resume(), TAX, MLE_MID)
    order = [g.skill_id for g in gaps]
    assert order.index("python") < order.index("machine_learning") < order.index("deep_learning")
    assert order.index("deep_learning") < order.index("recurrent_neural_networks")
    assert order[:2] == ["python", "machine_learning"]
    assert [g.rank for g in gaps] == list(range(1, len(gaps) + 1))


def test_a_prerequisite_always_ranks_before_what_builds_on_it() -> None:
    gaps = rank_gaps(Detection(skills=()), TAX, MLE_SENIOR)
    position = {g.skill_id: i for i, g in enumerate(gaps)}
    for gap in gaps:
        for prerequisite in TAX.skill(gap.skill_id).requires:
            if prerequisite in position:
                assert position[prerequisite] < position[gap.skill_id], (prerequisite, gap.skill_id)


def test_a_light_prerequisite_is_pulled_ahead_of_a_heavy_skill() -> None:
    # Kubernetes requires Docker; make Kubernetes far heavier than Docker for one role.
    role = TAX.role("ml-engineer")
    heavy_k8s = type(role)(
        id="k8s-heavy",
        name="Platform engineer",
        description="",
        skill_factors={"kubernetes": 20.0},
    )
    taxonomy = replace(TAX, roles=(*TAX.roles, heavy_k8s))
    target = Target(role="k8s-heavy", role_name="Platform engineer", level="mid")
    weights = role_weights(taxonomy, "k8s-heavy", "mid")
    assert weights["kubernetes"] > weights["docker"]
    gaps = rank_gaps(detection(taxonomy, "python"), taxonomy, target)
    order = [g.skill_id for g in gaps]
    assert order[:2] == ["docker", "kubernetes"]
    docker = gaps[0]
    assert docker.blocks == ("kubernetes",)
    assert "prerequisite of 1 other skill you lack (Kubernetes)" in docker.reason


def test_ties_break_by_stage_then_id() -> None:
    # R, Spark and RNNs all weigh 1.0 for the role; R is a "fundamentals" skill, the other
    # two are "advanced", so R comes first and the id decides between the other two.
    weights = role_weights(TAX, "ml-engineer", "mid")
    assert weights["r"] == weights["apache_spark"] == weights["recurrent_neural_networks"]
    resume = detection(TAX, "python", "machine_learning", "deep_learning")
    order = [g.skill_id for g in rank_gaps(resume, TAX, MLE_MID)]
    assert order[-3:] == ["r", "apache_spark", "recurrent_neural_networks"]


def test_gap_reason_is_built_from_facts() -> None:
    gaps = {g.skill_id: g for g in rank_gaps(Detection(skills=()), TAX, MLE_SENIOR)}
    python = gaps["python"]
    # The person's evidence first (nothing shown), then the facts about the skill.
    assert python.reason.startswith("Your resume and portfolio never name it.")
    assert " Named by both guides; called essential by 1 and required by 1" in python.reason
    assert "prerequisite of 6 other skills you lack (Machine learning, " in python.reason
    assert python.named_by == ("g1", "g2")
    assert python.emphasis == "essential"
    assert python.hint == TAX.skill("python").hint
    kubernetes = gaps["kubernetes"]
    assert " Named by one guide (Guide two); counts extra" in kubernetes.reason
    assert "counts extra for a Machine Learning Engineer" in kubernetes.reason
    assert "weighs more for senior roles" in kubernetes.reason
    points = 100 * kubernetes.weight / sum(role_weights(TAX, "ml-engineer", "senior").values())
    assert f"{points:.1f}% of the role's weight" in kubernetes.reason


def test_ranking_is_deterministic() -> None:
    first = rank_gaps(data_analyst_resume(), TAX, MLE_MID)
    reordered = Detection(skills=tuple(reversed(data_analyst_resume().skills)))
    assert rank_gaps(reordered, TAX, MLE_MID) == first


def test_partial_credit_is_not_a_gap() -> None:
    resume = detection(TAX, found(TAX, "python", LISTED, section="skills", heading="Skills"))
    assert "python" not in {g.skill_id for g in rank_gaps(resume, TAX, MLE_MID)}


# --------------------------------------------------------------------------- near misses


def test_near_misses_explain_why_and_what_to_change() -> None:
    resume = detection(
        TAX,
        "python",
        "pytorch",
        found(TAX, "deep_learning", IMPLIED, via="pytorch"),
        found(TAX, "docker", LISTED, section="skills", heading="Technical Skills"),
        found(TAX, "machine_learning", 0.6, section="education", heading="Relevant Coursework"),
        found(TAX, "aws", 0.4, section="interests", heading="Interests"),
        found(TAX, "tensorflow", USED, portfolio_only=True),
        found(TAX, "scikit_learn", 0.75, method="fuzzy"),
    )
    misses = {m.skill_id: m for m in near_misses(resume, TAX, MLE_MID)}
    assert "python" not in misses  # used at work: full credit
    assert "tensorflow" not in misses  # full strength even if only in the portfolio
    assert misses["deep_learning"].why_partial == "implied by PyTorch, never named"
    assert "PyTorch" in misses["deep_learning"].advice
    assert misses["docker"].why_partial == "only listed under 'Technical Skills'"
    assert misses["docker"].advice.startswith(
        "Add a bullet to your experience or projects showing where you used Docker"
    )
    assert "coursework" in misses["machine_learning"].why_partial
    assert "interest" in misses["aws"].why_partial
    assert "approximately" in misses["scikit_learn"].why_partial
    assert all(0 < m.credit < 1 for m in misses.values())


WISH = "only mentioned as an interest or something you are learning"


@pytest.mark.parametrize(
    ("section", "heading", "strength", "why"),
    [
        ("courses", "Relevant Coursework", 0.6, "only in coursework or education ('Relevant"),
        ("certifications", "Certificates", 0.6, "only named with a certification ('Certificates')"),
        ("experience", "Experience", 0.3, WISH),
        ("skills", "Currently learning", 0.3, WISH),
        ("other", "Toolbox", 0.6, "only weak evidence ('Toolbox')"),
        ("other", "Core Competencies", 0.6, "only listed under 'Core Competencies'"),
    ],
)
def test_why_partial_follows_the_section_kind(
    section: str, heading: str, strength: float, why: str
) -> None:
    resume = detection(TAX, found(TAX, "docker", strength, section=section, heading=heading))
    (miss,) = near_misses(resume, TAX, MLE_MID)
    assert miss.why_partial.startswith(why)
    assert "Docker" in miss.advice


def test_portfolio_only_skill_with_weak_strength_says_so() -> None:
    resume = detection(TAX, found(TAX, "docker", 0.6, portfolio_only=True))
    (miss,) = near_misses(resume, TAX, MLE_MID)
    assert miss.why_partial.startswith("shown only in portfolio material (site.html)")
    assert "resume" in miss.advice


def test_near_misses_are_ordered_by_points_to_gain() -> None:
    resume = detection(
        TAX,
        found(TAX, "aws", LISTED, section="skills", heading="Skills"),
        found(TAX, "machine_learning", LISTED, section="skills", heading="Skills"),
        found(TAX, "r", 0.4, section="skills", heading="Skills"),
    )
    misses = near_misses(resume, TAX, MLE_MID)
    weights = role_weights(TAX, "ml-engineer", "mid")
    gains = [weights[m.skill_id] * (1 - m.credit) for m in misses]
    assert gains == sorted(gains, reverse=True)
    assert misses[0].skill_id == "machine_learning"


def test_a_cycle_in_requires_does_not_hang_or_drop_skills() -> None:
    skills = tuple(
        dataclasses.replace(s, requires=("kubernetes",)) if s.id == "docker" else s
        for s in TAX.skills
    )
    looped = dataclasses.replace(TAX, skills=skills)  # docker <-> kubernetes
    gaps = rank_gaps(Detection(skills=()), looped, MLE_MID)
    assert sorted(g.skill_id for g in gaps) == sorted(role_weights(looped, "ml-engineer", "mid"))


def test_a_long_guide_title_is_shortened_in_reasons() -> None:
    long_title = "Machine Learning Engineer career, roadmap, skills, salary and much more besides"
    guides = tuple(
        dataclasses.replace(g, title=long_title) if g.id == "g2" else g for g in TAX.guides
    )
    taxonomy = dataclasses.replace(TAX, guides=guides)
    gaps = {g.skill_id: g for g in rank_gaps(Detection(skills=()), taxonomy, MLE_MID)}
    assert " Named by one guide (Machine Learning Engineer career);" in gaps["kubernetes"].reason


def test_near_miss_names_the_skill_the_resume_actually_names() -> None:
    # PyTorch -> deep learning -> machine learning: the advice for machine learning must
    # point at PyTorch, the skill on the resume, not at the implied deep learning.
    resume = detection(
        TAX,
        "pytorch",
        found(TAX, "deep_learning", IMPLIED, via="pytorch"),
        found(TAX, "machine_learning", 0.25, via="deep_learning"),
    )
    misses = {m.skill_id: m for m in near_misses(resume, TAX, MLE_MID)}
    assert misses["machine_learning"].why_partial == "implied by PyTorch, never named"
    assert "your PyTorch work" in misses["machine_learning"].advice


def test_near_miss_gain_respects_the_category_cap() -> None:
    # Deep learning's category is fully covered by RNNs used at work: naming deep learning
    # adds evidence but no points, and the advice says so instead of promising points.
    resume = detection(
        TAX,
        "python",
        "recurrent_neural_networks",
        found(TAX, "deep_learning", IMPLIED, via="recurrent_neural_networks"),
    )
    result = score(resume, TAX, MLE_MID)
    deep = next(c for c in result.categories if c.category == "deep_learning")
    assert deep.percent == 100.0
    misses = {m.skill_id: m for m in near_misses(resume, TAX, MLE_MID)}
    assert "already counts as covered" in misses["deep_learning"].advice
    assert "more points" not in misses["deep_learning"].advice


def test_near_miss_when_implication_beats_a_passing_mention() -> None:
    # Deep learning named only under interests (0.3), implied by PyTorch at work (0.5):
    # the credit rests on PyTorch, so the advice points there, not at "interests".
    deep = found(TAX, "deep_learning", IMPLIED, via="pytorch")
    mentioned = found(TAX, "deep_learning", 0.3, section="interests", heading="Interests")
    boosted = replace(deep, explicit=True, evidence=(*deep.evidence, *mentioned.evidence))
    misses = {m.skill_id: m for m in near_misses(detection(TAX, "pytorch", boosted), TAX, MLE_MID)}
    assert misses["deep_learning"].why_partial == "implied by PyTorch, named only in passing"
