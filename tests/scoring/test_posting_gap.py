"""The resume against a job posting: what it misses, and the score weighted by the posting."""

from __future__ import annotations

import pytest

from gapcheck.postings.parse import Posting, parse_posting
from gapcheck.records import Background, Degree, Detection, JobGap, Target
from gapcheck.scoring.posting_gap import PREFERRED_WEIGHT, REQUIRED_WEIGHT, posting_gap
from tests.postings.samples import MARKDOWN_POSTING, certificate_finder, degree_taxonomy
from tests.support.gap_helpers import (
    IMPLIED,
    LISTED,
    detection,
    evidence,
    found,
    mini_taxonomy,
    name_finder,
)

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


# --------------------------------------------------------------------------- requirements


def test_requirements_lead_with_the_posting_one_record_per_group() -> None:
    posting = parse(
        "Job\n\nRequirements:\n"
        "- Python, R programming or Golang\n"  # line 4
        "- Deep learning frameworks such as TensorFlow and PyTorch\n"  # line 5
        "- Docker\n"  # line 6
        "\nNice to have:\n- Kubernetes\n"  # line 9
    )
    implied = found(TAX, "deep_learning", IMPLIED, via="tensorflow")
    gap = posting_gap(posting, detection(TAX, "r", "tensorflow", implied), TAX, MLE)
    summary = [(r.ids, r.level, r.met, r.met_by, r.line) for r in gap.requirements]
    assert summary == [
        (("python", "r", "go"), "required", True, "r", 4),
        (("deep_learning",), "required", True, "deep_learning", 5),  # implied by TensorFlow
        (("tensorflow",), "preferred", True, "tensorflow", 5),
        (("pytorch",), "preferred", False, None, 5),  # an example: TensorFlow does not meet it
        (("docker",), "required", False, None, 6),
        (("kubernetes",), "preferred", False, None, 9),
    ]
    assert gap.requirements[0].names == ("Python", "R (language)", "Go (language)")
    assert gap.requirements[0].text == "Python, R programming or Golang"
    assert gap.requirements[3].example_of == "deep_learning"
    assert (gap.required_met, gap.required_total) == (2, 3)
    assert (gap.preferred_met, gap.preferred_total) == (1, 3)
    assert gap.missing_required == ("docker",)
    assert gap.missing_preferred == ("pytorch", "kubernetes")  # by role weight


DEGREES = degree_taxonomy()


def degree_gap(text: str, resume: Detection, background: Background | None = None) -> JobGap:
    posting = parse_posting(text, "posting.txt", DEGREES, certificate_finder(DEGREES))
    return posting_gap(posting, resume, DEGREES, MLE, background)


@pytest.mark.parametrize(
    ("resume", "given", "met_by"),
    [
        (detection(DEGREES, "phd"), None, "phd"),
        (Detection(skills=()), Background(degrees=(Degree("phd", "", evidence("PhD")),)), "phd"),
        (detection(DEGREES, "masters"), None, "masters"),
    ],
)
def test_a_higher_degree_meets_a_lower_requirement(
    resume: Detection, given: Background | None, met_by: str
) -> None:
    gap = degree_gap("Job\n\nRequirements:\n- Master's degree\n- Python\n", resume, given)
    degree = next(r for r in gap.requirements if r.kind == "degree")
    assert (degree.met, degree.met_by) == (True, met_by)
    assert (gap.required_met, gap.required_total) == (1, 2)
    items = {item.skill_id: item for item in gap.score.items}
    assert items["masters"].credit == 1.0


def test_degrees_and_eligibility_are_never_skills_to_learn() -> None:
    text = (
        "Job\n\nRequirements:\n- BS/MS/PhD in Computer Science\n- PhD preferred\n"
        "- 5+ years of Python\n- Must be a US citizen\n- Python\n"
    )
    gap = degree_gap(text, Detection(skills=()))
    assert gap.missing_required == ("python",)
    assert gap.missing_preferred == ()
    assert gap.required == ("python",)  # the skills to learn; degrees are in requirements
    assert [(r.ids, r.level, r.met) for r in gap.requirements if r.kind == "degree"] == [
        (("bachelors", "masters", "phd"), "required", False),
        (("phd",), "preferred", False),
    ]
    kinds = {(c.kind, c.status) for c in gap.eligibility}
    assert kinds == {
        ("degree", "not met"),
        ("years", "not met"),
        ("authorization", "not stated"),
    }


def test_the_eligibility_checks_use_the_background_and_the_resume_lines() -> None:
    text = "Job\n\nRequirements:\n- BS/MS/PhD\n- Active TS/SCI clearance\n- Python\n"
    posting = parse_posting(text, "posting.txt", DEGREES, certificate_finder(DEGREES))
    given = Background(degrees=(Degree("bachelors", "", evidence("BSc")),))
    gap = posting_gap(
        posting,
        detection(DEGREES, "python"),
        DEGREES,
        MLE,
        given,
        resume_lines=("Clearance: TS/SCI (active)",),
    )
    assert [(c.kind, c.status) for c in gap.eligibility] == [
        ("degree", "met"),
        ("clearance", "met"),
    ]
    assert (gap.required_met, gap.required_total) == (2, 2)
