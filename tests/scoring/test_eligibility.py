"""The resume against what a posting asks a candidate to have or be: each eligibility kind
met, not met, or not stated. Postings and resumes here are made up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gapcheck.postings.parse import Posting, parse_posting
from gapcheck.records import Background, Degree, Detection, EligibilityCheck, Position
from gapcheck.scoring.eligibility import check_eligibility
from tests.postings.samples import certificate_finder, degree_taxonomy
from tests.support.gap_helpers import detection, evidence, found

TAX = degree_taxonomy()
FIND = certificate_finder(TAX)
NOTHING = Detection(skills=())


def posting(*lines: str) -> Posting:
    text = "Job\n\nRequirements:\n" + "".join(f"- {line}\n" for line in lines)
    return parse_posting(text, "posting.txt", TAX, FIND)


def check(
    line: str,
    resume: Detection = NOTHING,
    background: Background | None = None,
    years_total: float | None = None,
    lines: tuple[str, ...] = (),
) -> EligibilityCheck:
    checks = check_eligibility(posting(line), resume, background, years_total, resume_lines=lines)
    assert len(checks) == 1, checks
    return checks[0]


def with_years(skill_id: str, years: float | None) -> Detection:
    return Detection(skills=(replace(found(TAX, skill_id), years=years),))


def background(*degrees: tuple[str, bool], years: float = 0.0) -> Background:
    position = Position("ML engineer", ("ml",), "2018-01", "2024-01", years, evidence("ML"))
    return Background(
        degrees=tuple(
            Degree(level, "computer science", evidence(level), in_progress=pending)
            for level, pending in degrees
        ),
        positions=(position,) if years else (),
        years_experience=years,
    )


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("resume", "status"),
    [
        (with_years("python", 4.5), "met"),
        (with_years("python", 2.0), "not met"),
        (with_years("python", None), "not stated"),  # named, but in no dated entry
        (NOTHING, "not met"),  # not named at all
    ],
)
def test_years_of_a_skill_against_its_years_in_dated_entries(
    resume: Detection, status: str
) -> None:
    result = check("4+ years of Python", resume)
    assert (result.kind, result.skill_id, result.years, result.status) == (
        "years",
        "python",
        4.0,
        status,
    )


@pytest.mark.parametrize(
    ("given", "years_total", "status"),
    [
        (background(years=6.0), None, "met"),
        (background(years=3.0), None, "not met"),
        (background(years=3.0), 5.5, "met"),  # the caller's total stands first
        (None, None, "not stated"),
        (Background(), None, "not stated"),  # no dated position: nothing to count
    ],
)
def test_total_years(given: Background | None, years_total: float | None, status: str) -> None:
    assert check("At least 5 years of experience", NOTHING, given, years_total).status == status


@pytest.mark.parametrize(
    ("degree", "years", "status"),
    [("bachelors", 6.0, "met"), ("bachelors", 4.0, "not met"), ("masters", 4.0, "met")],
)
def test_years_that_depend_on_the_degree(degree: str, years: float, status: str) -> None:
    line = "BS with 5 years of experience or MS with 3 years of experience"
    given = background((degree, False), years=years)
    checks = check_eligibility(posting(line), NOTHING, given, None)
    assert {c.kind: c.status for c in checks}["years"] == status


# --------------------------------------------------------------------------- degree


@pytest.mark.parametrize(
    ("resume", "given", "status"),
    [
        (detection(TAX, "phd"), None, "met"),  # a higher degree meets a lower requirement
        (detection(TAX, "masters"), None, "met"),
        (detection(TAX, "bachelors"), None, "not met"),
        (NOTHING, background(("masters", False)), "met"),
        (NOTHING, background(("masters", True)), "not met"),  # in progress
        (detection(TAX, "masters"), background(("masters", True)), "not met"),
        (NOTHING, None, "not met"),
    ],
)
def test_degree_by_rank(resume: Detection, given: Background | None, status: str) -> None:
    result = check("Master's degree in Computer Science", resume, given)
    assert (result.kind, result.degree, result.status) == ("degree", "masters", status)


def test_an_unmet_degree_says_what_the_resume_shows() -> None:
    result = check("PhD or equivalent experience", detection(TAX, "bachelors"))
    assert result.status == "not met"
    assert "Bachelor's degree" in result.detail and "equivalent experience" in result.detail


# --------------------------------------------------------------------------- held or stated


@pytest.mark.parametrize(
    ("lines", "status"),
    [
        (("Active TS/SCI clearance",), "met"),
        (("Top Secret clearance (active)",), "not met"),  # lower than TS/SCI
        (("Holds an active security clearance",), "not stated"),  # level not stated
        (("Python, SQL",), "not stated"),
    ],
)
def test_clearance_is_met_only_when_the_resume_states_it(
    lines: tuple[str, ...], status: str
) -> None:
    result = check("Active TS/SCI clearance", lines=lines)
    assert (result.kind, result.name, result.status) == ("clearance", "TS/SCI", status)


@pytest.mark.parametrize(
    ("line", "lines", "status"),
    [
        ("Must be a US citizen", ("U.S. citizen",), "met"),
        ("Must be a US citizen", ("Green card holder",), "not met"),
        ("Must be a US citizen", (), "not stated"),
        ("Must be authorized to work in the US", ("Green card holder",), "met"),
        ("Must be authorized to work in the US", ("Authorized to work in the US",), "met"),
        ("No sponsorship available", ("Will require H-1B sponsorship",), "not met"),
        ("No sponsorship available", ("Python",), "not stated"),
    ],
)
def test_citizenship_and_work_authorization(line: str, lines: tuple[str, ...], status: str) -> None:
    result = check(line, lines=lines)
    assert (result.kind, result.status) == ("authorization", status)


@pytest.mark.parametrize(
    ("resume", "status"),
    [
        (detection(TAX, held=("aws-mla",)), "met"),
        (detection(TAX, held=("tf-developer",)), "not met"),
    ],
)
def test_a_known_certification_is_met_when_held(resume: Detection, status: str) -> None:
    result = check("AWS Certified Machine Learning Engineer required", resume)
    assert (result.kind, result.status) == ("certification", status)


@pytest.mark.parametrize(
    ("lines", "status"), [(("Certifications: CISSP, PMP",), "met"), (("Python",), "not stated")]
)
def test_a_certification_gapcheck_does_not_know_is_looked_for_by_name(
    lines: tuple[str, ...], status: str
) -> None:
    result = check("CISSP or Security+ certification required", lines=lines)
    assert (result.kind, result.status) == ("certification", status)
