"""The seniority an analysis uses (gapcheck.scoring.level.choose_level): given, or read
from a made-up background, each rule with the evidence its reason names."""

from __future__ import annotations

from gapcheck.detection.background import read_background
from gapcheck.records import Background, Degree, Detection, Evidence, Position
from gapcheck.scoring.level import (
    ENTRY_MAX_YEARS,
    LEAD_MIN_YEARS,
    PHD_MIN_YEARS,
    SENIOR_MIN_YEARS,
    choose_level,
)
from tests.support.detect_helpers import builtin_taxonomy, section


def evidence(text: str) -> Evidence:
    return Evidence(text, text, 0, len(text), 1, 1, "education", "Education", "r", "rule", 0.6)


def degree(level: str, field: str, year: int | None, *, in_progress: bool = False) -> Degree:
    return Degree(level, field, evidence(f"{level} in {field}"), year, in_progress)


def position(title: str, kinds: tuple[str, ...], start: str, end: str) -> Position:
    first_year, first_month = map(int, start.split("-"))
    last_year, last_month = map(int, end.split("-"))
    months = (last_year - first_year) * 12 + last_month - first_month + 1
    return Position(title, kinds, start, end, round(months / 12, 2), evidence(title))


def level(bg: Background) -> tuple[str, str]:
    choice = choose_level(bg, None)
    assert choice.inferred
    return choice.level, choice.reason


def test_a_given_level_is_used_as_given() -> None:
    choice = choose_level(Background(years_experience=12.0), "entry")
    assert (choice.level, choice.reason, choice.inferred) == ("entry", "given with --level", False)


def test_thresholds_keep_their_order() -> None:
    assert ENTRY_MAX_YEARS < LEAD_MIN_YEARS < SENIOR_MIN_YEARS and PHD_MIN_YEARS > 0


def test_no_dated_work_is_entry() -> None:
    assert level(Background()) == ("entry", "entry: no dated work experience found")


def test_a_degree_in_progress_is_entry() -> None:
    bg = Background(degrees=(degree("bachelors", "physics", 2027, in_progress=True),))
    assert level(bg) == ("entry", "entry: degree in progress (bachelors in physics, expected 2027)")


def test_a_degree_in_progress_after_years_of_work_goes_by_the_years() -> None:
    work = position("Developer", ("software",), "2016-01", "2021-12")
    bg = Background(
        degrees=(degree("masters", "computer science", 2027, in_progress=True),),
        positions=(work,),
        years_experience=6.0,
    )
    assert level(bg)[0] == "senior"


def test_only_internships_is_entry() -> None:
    bg = Background(positions=(position("ML Intern", ("ml", "intern"), "2024-06", "2024-08"),))
    assert level(bg) == ("entry", "entry: only an internship or student role")


def test_under_two_years_is_entry() -> None:
    work = position("Data Engineer", ("data",), "2025-06", "2026-11")
    bg = Background(positions=(work,), years_experience=1.5)
    assert level(bg) == ("entry", "entry: 1.5 years of experience since 2025")


def test_two_to_five_years_is_mid() -> None:
    work = position("Software Engineer", ("software",), "2023-05", "2026-11")
    bg = Background(
        degrees=(degree("bachelors", "computer science", 2023),),
        positions=(work,),
        years_experience=3.5,
    )
    assert level(bg) == ("mid", "mid: 3.5 years of experience since 2023")


def test_over_five_years_is_senior_and_names_a_lead_title() -> None:
    bg = Background(
        positions=(
            position("Staff Engineer", ("software", "lead"), "2021-01", "2026-11"),
            position("Software Engineer", ("software",), "2016-01", "2020-12"),
        ),
        years_experience=10.9,
    )
    assert level(bg) == ("senior", "senior: 10.9 years of experience since 2016, staff title")


def test_a_lead_title_with_three_years_is_senior() -> None:
    cto = position("Co-Founder & CTO", ("lead",), "2023-06", "2026-11")
    bg = Background(positions=(cto,), years_experience=3.5)
    assert level(bg) == ("senior", "senior: CTO title and 3.5 years of experience since 2023")


def test_a_lead_title_in_a_first_job_is_not_seniority() -> None:
    lead = position("Team Lead", ("lead",), "2025-01", "2026-11")
    bg = Background(positions=(lead,), years_experience=1.9)
    assert level(bg)[0] == "entry"


def test_a_phd_and_three_years_after_it_is_senior() -> None:
    bg = Background(
        degrees=(degree("phd", "physics", 2022),),
        positions=(position("Research Scientist", ("research",), "2022-07", "2026-06"),),
        years_experience=4.0,
    )
    assert level(bg) == ("senior", "senior: PhD (2022) and 4 years of work since")


def test_work_before_a_phd_does_not_count_after_it() -> None:
    bg = Background(
        degrees=(degree("phd", "physics", 2025),),
        positions=(position("Research Engineer", ("research",), "2021-01", "2024-12"),),
        years_experience=4.0,
    )
    assert level(bg) == ("mid", "mid: 4 years of experience since 2021")


def test_work_only_before_the_first_degree_is_entry() -> None:
    bg = Background(
        degrees=(degree("bachelors", "history", 2024),),
        positions=(position("Cashier", (), "2019-01", "2022-12"),),
        years_experience=0.0,
    )
    assert level(bg) == ("entry", "entry: no work dated after the first degree (2024)")


def test_a_made_up_resume_end_to_end() -> None:
    bg = read_background(
        [
            section("experience", "Software Engineer, Quillsoft   Sept 2023 – Present"),
            section("education", "B.S. in Computer Science, Lakeside University, 2023"),
        ],
        Detection(skills=()),
        builtin_taxonomy(),
        "2026-11-21",
    )
    choice = choose_level(bg, None)
    assert (choice.level, choice.reason) == ("mid", "mid: 3.2 years of experience since 2023")
