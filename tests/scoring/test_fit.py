"""A person's fit to one posting: the match formula, knockouts, what is missing, the order."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gapcheck.postings.parse import parse_posting
from gapcheck.records import Background, Degree, EligibilityCheck, JobGap, Target
from gapcheck.scoring.fit import DOUBT, KNOCKOUT_FACTOR, fit_key, posting_fit, rank_fits
from gapcheck.scoring.posting_gap import posting_gap
from tests.postings.samples import degree_taxonomy
from tests.support.gap_helpers import detection, evidence, name_finder

TAX = degree_taxonomy()
FIND = name_finder(TAX)
MLE = Target(role="ml-engineer", role_name="Machine Learning Engineer", level="mid")


def job(
    text: str, *skills: str, source: str = "posting.md", background: Background | None = None
) -> JobGap:
    posting = parse_posting(text, source, TAX, FIND)
    return posting_gap(posting, detection(TAX, *skills), TAX, MLE, background)


def check(status: str, level: str = "required", kind: str = "years") -> EligibilityCheck:
    return EligibilityCheck(
        kind=kind,  # type: ignore[arg-type]
        text="5+ years of experience",
        line=3,
        skill_id=None,
        years=5.0,
        degree=None,
        level=level,
        name="5+ years of experience",
        status=status,  # type: ignore[arg-type]
        detail="made up",
    )


def test_match_weighs_required_twice_and_counts_a_group_once() -> None:
    gap = job(
        "Job\n\nRequirements:\n- Python\n- TensorFlow or PyTorch\n- Docker\n"
        "\nNice to have:\n- Kubernetes\n- AWS\n",
        "python",
        "pytorch",  # meets the pair
        "aws",
    )
    fit = posting_fit(gap)
    assert (fit.required_met, fit.required_total) == (2, 3)
    assert (fit.preferred_met, fit.preferred_total) == (1, 2)
    assert fit.match == pytest.approx((2 * 2 + 1) / (2 * 3 + 2))
    assert fit.fit == pytest.approx((5 + DOUBT) / (8 + 2 * DOUBT))  # no knockout
    assert [r.ids for r in fit.missing] == [("docker",), ("kubernetes",)]
    assert [r.ids for r in fit.top_missing] == [("docker",)]


def test_a_missing_group_is_one_missing_item_named_with_its_alternatives() -> None:
    fit = posting_fit(job("Job\n\nRequirements:\n- TensorFlow or PyTorch\n- Python\n", "python"))
    assert [r.ids for r in fit.top_missing] == [("tensorflow", "pytorch")]
    assert fit.match == pytest.approx(2 / 4)


def test_degrees_are_eligibility_not_part_of_the_match() -> None:
    text = "Job\n\nRequirements:\n- MS in computer science\n- Python\n"
    gap = job(text, "python")
    fit = posting_fit(gap)
    assert (fit.required_met, fit.required_total) == (1, 1)
    assert fit.match == 1.0
    assert any(r.kind == "degree" for r in gap.requirements)  # it is still in the posting gap


def test_a_posting_naming_no_skill_requirement_matches_fully() -> None:
    fit = posting_fit(job("Job\n\nRequirements:\n- BS in statistics\n"))
    assert (fit.required_total, fit.preferred_total, fit.match) == (0, 0, 1.0)


def test_each_required_check_not_met_is_a_knockout_that_halves_the_fit() -> None:
    gap = job("Job\n\nRequirements:\n- Python\n- Docker\n", "python")
    gap = replace(
        gap,
        eligibility=(
            check("not met"),  # a knockout
            check("not stated", kind="clearance"),  # silent, not wrong
            check("not met", level="preferred", kind="degree"),  # only preferred
            check("met", kind="authorization"),
            check("not met", kind="certification"),  # a second knockout
        ),
    )
    fit = posting_fit(gap)
    assert [c.kind for c in fit.knockouts] == ["years", "certification"]
    assert fit.match == pytest.approx(0.5)
    assert fit.fit == pytest.approx((2 + 1) / (4 + 2) * KNOCKOUT_FACTOR**2)


def test_a_degree_the_background_shows_is_no_knockout() -> None:
    completed = Degree(level="masters", field="statistics", evidence=evidence("MSc Statistics"))
    text = "Job\n\nRequirements:\n- Master's degree in a quantitative field\n- Python\n"
    fit = posting_fit(job(text, "python", background=Background(degrees=(completed,))))
    assert fit.knockouts == ()
    fit = posting_fit(job(text, "python"))
    assert [c.kind for c in fit.knockouts] == ["degree"]


def test_missing_requirements_follow_role_weight_then_posting_order() -> None:
    gap = job(
        "Job\n\nRequirements:\n- Kubernetes\n- R programming\n- Python\n- Machine learning\n",
    )
    fit = posting_fit(gap)
    assert [r.ids[0] for r in fit.missing] == list(gap.missing_required)
    assert [r.ids[0] for r in fit.top_missing] == ["machine_learning", "python", "kubernetes"]


def test_fits_rank_by_fit_then_match_then_required_share_then_name() -> None:
    base = posting_fit(job("Job\n\nRequirements:\n- Python\n", "python"))
    fits = [
        replace(base, source="e.md", title="E", match=0.8, fit=0.4, knockouts=(check("not met"),)),
        replace(
            base, source="d.md", title="D", match=0.5, fit=0.5, required_met=1, required_total=2
        ),
        replace(base, source="c.md", title="C", match=0.5, fit=0.5),  # all required shown
        replace(base, source="b.md", title="b", match=0.9, fit=0.9),
        replace(base, source="a2.md", title="A", match=0.9, fit=0.9),
        replace(base, source="a1.md", title="A", match=0.9, fit=0.9),
        replace(base, source="z.md", title="Z", match=0.4, fit=0.4),  # no knockout, lower match
    ]
    ranked = rank_fits(fits)
    assert [f.source for f in ranked] == ["a1.md", "a2.md", "b.md", "c.md", "d.md", "e.md", "z.md"]
    assert rank_fits(reversed(fits)) == ranked  # input order never matters
    # Without identity, the same key: a caller ranking people adds its own tie-break.
    assert fit_key(fits[4]) == fit_key(fits[5])


def test_nothing_shown_leaves_only_the_doubt() -> None:
    fit = posting_fit(job("Job\n\nRequirements:\n- Python\n\nNice to have:\n- Docker\n"))
    assert (fit.match, fit.fit) == (0.0, pytest.approx(1 / 5))


def test_a_posting_read_in_full_outranks_one_of_which_one_skill_was_recognised() -> None:
    one = posting_fit(job("One\n\nRequirements:\n- Python\n", "python", source="one.md"))
    full = posting_fit(
        job(
            "Full\n\nRequirements:\n- Python\n- Docker\n- AWS\n- Kubernetes\n"
            "\nNice to have:\n- PyTorch\n- R programming\n",
            *("python", "docker", "aws", "kubernetes", "pytorch"),
            source="full.md",
        )
    )
    assert one.match == 1.0 and full.match == pytest.approx(9 / 10)
    assert one.fit == pytest.approx(3 / 4)
    assert full.fit == pytest.approx((9 + 1) / (10 + 2))
    assert [f.source for f in rank_fits([one, full])] == ["full.md", "one.md"]


def test_a_check_the_posting_lets_you_meet_otherwise_is_waived_not_a_knockout() -> None:
    gap = job("Job\n\nRequirements:\n- Python\n", "python")
    waived = replace(check("not met", kind="degree"), waivable=True)
    fit = posting_fit(replace(gap, eligibility=(waived, check("not met"))))
    assert [c.kind for c in fit.knockouts] == ["years"]
    assert fit.waived == (waived,)
    assert fit.fit == pytest.approx(3 / 4 * KNOCKOUT_FACTOR)
