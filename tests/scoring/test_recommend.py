"""Learning path, certification set cover and notes on retired certifications."""

from __future__ import annotations

import dataclasses

from gapcheck.records import Detection, Target
from gapcheck.scoring.gaps import rank_gaps
from gapcheck.scoring.recommend import (
    MAX_CERTIFICATIONS,
    MIN_GAIN_SHARE,
    learning_path,
    retired_notes,
    suggest_certifications,
)
from gapcheck.taxonomy.model import Certification, Taxonomy
from tests.support.gap_helpers import detection, mini_taxonomy

TAX = mini_taxonomy()
MLE = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid")


def _with_certifications(*extra: Certification) -> Taxonomy:
    return dataclasses.replace(TAX, certifications=(*TAX.certifications, *extra))


def _cert(cert_id: str, covers: tuple[str, ...], status: str = "active") -> Certification:
    return Certification(
        id=cert_id,
        name=cert_id.replace("-", " ").title(),
        provider="Test",
        level="associate",
        kind="exam",
        status=status,
        status_date="2025-01-01",
        covers=covers,
    )


def _covered(suggestions: tuple[object, ...], weights: dict[str, float]) -> float:
    ids = {skill for s in suggestions for skill in s.covers}  # type: ignore[attr-defined]
    return sum(weights[i] for i in ids)


# --------------------------------------------------------------------------- learning path


def test_learning_path_groups_top_gaps_by_stage_in_roadmap_order() -> None:
    gaps = rank_gaps(Detection(skills=()), TAX, MLE)
    path = learning_path(gaps, TAX)
    stages = [step.stage for step in path]
    roadmap = list(TAX.stages)
    assert stages == sorted(stages, key=roadmap.index)
    assert stages[0] == "fundamentals"
    assert path[0].stage_name == "Fundamentals"
    for step in path:
        ranks = [gap.rank for gap in step.skills]
        assert ranks == sorted(ranks)
        assert all(gap.stage == step.stage for gap in step.skills)
        assert all(gap.hint for gap in step.skills)
    assert sum(len(step.skills) for step in path) == min(12, len(gaps))


def test_learning_path_keeps_only_the_top_gaps() -> None:
    gaps = rank_gaps(Detection(skills=()), TAX, MLE)
    path = learning_path(gaps[:3], TAX)
    assert [g.skill_id for step in path for g in step.skills] == [g.skill_id for g in gaps[:3]]


def test_learning_path_of_no_gaps_is_empty() -> None:
    assert learning_path((), TAX) == ()


# --------------------------------------------------------------------------- certifications


def test_certification_set_covers_more_weighted_gap_than_any_single_one() -> None:
    taxonomy = _with_certifications(
        _cert("python-basics", ("python", "r")),
        _cert("spark-dev", ("apache_spark", "aws")),
    )
    resume = Detection(skills=())
    gaps = rank_gaps(resume, taxonomy, MLE)
    weights = {g.skill_id: g.weight for g in gaps}
    suggestions = suggest_certifications(gaps, resume, taxonomy)
    assert 2 <= len(suggestions) <= MAX_CERTIFICATIONS
    best_single = max(
        sum(weights.get(s, 0.0) for s in set(c.covers))
        for c in taxonomy.certifications
        if c.recommendable
    )
    assert _covered(suggestions, weights) > best_single
    # Each pick after the first adds at least the stated share of the total gap weight.
    total = sum(weights.values())
    seen: set[str] = set()
    for suggestion in suggestions:
        gain = sum(weights[s] for s in suggestion.covers if s not in seen)
        assert gain >= MIN_GAIN_SHARE * total
        seen.update(suggestion.covers)


def test_the_first_pick_covers_the_most_weight_and_says_what_it_covers() -> None:
    resume = detection(TAX, "python", "machine_learning")
    gaps = rank_gaps(resume, TAX, MLE)
    suggestions = suggest_certifications(gaps, resume, TAX)
    first = suggestions[0]
    gap_ids = {g.skill_id: g for g in gaps}
    assert set(first.covers) <= set(gap_ids)
    assert first.covered_weight == round(sum(gap_ids[s].weight for s in first.covers), 4)
    assert first.covers_names == tuple(gap_ids[s].name for s in first.covers)
    ranks = [gap_ids[s].rank for s in first.covers]
    assert ranks == sorted(ranks)
    assert first.provider and first.level and first.status_date


