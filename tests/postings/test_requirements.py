"""What a posting asks for, item by item: levels per item, groups of alternatives, examples
after a broader skill, degrees by rank, and eligibility (years, degree, clearance, work
authorization, certifications). Every posting here is made up."""

from __future__ import annotations

import pytest

from gapcheck.postings.parse import Posting, PostingGroup, parse_posting
from gapcheck.records import EligibilityRequirement
from tests.postings.samples import certificate_finder, degree_taxonomy

TAX = degree_taxonomy()
FIND = certificate_finder(TAX)


def parse(text: str) -> Posting:
    return parse_posting(text, "posting.txt", TAX, FIND)


def levels(posting: Posting) -> dict[str, str]:
    return {s.id: s.level for s in posting.skills}


def groups(posting: Posting) -> dict[tuple[str, ...], PostingGroup]:
    return {g.ids: g for g in posting.requirements}


def eligibility(posting: Posting, kind: str) -> list[EligibilityRequirement]:
    return [e for e in posting.eligibility if e.kind == kind]


# --------------------------------------------------------------------------- level per item


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A marker after a dash marks what follows the dash only.
        (
            "Deep learning - PyTorch preferred",
            {"deep_learning": "required", "pytorch": "preferred"},
        ),
        (
            "Deep learning – PyTorch preferred",
            {"deep_learning": "required", "pytorch": "preferred"},
        ),
        # Two markers, two items.
        ("Python required, Golang a plus", {"python": "required", "go": "preferred"}),
        ("Strong Python skills, Docker is a plus", {"python": "required", "docker": "preferred"}),
        # A marker read forward.
        (
            "Experience with machine learning, preferably in PyTorch",
            {"machine_learning": "required", "pytorch": "preferred"},
        ),
        (
            "Programming experience (preferred Python, Golang)",
            {"python": "preferred", "go": "preferred"},
        ),
        # One list, one marker: the whole list.
        (
            "Experience with Docker and Kubernetes preferred",
            {"docker": "preferred", "kubernetes": "preferred"},
        ),
        # A parenthesis is a thought of its own.
        (
            "Kubernetes and strong programming skills (Python is a strong plus)",
            {"kubernetes": "required", "python": "preferred"},
        ),
        # "desired results" is no marker for what stands before it.
        ("Train PyTorch models to produce the desired results", {"pytorch": "required"}),
    ],
)
def test_a_marker_sets_the_level_of_the_items_next_to_it(
    line: str, expected: dict[str, str]
) -> None:
    posting = parse(f"Job\n\nRequirements:\n- {line}\n")
    assert levels(posting) == expected


def test_a_required_marker_under_a_preferred_heading_makes_its_item_required() -> None:
    posting = parse("Job\n\nRequirements:\n- Docker\n\nNice to have:\n- Python required, Golang\n")
    assert levels(posting) == {"docker": "required", "python": "required", "go": "preferred"}


def test_a_skill_required_in_one_place_and_preferred_in_another_is_required_once() -> None:
    # "containerization" is Docker in the taxonomy: the line requires it, then prefers Docker.
    posting = parse(
        "Job\n\nRequirements:\n- Proficiency with containerization - Docker preferred\n"
    )
    assert levels(posting) == {"docker": "required"}
    assert [(g.ids, g.level) for g in posting.requirements] == [(("docker",), "required")]


# --------------------------------------------------------------------------- groups, examples


def test_alternatives_are_one_group_met_by_any_member() -> None:
    posting = parse(
        "Job\n\nRequirements:\n"
        "- Python, R programming or Golang\n"
        "- Expertise in one of the following: TensorFlow, PyTorch\n"
        "- Docker and Kubernetes\n"
    )
    found = groups(posting)
    assert found[("python", "r", "go")].level == "required"
    assert found[("tensorflow", "pytorch")].level == "required"  # "one of", joined by ","
    assert ("docker",) in found and ("kubernetes",) in found  # a plain list: two items
    assert {s.id: s.group for s in posting.skills}["r"] == ("python", "r", "go")


def test_examples_after_a_named_broader_skill_are_items_of_their_own() -> None:
    posting = parse(
        "Job\n\nRequirements:\n"
        "- Experience with deep learning frameworks such as TensorFlow and PyTorch\n"
    )
    assert levels(posting) == {
        "deep_learning": "required",
        "tensorflow": "preferred",
        "pytorch": "preferred",
    }
    found = groups(posting)
    assert found[("tensorflow",)].example_of == "deep_learning"
    assert found[("pytorch",)].example_of == "deep_learning"
    assert found[("deep_learning",)].example_of is None


