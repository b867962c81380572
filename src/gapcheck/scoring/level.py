"""The seniority an analysis uses: given with --level, or read from the background.

    choose_level(background, given) -> LevelChoice

Inferred, first rule that holds:

1. entry: a degree still in progress and under ENTRY_MAX_YEARS of work besides it;
2. senior: more than SENIOR_MIN_YEARS of professional work;
3. senior: a lead title (lead, staff, principal, head, manager, director, architect,
   CTO, VP, chief) and at least LEAD_MIN_YEARS of work;
4. senior: a finished PhD and at least PHD_MIN_YEARS of work after it;
5. mid: at least ENTRY_MAX_YEARS of work;
6. entry: the rest (new graduates, students, internships only, no dated work).

Years are Background.years_experience (gapcheck.detection.positions: no internships or
student roles, overlaps once, nothing before the first bachelor's). The reason always
names the evidence: "senior: 9.3 years of experience since 2017, Director title".
"""

from __future__ import annotations

from gapcheck.detection.degrees import completion_index
from gapcheck.detection.positions import covered_years, experience_start, lead_word, spans
from gapcheck.records import Background, Degree, LevelChoice, Position

# Under two years after a first degree a person is still learning the job: the guides'
# entry level is new graduates and juniors, and postings ask "0-2 years" for it.
ENTRY_MAX_YEARS = 2.0
# Over five years is where postings and the guides' seniority description put "senior".
SENIOR_MIN_YEARS = 5.0
# A lead, manager or architect title is seniority only with real time at work behind it:
# a founder's or team lead's title in a first job is not.
LEAD_MIN_YEARS = 3.0
# A PhD is itself years of research; three more years of work after it weigh like five
# after a bachelor's.
PHD_MIN_YEARS = 3.0


def _years(value: float) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} year" if text == "1" else f"{text} years"


def _studying(degree: Degree) -> str:
    """ "B.S. in Physics, expected 2027": the degree in progress as written, and when."""
    phrase = degree.evidence.matched.strip(" ,;|-–—")
    return f"{phrase}, expected {degree.year}" if degree.year else phrase


def _professional(background: Background) -> list[Position]:
    return [p for p in background.positions if "intern" not in p.kinds]


def _since(background: Background) -> str:
    """The year professional work starts being counted, as " since 2017"."""
    _, first = covered_years(spans(_professional(background)), experience_start(background.degrees))
    return f" since {first // 12}" if first is not None else ""


def _lead_title(background: Background) -> str:
    for position in sorted(_professional(background), key=lambda p: -p.years):
        if "lead" in position.kinds:
            word = lead_word(position.title)
            # "CTO", "VP" stay as written; "Director", "LEADER" read as words.
            return word if word.isupper() and len(word) <= 4 else word.lower()
    return ""


def _years_after_phd(background: Background) -> tuple[int, float] | None:
    finished = [d for d in background.degrees if d.level == "phd" and not d.in_progress and d.year]
    if not finished:
        return None
    year = min(d.year for d in finished if d.year)
    start = completion_index(year)
    years, _ = covered_years(spans(_professional(background)), start)
    return year, years


def choose_level(background: Background, given: str | None) -> LevelChoice:
    """The level to score against, and why (see the module docstring)."""
    if given:
        return LevelChoice(given, "given with --level", inferred=False)
    years = background.years_experience
    studying = [d for d in background.degrees if d.in_progress]
    if studying and years < ENTRY_MAX_YEARS:
        return LevelChoice("entry", f"entry: degree in progress ({_studying(studying[0])})", True)
    since = _since(background)
    experience = f"{_years(years)} of experience{since}"
    lead = _lead_title(background)
    if years > SENIOR_MIN_YEARS:
        title = f", {lead} title" if lead else ""
        return LevelChoice("senior", f"senior: {experience}{title}", True)
    if lead and years >= LEAD_MIN_YEARS:
        return LevelChoice("senior", f"senior: {lead} title and {experience}", True)
    after_phd = _years_after_phd(background)
    if after_phd and after_phd[1] >= PHD_MIN_YEARS:
        year, work = after_phd
        return LevelChoice("senior", f"senior: PhD ({year}) and {_years(work)} of work since", True)
    if years >= ENTRY_MAX_YEARS:
        return LevelChoice("mid", f"mid: {experience}", True)
    if years > 0:
        return LevelChoice("entry", f"entry: {experience}", True)
    return LevelChoice("entry", _no_work_reason(background), True)


def _no_work_reason(background: Background) -> str:
    """Why no year of work counts: none dated, only student roles, or all before the
    first degree was finished."""
    if not background.positions:
        return "entry: no dated work experience found"
    if not _professional(background):
        count = len(background.positions)
        roles = (
            "an internship or student role"
            if count == 1
            else f"{count} internships or student roles"
        )
        return f"entry: only {roles}"
    start = experience_start(background.degrees)
    first = [d for d in background.degrees if d.level in ("associate", "bachelors") and d.year]
    when = f" ({min(d.year for d in first if d.year)})" if first and start is not None else ""
    return f"entry: no work dated after the first degree{when}"
