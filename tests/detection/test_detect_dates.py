"""Date ranges in experience entries and the years of use they give skills."""

from __future__ import annotations

import pytest

from gapcheck.detection.dates import (
    DateRange,
    Month,
    entry_for,
    find_ranges,
    latest_date,
    parse_today,
)
from gapcheck.errors import UsageError
from gapcheck.records import Detection, FoundSkill, Line, Section
from tests.support.detect_helpers import detector

TODAY = Month(2026, 11)


def years(text: str, today: Month | None = TODAY) -> list[float | None]:
    return [None if (y := r.years(today)) is None else round(y, 2) for r in find_ranges(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019 – present", [7.92]),  # Jan 2019 .. Nov 2026 inclusive: 95 months
        ("Jan 2020 - Mar 2022", [2.25]),
        ("06/2018–08/2019", [1.25]),
        ("Sept 2018 – May 2023", [4.75]),
        ("May 2022 – Aug 2022", [0.33]),
        ("Mar. 2010 \u00ad Aug. 2017", [7.5]),
        ("2016 - 2018", [2.0]),
        ("2019 to 2019", [0.5]),
        ("June 2023 – Current", [3.5]),
        ("Mar. 2016 - Exp. Jun. 2017", [1.33]),
        ("Jan 2019 - Dec 2019, Mar 2021 - Apr 2021", [1.0, 0.17]),
    ],
)
def test_date_range_durations(text: str, expected: list[float]) -> None:
    assert years(text) == expected


@pytest.mark.parametrize(
    "text", ["Python 3.10 - 2 years", "Phone 555-2019-2020x", "ID 12/2019-", "2M+ users"]
)
def test_things_that_are_not_date_ranges(text: str) -> None:
    assert find_ranges(text) == []


def test_present_without_today_is_unknown() -> None:
    assert DateRange(Month(2020, 1), None).years(None) is None


def test_latest_date_is_the_stand_in_for_today() -> None:
    texts = ["Sept 2018 – May 2023", "Last updated in Mar 2026", "ICML 2022", "Served 2050 users"]
    assert latest_date(texts) == Month(2026, 3)
    assert latest_date(["February 10, 2027 · Curriculum Vitae"]) == Month(2027, 2)
    assert latest_date(["2015 - 2019", "NeurIPS 2024"]) == Month(2019, None)
    assert latest_date(["no dates here"]) is None


@pytest.mark.parametrize("today", ["2026", "21/11/2026", "2026-13-01", "soon"])
def test_a_bad_today_is_a_usage_error(today: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_today(today)


def _line(number: int, text: str, y0: float = 0.0, column: int = 0, page: int = 1) -> Line:
    return Line(
        text=text, page=page, number=number, y0=y0, y1=y0 + 10 if y0 else 0.0, column=column
    )


def test_entry_is_the_nearest_range_above_a_line() -> None:
    lines = [
        _line(1, "Acme, Engineer", 700),
        _line(2, "Bullet one", 680),
        _line(3, "Bullet two", 660),
        _line(4, "Beta, Intern", 640),
        _line(5, "Bullet three", 620),
        # A layout that prints the dates in their own column, after the text in reading order.
        _line(6, "Jan 2020 – Dec 2021", 700, column=2),
        _line(7, "May 2019 – Aug 2019", 640, column=2),
    ]
    from gapcheck.detection.dates import entries

    dated = entries(lines)
    assert entry_for(lines[2], dated).line.number == 6
    assert entry_for(lines[4], dated).line.number == 7


def test_entry_in_reading_order_without_positions() -> None:
    from gapcheck.detection.dates import entries

    lines = [
        _line(1, "Acme 2018 - 2020"),
        _line(2, "Built things"),
        _line(3, "Beta 2020 - 2022"),
        _line(4, "More"),
    ]
    dated = entries(lines)
    assert entry_for(lines[1], dated).line.number == 1
    assert entry_for(lines[3], dated).line.number == 3


def _skill(detection: Detection, skill_id: str) -> FoundSkill:
    return next(s for s in detection.skills if s.id == skill_id)


def test_years_of_use_sum_over_entries() -> None:
    lines = (
        _line(1, "Acme Corp, ML Engineer  Jan 2020 – Present"),
        _line(2, "Trained PyTorch models with Python"),
        _line(3, "Beta Ltd, Intern  Jun 2018 – Aug 2018"),
        _line(4, "Wrote Python scripts"),
    )
    experience = Section("experience", "Experience", lines, "cv.pdf")
    detection = detector().detect([experience], today="2022-12-31")
    assert _skill(detection, "pytorch").years == 3.0  # Jan 2020 .. Dec 2022
    python = _skill(detection, "python")
    assert python.years == 3.2  # 3.0 + 0.25
    assert sorted(e.years for e in python.evidence if e.years) == [0.2, 3.0]


def test_years_use_the_latest_date_when_today_is_not_given() -> None:
    lines = (_line(1, "Acme 2020 - present"), _line(2, "Python services"))
    other = Section("other", "", (_line(3, "Updated March 2021"),), "cv.pdf")
    detection = detector().detect([Section("experience", "Experience", lines, "cv.pdf"), other])
    assert _skill(detection, "python").years == 1.2  # Jan 2020 .. Mar 2021


def test_no_years_outside_experience() -> None:
    lines = (_line(1, "Course 2019 - 2021"), _line(2, "Used Python"))
    detection = detector().detect([Section("education", "Education", lines, "cv.pdf")])
    assert _skill(detection, "python").years is None
