"""The resume against a job posting: what it misses, and the score weighted by the posting."""

from __future__ import annotations

import pytest

from gapcheck.postings.parse import Posting, parse_posting
from gapcheck.records import Detection, Target
from gapcheck.scoring.posting_gap import PREFERRED_WEIGHT, REQUIRED_WEIGHT, posting_gap
from tests.postings.samples import MARKDOWN_POSTING
from tests.support.gap_helpers import LISTED, detection, found, mini_taxonomy, name_finder

TAX = mini_taxonomy()
FIND = name_finder(TAX)
MLE = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid")


def parse(text: str, source: str = "posting.md") -> Posting:
    return parse_posting(text, source, TAX, FIND)


def test_posting_gap_lists_what_is_missing_and_scores_against_the_posting() -> None:
    posting = parse(MARKDOWN_POSTING)
    resume = detection(
        TAX,
        "python",
        "pytorch",  # meets "TensorFlow or PyTorch"
        found(TAX, "docker", LISTED, section="skills", heading="Skills"),
        "aws",
    )
    gap = posting_gap(posting, resume, TAX, MLE)
    assert gap.title == "Senior Machine Learning Engineer"
    assert gap.source == "posting.md"
    assert gap.required == posting.required
    assert gap.missing_required == ("deep_learning",)
    # Heaviest for the role first (Kubernetes 1.2), then posting order (Spark before R).
    assert gap.missing_preferred == ("kubernetes", "apache_spark", "r")
    items = {item.skill_id: item for item in gap.score.items}
    assert items["tensorflow"].credit == 1.0  # met by its alternative
    assert items["tensorflow"].weight == REQUIRED_WEIGHT / 2
    assert items["docker"].credit == 0.7
    assert items["aws"].weight == PREFERRED_WEIGHT
    earned = 2 * 1.0 + 1.0 * 1.0 + 1.0 * 1.0 + 2 * 0.7 + 1.0 * 1.0  # python, tf, pt, docker, aws
    possible = 5 * 2.0 + 4 * 1.0 - 2 * 1.0  # 5 required, 4 preferred, the pair counts once
    assert gap.score.possible == pytest.approx(possible)
    assert gap.score.value == round(100 * earned / possible, 1)


def test_missing_lists_follow_role_weight_then_posting_order() -> None:
    text = "Job\n\nRequirements:\n- Kubernetes\n- R programming\n- Python\n- Machine learning\n"
    gap = posting_gap(parse(text), Detection(skills=()), TAX, MLE)
    assert gap.missing_required == ("machine_learning", "python", "kubernetes", "r")
    assert gap.score.value == 0.0


def test_a_perfect_match_scores_100() -> None:
    text = "Job\n\nRequirements:\n- Python\n- Docker or Kubernetes\n"
    gap = posting_gap(parse(text), detection(TAX, "python", "kubernetes"), TAX, MLE)
    assert (gap.score.value, gap.missing_required, gap.missing_preferred) == (100.0, (), ())
