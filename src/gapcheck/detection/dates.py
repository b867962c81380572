"""Date ranges of experience entries and the years of use they give a skill.

An experience entry carries a range such as "2019 – present", "Jan 2020 - Mar 2022",
"Sept 2018 – May 2023" or "06/2018–08/2019". A skill named in the entry's lines gets
the entry's duration; a skill used in several entries gets the sum.

Durations: with months on both ends the range counts inclusively ("May 2022 – Aug 2022"
is 4 months); with a year alone on either end the missing month is taken as January and
the end month is not counted ("2016 – 2018" is 2 years); a range within one year with no
months counts 6 months. "Present", "current", "now" and "ongoing" mean `today`; when no
`today` is given, the latest date written anywhere in the document stands for it, so the
result never depends on the clock.

Which entry a line belongs to: the nearest date range at or above it on the page (a PDF's
right-aligned dates stand on the entry's title row, above its bullets), falling back to
the nearest range before it in reading order when lines carry no positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gapcheck.errors import UsageError
from gapcheck.records import Line

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20\d\d)"
MAX_ROW_TOLERANCE = 6.0  # points: half a line of resume text


def _date(tag: str) -> str:
    """A year, optionally after a month name ("Sept.", "March 3,") or number ("06/")."""
    day = r"(?:\s*\d{1,2}(?:st|nd|rd|th)?,)?"
    return (
        rf"(?:(?P<{tag}_name>{_MONTH_NAMES})\.?{day},?\s*|(?P<{tag}_num>0?[1-9]|1[0-2])\s*[/.]\s*)?"
        rf"(?P<{tag}_year>{_YEAR})"
    )


_DASH = r"\s*(?:[-\u00ad\u2010-\u2015~]|\bto\b|\buntil\b|\btill\b)\s*"
_PRESENT = r"(?P<present>present|current|currently|now|today|ongoing|date)"
_EXPECTED = r"(?:(?:exp(?:ected)?\.?|anticipated)\s*)?"
RANGE = re.compile(
    rf"(?<![\w/.]){_date('a')}{_DASH}{_EXPECTED}(?:{_date('b')}|{_PRESENT})(?![\w/])",
    re.IGNORECASE,
)
SINGLE_DATE = re.compile(rf"(?<![\w/.]){_date('a')}(?![\w/])", re.IGNORECASE)
# A year anywhere: a line without one has no date, and RANGE is slow to find that out.
_ANY_YEAR = re.compile(_YEAR)


@dataclass(frozen=True)
class Month:
    year: int
    month: int | None  # None: the year alone was written

    @property
    def index(self) -> int:
        return self.year * 12 + (self.month or 1) - 1


@dataclass(frozen=True)
class DateRange:
    start: Month
    end: Month | None  # None: "present"

    def years(self, today: Month | None) -> float | None:
        """Duration in years; None for a range that runs to "present" when today is unknown."""
        end = self.end or today
        if end is None:
            return None
        if self.start.month is None and end.month is None:
            months = 12 * (end.year - self.start.year) or 6
        elif end.month is None:
            months = end.index - self.start.index
        else:
            months = end.index - self.start.index + 1
        return max(months, 0) / 12


def _month(match: re.Match[str], tag: str) -> Month:
    name = match.group(f"{tag}_name")
    number = match.group(f"{tag}_num")
    month = _MONTHS[name.lower()] if name else (int(number) if number else None)
    return Month(int(match.group(f"{tag}_year")), month)


def find_ranges(text: str) -> list[DateRange]:
    if _ANY_YEAR.search(text) is None:  # most lines: every range holds a year
        return []
    return _ranges(text)


def _ranges(text: str) -> list[DateRange]:
    """The date ranges in a text known to hold a year."""
    ranges = []
    for match in RANGE.finditer(text):
        end = None if match.group("present") else _month(match, "b")
        ranges.append(DateRange(_month(match, "a"), end))
    return ranges


def latest_date(texts: Iterable[str]) -> Month | None:
    """The latest date written in the texts: range ends and dates with a month.

    A bare year outside a range ("ICML 2022", "2050 users") may be anything and is left out.
    """
    found: list[Month] = []
    for text in texts:
        if _ANY_YEAR.search(text) is None:  # every date holds a year
            continue
        for date_range in _ranges(text):
            found.append(date_range.start)
            if date_range.end is not None:
                found.append(date_range.end)
        found.extend(
            _month(match, "a")
            for match in SINGLE_DATE.finditer(text)
            if match.group("a_name") or match.group("a_num")
        )
    return max(found, key=lambda month: month.index, default=None)


def parse_today(today: str) -> Month:
    """The month of an ISO date ("2026-11-21")."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", today.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise UsageError("--today", f"'{today}' is not a date", "write it as YYYY-MM-DD")
    return Month(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class Entry:
    """A date range and the line it stands on."""

    line: Line
    range: DateRange


def entries(lines: Sequence[Line]) -> list[Entry]:
    return [Entry(line, found) for line in lines for found in find_ranges(line.text)]


def _has_position(line: Line) -> bool:
    return line.y1 > 0 or line.y0 > 0


def entry_for(line: Line, candidates: Sequence[Entry]) -> Entry | None:
    """The entry `line` belongs to: the nearest date range at or above it.

    Ranges in the line's own column are preferred; a layout that prints the dates in a
    column of their own (right-aligned beside the titles) falls back to any column.
    """
    return EntryFinder(candidates).entry_for(line)


class EntryFinder:
    """`entry_for` over one section's entries, asked for line after line: what depends
    only on the entries (are they all placed on the page, which stand in which column)
    is worked out once."""

    def __init__(self, candidates: Sequence[Entry]) -> None:
        self.candidates = list(candidates)
        self.placed = all(_has_position(e.line) for e in self.candidates)
        self.columns: dict[int, list[Entry]] = {}
        for entry in self.candidates:
            self.columns.setdefault(entry.line.column, []).append(entry)

    def entry_for(self, line: Line) -> Entry | None:
        """See the module function `entry_for`."""
        candidates = self.candidates
        if not candidates:
            return None
        if not (_has_position(line) and self.placed):
            before = [e for e in candidates if e.line.number <= line.number]
            return max(before, key=lambda e: e.line.number) if before else None
        # A date on the title row may sit a little lower than the title itself, but less
        # than half a line: a range lower than that starts the next entry.
        tolerance = min(0.5 * max(line.y1 - line.y0, line.size, 2.0), MAX_ROW_TOLERANCE)
        same_column = self.columns.get(line.column, [])
        for pool in (same_column, candidates):
            above = [
                e for e in pool if e.line.page == line.page and e.line.y1 >= line.y0 - tolerance
            ]
            if above:
                return min(above, key=lambda e: (e.line.y0, e.line.number))
        for pool in (same_column, candidates):
            earlier = [e for e in pool if e.line.page < line.page]
            if earlier:
                return max(earlier, key=lambda e: (e.line.page, -e.line.y0, e.line.number))
        return None
