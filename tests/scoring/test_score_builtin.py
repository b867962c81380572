"""Scoring, ranking and recommendations with the built-in taxonomy, on hand-made resumes."""

from __future__ import annotations

import pytest

from gapcheck.records import Detection, Target
from gapcheck.scoring.gaps import rank_gaps
from gapcheck.scoring.near_misses import near_misses
from gapcheck.scoring.recommend import learning_path, retired_notes, suggest_certifications
from gapcheck.scoring.score import score
from gapcheck.taxonomy.knowledge import role_weights
from gapcheck.taxonomy.loading import load_taxonomy
from gapcheck.taxonomy.model import LEVELS, Taxonomy
from tests.support.gap_helpers import LISTED, detection, found

TAX: Taxonomy = load_taxonomy()
MLE = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid")

# Forty skills a strong machine learning engineer's resume shows in its experience.
STRONG_ML = (
    "python", "sql", "java", "machine_learning", "deep_learning", "statistics",
    "probability", "linear_algebra", "algorithms", "data_structures", "software_engineering",
    "se_best_practices", "software_testing", "system_design", "model_deployment", "mlops",
    "docker", "kubernetes", "aws", "ci_cd", "git", "pytorch", "tensorflow", "scikit_learn",
    "pandas", "numpy", "spark", "data_pipelines", "feature_engineering", "model_evaluation",
    "neural_networks", "nlp", "transformers", "classification", "regression",
    "computer_science", "bachelors", "masters", "projects_portfolio", "github",
)  # fmt: skip
# A data analyst: SQL, spreadsheets and dashboards, statistics, R; no Python, no ML.
DATA_ANALYST = (
    "sql", "spreadsheets", "tableau", "data_visualization", "statistics", "eda",
    "data_cleaning", "communication", "r",
)  # fmt: skip


def test_a_strong_ml_resume_scores_strong_and_misses_little_that_is_central() -> None:
    resume = detection(TAX, *STRONG_ML)
    result = score(resume, TAX, MLE)
    assert result.band == "strong"
    weights = role_weights(TAX, "ml-engineer", "mid")
    heaviest = sorted(weights, key=lambda s: -weights[s])[:15]
    gaps = rank_gaps(resume, TAX, MLE)
    assert len({g.skill_id for g in gaps} & set(heaviest)) <= 2


def test_the_same_resume_with_everything_only_listed_scores_lower() -> None:
    used = score(detection(TAX, *STRONG_ML), TAX, MLE)
    only_listed = detection(
        TAX, *(found(TAX, s, LISTED, section="skills", heading="Skills") for s in STRONG_ML)
    )
    assert score(only_listed, TAX, MLE).value < used.value
    misses = near_misses(only_listed, TAX, MLE)
    # Degrees count fully in any section; every other listed skill is a near miss.
    assert {"bachelors", "masters"}.isdisjoint(m.skill_id for m in misses)
    assert misses[0].why_partial == "only listed under 'Skills'"


def test_a_data_analyst_learns_python_and_ml_fundamentals_before_deep_learning() -> None:
    resume = detection(TAX, *DATA_ANALYST)
    result = score(resume, TAX, MLE)
    assert result.band == "weak"
    order = [g.skill_id for g in rank_gaps(resume, TAX, MLE)]
    assert order[0] == "python"
    assert order.index("machine_learning") < 5
    assert order.index("python") < order.index("machine_learning") < order.index("deep_learning")
    assert order.index("neural_networks") < order.index("deep_learning")
    path = learning_path(rank_gaps(resume, TAX, MLE), TAX)
    assert path[0].stage == "fundamentals"
    assert path[0].skills[0].skill_id == "python"


@pytest.mark.parametrize("role", [r.id for r in TAX.roles])
@pytest.mark.parametrize("level", LEVELS)
def test_every_role_ranks_prerequisites_first(role: str, level: str) -> None:
    target = Target(role=role, role_name=role, level=level)
    gaps = rank_gaps(Detection(skills=()), TAX, target)
    position = {g.skill_id: i for i, g in enumerate(gaps)}
    assert len(position) == len(role_weights(TAX, role, level))
    for gap in gaps:
        for prerequisite in TAX.skill(gap.skill_id).requires:
            if prerequisite in position:
                assert position[prerequisite] < position[gap.skill_id]


def test_the_retired_tensorflow_certificate_gets_a_note_and_is_never_suggested() -> None:
    resume = detection(TAX, *DATA_ANALYST, held=("tensorflow-developer",))
    (note,) = retired_notes(resume, TAX)
    assert note.name == "TensorFlow Developer Certificate"
    assert note.status in ("retired", "closed", "superseded")
    assert note.status_date
    suggested = {s.id for s in suggest_certifications(rank_gaps(resume, TAX, MLE), resume, TAX)}
    assert all(TAX.certification(s).recommendable for s in suggested)


def test_the_retired_aws_specialty_names_its_successor() -> None:
    resume = detection(TAX, held=("aws-ml-specialty",))
    (note,) = retired_notes(resume, TAX)
    successor = TAX.certification("aws-ml-specialty").successors[0]
    assert note.successor is not None
    assert TAX.certification(successor).name in note.successor


def test_the_certification_set_covers_more_gap_than_any_single_certification() -> None:
    resume = detection(TAX, *DATA_ANALYST)
    gaps = rank_gaps(resume, TAX, MLE)
    weight = {g.skill_id: g.weight for g in gaps}
    suggestions = suggest_certifications(gaps, resume, TAX)
    assert len(suggestions) >= 2
    covered = {s for suggestion in suggestions for s in suggestion.covers}
    recommendable = [c for c in TAX.certifications if c.recommendable]
    best_single = max(sum(weight.get(s, 0.0) for s in set(c.covers)) for c in recommendable)
    assert sum(weight[s] for s in covered) > best_single
    assert all(TAX.certification(s.id).recommendable for s in suggestions)
