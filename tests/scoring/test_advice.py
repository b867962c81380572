"""Advice about the person: the posting leads, known skills are "show" gaps, fitting certs."""

from __future__ import annotations

from dataclasses import replace

from gapcheck.records import (
    Background,
    Detection,
    JobGap,
    Score,
    ShownByEvidence,
    Target,
)
from gapcheck.scoring.gaps import learn_gaps, rank_gaps
from gapcheck.scoring.recommend import (
    certification_tier,
    learning_path,
    suggest_certifications,
)
from gapcheck.scoring.score import SHOWN_BY_EVIDENCE_CREDIT, score
from tests.support.gap_helpers import detection, evidence, mini_taxonomy

TAX = mini_taxonomy()
TARGET = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid")
EMPTY_SCORE = Score(value=0.0, band="weak", earned=0.0, possible=0.0, categories=())


def posting(required: tuple[str, ...], preferred: tuple[str, ...] = ()) -> JobGap:
    return JobGap(
        source="posting.txt",
        title="ML Engineer",
        required=required,
        preferred=preferred,
        missing_required=required,
        missing_preferred=preferred,
        score=EMPTY_SCORE,
    )


def shown(skill_id: str, because: str) -> Background:
    return Background(shown=(ShownByEvidence(skill_id, because, evidence(because)),))


def test_without_a_posting_the_role_order_is_kept() -> None:
    gaps = rank_gaps(detection(TAX, "python"), TAX, TARGET)
    assert all(g.source == "role" and g.action == "learn" for g in gaps)
    assert [g.rank for g in gaps] == list(range(1, len(gaps) + 1))


def test_the_postings_missing_required_skills_come_first_then_preferred() -> None:
    plain = [g.skill_id for g in rank_gaps(detection(TAX, "python"), TAX, TARGET)]
    # Ask for two skills that rank low for the role, one required and one preferred.
    low_required, low_preferred = plain[-1], plain[-2]
    gaps = rank_gaps(
        detection(TAX, "python"),
        TAX,
        TARGET,
        posting=posting((low_required,), (low_preferred,)),
    )
    assert [g.skill_id for g in gaps[:2]] == [low_required, low_preferred]
    assert [g.source for g in gaps[:2]] == ["posting-required", "posting-preferred"]
    assert "The posting requires it" in gaps[0].reason
    assert len({g.skill_id for g in gaps}) == len(gaps)  # nothing listed twice


def test_a_skill_the_person_evidently_has_is_a_show_gap_never_a_learn_gap() -> None:
    background = shown("machine_learning", "MSc in Machine Learning (2019)")
    gaps = rank_gaps(detection(TAX, "python"), TAX, TARGET, background=background)
    by_id = {g.skill_id: g for g in gaps}
    assert by_id["machine_learning"].action == "show"
    assert "machine_learning" not in {g.skill_id for g in learn_gaps(gaps)}
    assert "MSc in Machine Learning (2019)" in by_id["machine_learning"].reason
    assert by_id["machine_learning"].credit == SHOWN_BY_EVIDENCE_CREDIT
    # Show gaps rank after every learn gap, and the learning path leaves them out.
    assert by_id["machine_learning"].rank > max(g.rank for g in learn_gaps(gaps))
    path = {g.skill_id for step in learning_path(gaps, TAX) for g in step.skills}
    assert "machine_learning" not in path


def test_a_required_skill_shown_by_evidence_is_not_put_first_to_learn() -> None:
    background = shown("machine_learning", "PhD in Machine Learning")
    gaps = rank_gaps(
        detection(TAX, "python"),
        TAX,
        TARGET,
        background=background,
        posting=posting(("machine_learning", "docker")),
    )
    assert learn_gaps(gaps)[0].skill_id == "docker"


def test_evidence_earns_partial_score_credit() -> None:
    plain = score(detection(TAX, "python"), TAX, TARGET)
    with_degree = score(
        detection(TAX, "python"), TAX, TARGET, shown("machine_learning", "MSc in ML")
    )
    assert with_degree.earned > plain.earned
    item = next(i for i in with_degree.items if i.skill_id == "machine_learning")
    assert item.credit == SHOWN_BY_EVIDENCE_CREDIT


def test_learn_gaps_have_personal_reasons() -> None:
    gaps = rank_gaps(detection(TAX, "python"), TAX, TARGET)
    for gap in gaps:
        assert gap.reason.startswith(("Your resume and portfolio never name it", "The posting")), (
            gap.reason
        )
    same_category = [g for g in gaps if g.category == "programming_languages"]
    assert same_category and "Nearby you show Python" in same_category[0].reason


def test_certification_tiers() -> None:
    assert certification_tier("foundational") == "introductory"
    assert certification_tier("Foundational") == "introductory"
    assert certification_tier("beginner") == "introductory"
    assert certification_tier("Associate") == "intermediate"
    assert certification_tier("Professional (vendor-neutral)") == "advanced"
    assert certification_tier("odd") == "other"


def test_no_introductory_certificate_for_an_experienced_person() -> None:
    # The fixture's introductory certificate made active, beside one intermediate one.
    certs = tuple(
        replace(c, status="active" if c.id in ("tf-developer", "aws-mla") else "retired")
        for c in TAX.certifications
    )
    taxonomy = replace(TAX, certifications=certs)
    gaps = rank_gaps(Detection(skills=()), taxonomy, TARGET)
    everyone = suggest_certifications(gaps, Detection(skills=()), taxonomy)
    experienced = suggest_certifications(gaps, Detection(skills=()), taxonomy, experienced=True)
    assert "tf-developer" in {c.id for c in everyone}
    assert experienced and "tf-developer" not in {c.id for c in experienced}
    assert all(certification_tier(c.level) != "introductory" for c in experienced)


def test_no_certification_covers_only_skills_already_evident() -> None:
    gaps = rank_gaps(Detection(skills=()), TAX, TARGET)
    as_show = tuple(replace(g, action="show") for g in gaps)
    assert suggest_certifications(as_show, Detection(skills=()), TAX) == ()
