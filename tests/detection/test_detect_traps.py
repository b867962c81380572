"""Trap phrases: everyday words and letters that must never become skills.

Each trap is checked against the test taxonomy (whose ambiguity rules are written the
way the taxonomy format describes them) and against the built-in taxonomy, because real
resumes are read with the latter. Each also has a genuine use that must still count, so
a test cannot pass by finding nothing.
"""

from __future__ import annotations

import pytest

from gapcheck.detection.detector import get_detector
from gapcheck.records import Detection
from tests.support.detect_helpers import builtin_taxonomy, section, skills_line_ids, text_ids

# (sentence, skill ids that must not be found) with ids shared by both taxonomies.
TRAPS: list[tuple[str, set[str]]] = [
    ("Led the go-to-market strategy for two launches", {"go"}),
    ("Owned the Go-to-market plan and the go live date", {"go"}),
    ("Ready to go above and beyond for customers", {"go"}),
    ("Managed a $2M R&D budget", {"r"}),
    ("Coordinated R & D teams across three sites", {"r"}),
    ("Briefed the C-suite every quarter", {"c"}),
    ("Presented results to C-level executives", {"c"}),
    ("Raised a Series C round; vitamin C supplements", {"c"}),
    ("Reports signed by John C. Smith and R. Jones", {"c", "r"}),
    ("Outreach programs that spark interest in STEM", {"apache_spark", "spark"}),
    ("Spark curiosity and spark joy in young learners", {"apache_spark", "spark"}),
    ("Added regression testing to the release checklist", {"regression"}),
    ("Taught Pig Latin to primary school pupils", {"apache_pig", "pig"}),
    ("I excel at building relationships with clients", {"excel", "spreadsheets"}),
    ("Excel at communication and time keeping", {"excel", "spreadsheets"}),
    ("Please find a CV attached; my CV template is attached too", {"computer_vision"}),
    ("The rest of the team moved to the new office", {"rest_apis"}),
    ("Worked with Ann Lee on onboarding", {"neural_networks"}),
    ("A hive of activity during the holiday season", {"apache_hive", "hive"}),
    ("Proficient in MS Office and MS Teams", {"masters"}),
    ("Ran A/B testing and hypothesis testing for pricing", {"software_testing"}),
    ("Designed a word cloud poster for the fair", {"cloud_platforms"}),
    ("Fed the python at the reptile house", {"python"}),
]

# Genuine uses of the same words, found by both taxonomies.
GENUINE: list[tuple[str, str]] = [
    ("Languages: Python, R, Go, C", "go"),
    ("Languages: Python, R, Go, C", "r"),
    ("Languages: Python, R, Go, C", "c"),
    ("Built ETL jobs on Hadoop, Spark and Hive", "hive"),
    ("Regression testing with pytest and unit testing", "software_testing"),
    ("Image classification with OpenCV; CV: object detection", "computer_vision"),
    ("Built REST APIs with Flask", "rest_apis"),
    ("Wrote Python scripts to clean data", "python"),
]


def _ids(detection: Detection) -> set[str]:
    return {s.id for s in detection.skills if s.explicit}


@pytest.mark.parametrize(("sentence", "forbidden"), TRAPS)
def test_trap_is_no_skill_with_the_test_taxonomy(sentence: str, forbidden: set[str]) -> None:
    assert text_ids(sentence) & forbidden == set()


@pytest.mark.parametrize(("sentence", "forbidden"), TRAPS)
def test_trap_is_no_skill_with_the_builtin_taxonomy(sentence: str, forbidden: set[str]) -> None:
    detector = get_detector(builtin_taxonomy())
    for kind in ("experience", "summary", "other"):
        assert _ids(detector.detect([section(kind, sentence)])) & forbidden == set(), kind


@pytest.mark.parametrize(("sentence", "forbidden"), TRAPS)
def test_trap_in_a_list_line_is_still_no_skill(sentence: str, forbidden: set[str]) -> None:
    assert skills_line_ids(sentence) & forbidden == set()


@pytest.mark.parametrize(("sentence", "expected"), GENUINE)
def test_genuine_use_counts_with_the_builtin_taxonomy(sentence: str, expected: str) -> None:
    detector = get_detector(builtin_taxonomy())
    assert expected in _ids(detector.detect([section("experience", sentence)]))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Languages: Python, R, Go, C", {"python", "r", "go", "c"}),
        ("Hadoop, Pig, Hive", {"apache_pig", "apache_hive"}),
        ("Regression testing with pytest", {"software_testing"}),
        ("Linear regression model for churn", {"regression"}),
        ("CV: object detection with OpenCV", {"computer_vision"}),
        ("REST endpoints for the billing service", {"rest_apis"}),
        ("MS in Computer Science, Stanford University", {"masters"}),
        ("Pivot tables in Excel spreadsheets", {"excel"}),
    ],
)
def test_genuine_use_counts_with_the_test_taxonomy(sentence: str, expected: set[str]) -> None:
    assert expected <= text_ids(sentence)