def test_never_suggests_an_ended_certification_even_if_it_covers_most() -> None:
    taxonomy = _with_certifications(
        _cert("old-all", ("python", "machine_learning", "deep_learning", "docker"), "retired"),
        _cert("closed-everything", ("python", "machine_learning", "kubernetes"), "closed"),
        _cert("superseded-all", ("python", "machine_learning", "aws"), "superseded"),
        _cert("unknown-status", ("python", "machine_learning", "tensorflow"), "unknown"),
    )
    resume = Detection(skills=())
    suggestions = suggest_certifications(rank_gaps(resume, taxonomy, MLE), resume, taxonomy)
    assert suggestions
    statuses = {taxonomy.certification(s.id).status for s in suggestions}
    assert statuses <= {"active", "active-unverified"}


def test_skips_certifications_the_resume_already_holds() -> None:
    resume = Detection(skills=())
    gaps = rank_gaps(resume, TAX, MLE)
    without = suggest_certifications(gaps, resume, TAX)
    assert "aws-mla" in {s.id for s in without}
    holding = detection(TAX, held=("aws-mla",))
    assert "aws-mla" not in {s.id for s in suggest_certifications(gaps, holding, TAX)}


def test_a_certification_adding_too_little_is_not_suggested() -> None:
    taxonomy = _with_certifications(_cert("spark-dev", ("apache_spark",)))
    resume = Detection(skills=())
    gaps = rank_gaps(resume, taxonomy, MLE)
    spark = next(g.weight for g in gaps if g.skill_id == "apache_spark")
    share = spark / sum(g.weight for g in gaps)
    assert share < MIN_GAIN_SHARE
    picks = suggest_certifications(gaps, resume, taxonomy)
    assert len(picks) < MAX_CERTIFICATIONS  # a slot was free ...
    assert "spark-dev" not in {s.id for s in picks}  # ... but Spark alone is not worth it


def test_no_gaps_no_certifications() -> None:
    assert suggest_certifications((), Detection(skills=()), TAX) == ()


def test_stops_when_the_next_certification_adds_too_little() -> None:
    # Only Spark (weight 1 of ~30) is left: no certification covers enough to be worth it.
    taxonomy = _with_certifications(_cert("spark-dev", ("apache_spark",)))
    resume = detection(
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
        "recurrent_neural_networks",
    )
    gaps = rank_gaps(resume, taxonomy, MLE)
    assert [g.skill_id for g in gaps] == ["apache_spark"]
    (suggestion,) = suggest_certifications(gaps, resume, taxonomy)  # 100% of what is left
    assert suggestion.id == "spark-dev"
    assert suggestion.covers == ("apache_spark",)


def test_certification_choice_is_deterministic() -> None:
    twin_a = _cert("twin-a", ("pytorch", "scikit_learn", "apache_spark"))
    twin_b = _cert("twin-b", ("pytorch", "scikit_learn", "apache_spark"))
    for order in ((twin_a, twin_b), (twin_b, twin_a)):
        taxonomy = _with_certifications(*order)
        resume = detection(taxonomy, "machine_learning", "deep_learning", "docker", "aws")
        gaps = rank_gaps(resume, taxonomy, MLE)
        picks = [s.id for s in suggest_certifications(gaps, resume, taxonomy)]
        assert "twin-b" not in picks  # equal cover: the id decides
        assert "twin-a" in picks


# --------------------------------------------------------------------------- retired notes


def test_retired_tensorflow_certificate_gets_a_note() -> None:
    resume = detection(TAX, "python", held=("tf-developer",))
    (note,) = retired_notes(resume, TAX)
    assert note.id == "tf-developer"
    assert note.name == "TensorFlow Developer Certificate"
    assert note.status == "closed"
    assert note.status_date == "2024-05-01"
    assert note.successor is None  # the taxonomy names none
    assert note.evidence.section == "certifications"
    # ... and the closed certificate is never suggested again.
    gaps = rank_gaps(resume, TAX, MLE)
    assert "tf-developer" not in {s.id for s in suggest_certifications(gaps, resume, TAX)}


def test_retired_aws_certificate_names_its_successor() -> None:
    resume = detection(TAX, held=("aws-ml-specialty",))
    (note,) = retired_notes(resume, TAX)
    assert note.status == "retired"
    assert note.successor == "AWS Certified Machine Learning Engineer – Associate"
    # The successor is still suggested: the person does not hold it.
    gaps = rank_gaps(resume, TAX, MLE)
    assert "aws-mla" in {s.id for s in suggest_certifications(gaps, resume, TAX)}


def test_active_certifications_get_no_note_and_notes_are_not_repeated() -> None:
    held = ("aws-mla", "dl-specialization", "aws-ml-specialty", "aws-ml-specialty")
    resume = detection(TAX, held=held)
    assert [n.id for n in retired_notes(resume, TAX)] == ["aws-ml-specialty"]
