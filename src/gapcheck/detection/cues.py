"""A rule's cues and reject phrases: where they hold around a term (used by ambiguity.py).

A cue stands within CUE_WINDOW tokens of the term; a cue that contains the term itself
("in R", "Apache Spark") must match around this very occurrence. Cue words match their
plural ("endpoint" holds for "endpoints"); cues and reject phrases match in British and
American spelling alike, so one rule serves both ("optimisation", "optimization").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.logical_lines import LogicalLine
from gapcheck.detection.vocabulary import Candidate, spelling_swaps

CUE_WINDOW = 5  # tokens either side; a cue further away usually belongs to another item


def same_word(written: str, cue: str) -> bool:
    """Cue words match their plural too: the cue "endpoint" holds for "endpoints"."""
    return (
        written == cue
        or written in (cue + "s", cue + "es")
        or cue in (written + "s", written + "es")
    )


def _written_forms(cue_word: str) -> set[str]:
    """Every written word `_same_word` takes for `cue_word`."""
    forms = {cue_word, cue_word + "s", cue_word + "es"}
    if cue_word.endswith("s"):
        forms.add(cue_word[:-1])
    if cue_word.endswith("es"):
        forms.add(cue_word[:-2])
    return forms


def _matches_at(words: Sequence[str], position: int, cue: Sequence[str]) -> bool:
    if position < 0 or position + len(cue) > len(words):
        return False
    return all(same_word(words[position + i], word) for i, word in enumerate(cue))


@dataclass(frozen=True)
class _CuePlan:
    """A rule's cues, arranged for one term (the lowercase words of the matched term).

    A cue that contains the term ("in R", "Apache Spark") must stand around this very
    occurrence (`anchored`, with the term's offsets inside the cue). Any other cue may
    stand anywhere in the window; `by_first_word` finds those by the written form of
    their first word, so that the window is read once instead of once per cue.
    """

    anchored: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]
    by_first_word: dict[str, list[tuple[str, ...]]]
    longest: int  # words in the longest free cue
    empty: bool  # a cue of no words (an empty string in the taxonomy) holds anywhere


@lru_cache(maxsize=512)  # rules x spellings of their terms: a few hundred at most
def _cue_plan(cues: tuple[tuple[str, ...], ...], term: tuple[str, ...]) -> _CuePlan:
    anchored = []
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    longest = 0
    empty = False
    for cue in cues:
        offsets = tuple(
            i for i in range(len(cue) - len(term) + 1) if cue[i : i + len(term)] == term
        )
        if offsets:
            anchored.append((cue, offsets))
        elif not cue:
            empty = True
        else:
            for form in _written_forms(cue[0]):
                by_first_word.setdefault(form, []).append(cue)
            longest = max(longest, len(cue))
    return _CuePlan(tuple(anchored), by_first_word, longest, empty)


def cue_near(tokens: LineTokens, candidate: Candidate, cues: Sequence[tuple[str, ...]]) -> bool:
    start, end = candidate.start, candidate.end
    words = tokens.lowers
    plan = _cue_plan(tuple(cues), words[start:end])
    for cue, offsets in plan.anchored:  # "in R": the cue must stand around this occurrence
        if any(_matches_at(words, start - i, cue) for i in offsets):
            return True
    if plan.empty:
        return True
    # A free cue counts from CUE_WINDOW words before the term to CUE_WINDOW after it,
    # not overlapping the term itself.
    low = max(0, start - CUE_WINDOW - plan.longest + 1)
    for position in range(low, min(len(words), end + CUE_WINDOW)):
        for cue in plan.by_first_word.get(words[position], ()):
            if position < start - CUE_WINDOW - len(cue) + 1:
                continue  # this cue would end before the window
            inside = position + len(cue) > start and position < end
            if not inside and _matches_at(words, position, cue):
                return True
    return False


@lru_cache(maxsize=1024)  # the taxonomy's reject phrases: a few dozen
def _reject_pattern(phrase: str) -> re.Pattern[str]:
    """A reject phrase in either spelling ("cost optimisation" and "cost optimization")."""
    forms = sorted({phrase} | spelling_swaps(phrase), key=len, reverse=True)
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=512)  # the rules' cue lists: a few dozen
def rule_cues(
    cues: tuple[str, ...], tokenize: Callable[[str], tuple[str, ...]]
) -> list[tuple[str, ...]]:
    """A rule's cues, tokenized, each also in its other spelling ("visualisation")."""
    forms = dict.fromkeys(form for cue in cues for form in (cue, *sorted(spelling_swaps(cue))))
    return [tokenize(form) for form in forms]


def rejected_by_rule(
    line: LogicalLine, tokens: LineTokens, candidate: Candidate, rejects: Sequence[str]
) -> bool:
    start, end = tokens.char_span(candidate.start, candidate.end)
    for phrase in rejects:
        for found in _reject_pattern(phrase).finditer(line.norm):
            if found.start() < end and start < found.end():
                return True
    return False