@pytest.mark.parametrize(
    "line",
    [
        "Deep learning (e.g. TensorFlow, PyTorch)",
        "Deep learning, including TensorFlow or PyTorch",
        "Deep learning tools like TensorFlow, PyTorch, etc.",
    ],
)
def test_every_way_of_giving_examples_keeps_them_apart(line: str) -> None:
    posting = parse(f"Job\n\nRequirements:\n- {line}\n")
    assert {s.id: s.group for s in posting.skills}["pytorch"] == ("pytorch",)
    assert levels(posting)["pytorch"] == "preferred"
    assert levels(posting)["deep_learning"] == "required"


def test_examples_the_line_requires_stay_required() -> None:
    posting = parse("Job\n\nRequirements:\n- Deep learning frameworks such as PyTorch (required)\n")
    assert levels(posting) == {"deep_learning": "required", "pytorch": "required"}


def test_examples_without_a_broader_skill_are_alternatives_for_tools_items_for_tasks() -> None:
    tools = parse("Job\n\nRequirements:\n- Frameworks such as TensorFlow or PyTorch\n")
    assert groups(tools)[("tensorflow", "pytorch")].level == "required"
    tasks = parse(
        "Job\n\nRequirements:\n"
        "- Solve modelling problems such as deep learning, sensor fusion and recurrent neural"
        " networks\n"
    )
    assert {s.id: s.group for s in tasks.skills} == {
        "deep_learning": ("deep_learning",),
        "recurrent_neural_networks": ("recurrent_neural_networks",),
    }
    assert set(levels(tasks).values()) == {"preferred"}


# --------------------------------------------------------------------------- degrees


def test_bs_ms_phd_is_one_group_whose_minimum_is_a_bachelors() -> None:
    posting = parse("Job\n\nRequirements:\n- BS/MS/PhD in Computer Science or related field\n")
    (group,) = posting.requirements
    assert (group.ids, group.kind, group.level) == (
        ("bachelors", "masters", "phd"),
        "degree",
        "required",
    )
    (degree,) = eligibility(posting, "degree")
    assert (degree.degree, degree.level, degree.name) == (
        "bachelors",
        "required",
        "Bachelor's degree",
    )


def test_degrees_at_different_levels_are_separate_requirements() -> None:
    posting = parse("Job\n\nEducation:\n- Master's degree required, PhD preferred\n")
    assert {(g.ids, g.level) for g in posting.requirements} == {
        (("masters",), "required"),
        (("phd",), "preferred"),
    }
    assert {(e.degree, e.level) for e in eligibility(posting, "degree")} == {
        ("masters", "required"),
        ("phd", "preferred"),
    }


def test_a_degree_with_no_level_named_is_a_bachelors_or_equivalent() -> None:
    posting = parse("Job\n\nRequirements:\n- Degree in statistics or equivalent experience\n")
    (degree,) = eligibility(posting, "degree")
    assert (degree.degree, degree.or_equivalent) == ("bachelors", True)


@pytest.mark.parametrize(
    "text",
    [
        "- BS with 5 years of experience, MS with 3 years or PhD with 1 year of experience\n",
        "- BS in CS with 5 years of experience; OR MS with 3 years of experience; OR PhD with"
        " 1 year of experience\n",
        # One option per line.
        "- BS in CS with 5 years of experience;\n- MS in CS with 3 years of experience;\n"
        "- PhD in CS with 1 year of experience.\n",
    ],
)
def test_years_that_depend_on_the_degree_are_one_requirement_with_options(text: str) -> None:
    posting = parse(f"Job\n\nRequirements:\n{text}")
    (years,) = eligibility(posting, "years")
    assert years.options == (("bachelors", 5.0), ("masters", 3.0), ("phd", 1.0))
    assert years.years == 1.0
    (degree,) = eligibility(posting, "degree")
    assert degree.degree == "bachelors"
    degree_groups = [g for g in posting.requirements if g.kind == "degree"]
    assert [g.ids for g in degree_groups] == [("bachelors", "masters", "phd")]


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("line", "years", "skill"),
    [
        ("4+ years of Python", 4.0, "python"),
        ("5 years of experience in machine learning", 5.0, "machine_learning"),
        ("2+ years machine learning platform experience", 2.0, "machine_learning"),
        ("At least 3 years' experience", 3.0, None),
        ("Minimum of five (5) years of professional experience", 5.0, None),
        ("3-15 years’ experience", 3.0, None),
        ("7+ years of work experience as a data scientist", 7.0, None),
    ],
)
def test_minimum_years_and_what_they_are_of(line: str, years: float, skill: str | None) -> None:
    posting = parse(f"Job\n\nRequirements:\n- {line}\n")
    (found,) = eligibility(posting, "years")
    assert (found.years, found.skill_id, found.level) == (years, skill, "required")


@pytest.mark.parametrize(
    "line",
    [
        "Explain machine learning like we are five years old",
        "Our team has 20 years of experience with Python",
        "We grew 3 years in a row",
    ],
)
def test_years_that_ask_nothing_of_the_candidate(line: str) -> None:
    assert not eligibility(parse(f"Job\n\nRequirements:\n- {line}\n"), "years")


def test_years_marked_preferred_are_preferred_and_never_a_skill() -> None:
    posting = parse("Job\n\nRequirements:\n- Python\n- 5+ years of experience preferred\n")
    (found,) = eligibility(posting, "years")
    assert found.level == "preferred"
    assert posting.required == ("python",)


# --------------------------------------------------------------------------- clearance, work


def test_clearance_held_obtainable_and_at_two_levels() -> None:
    held = parse("Job\n\nRequirements:\n- Active TS/SCI clearance\n")
    (clearance,) = eligibility(held, "clearance")
    assert (clearance.name, clearance.obtainable, clearance.level) == ("TS/SCI", False, "required")
    obtainable = parse("Job\n\nRequirements:\n- Ability to obtain a security clearance\n")
    (clearance,) = eligibility(obtainable, "clearance")
    assert (clearance.name, clearance.obtainable) == ("security clearance", True)
    two = parse("Job\n\nRequirements:\n- Top Secret clearance required; SCI preferred\n")
    assert {(e.name, e.level) for e in eligibility(two, "clearance")} == {
        ("top secret", "required"),
        ("TS/SCI", "preferred"),
    }
    assert not eligibility(parse("Job\n\nRequirements:\n- Sci-kit learn\n"), "clearance")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("US CITIZENSHIP REQUIRED", "US citizenship"),
        ("Must be a U.S. citizen", "US citizenship"),
        ("Must be authorized to work in the US", "work authorization"),
        ("We are unable to sponsor visas for this role", "work authorization without sponsorship"),
        ("No sponsorship available", "work authorization without sponsorship"),
    ],
)
def test_citizenship_and_work_authorization(line: str, name: str) -> None:
    posting = parse(f"Job\n\nRequirements:\n- Python\n\nNice to have:\n- {line}\n")
    (found,) = eligibility(posting, "authorization")
    # A condition stays required under any heading.
    assert (found.name, found.level) == (name, "required")
    assert posting.required == ("python",)


def test_boilerplate_states_work_authorization_only_when_it_demands_it() -> None:
    posting = parse(
        "Job\n\nRequirements:\n- Python\n\n"
        "We are an equal opportunity employer and hire regardless of citizenship status.\n"
        "This role may be eligible for visa sponsorship.\n"
        "Candidates must be authorized to work in the United States.\n"
    )
    assert [e.name for e in eligibility(posting, "authorization")] == ["work authorization"]


# --------------------------------------------------------------------------- certifications


def test_a_known_certification_to_hold_and_its_words_are_no_skills() -> None:
    posting = parse(
        "Job\n\nRequirements:\n- Python\n- AWS Certified Machine Learning Engineer required\n"
    )
    (cert,) = eligibility(posting, "certification")
    assert (cert.certification, cert.level, cert.obtainable) == ("aws-mla", "required", False)
    assert levels(posting) == {"python": "required"}  # not AWS, not machine learning


def test_a_certification_gapcheck_does_not_know_to_obtain_after_hiring() -> None:
    posting = parse("Job\n\nRequirements:\n- Security+ certification within 90 days of hire\n")
    (cert,) = eligibility(posting, "certification")
    assert (cert.certification, cert.obtainable) == (None, True)
    assert "Security+" in cert.name
