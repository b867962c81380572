"""Coordination ellipsis: two skills named with one shared word.

"supervised and unsupervised learning" names supervised learning; "model training and
evaluation" names model evaluation; "data/ETL pipelines" names data pipelines. English
leaves out the word the two coordinated items share, either at the end ("A and B tail":
A tail) or at the start ("head B and C": head C). For each "and", "or", "&" or "/" the
detector puts the left-out word back and asks the vocabulary whether the result is a
term of the taxonomy that needs no context (a rule's term, or a derived singular, needs
the context it stands in; here it has none of its own).

A word pair that starts no term of the taxonomy ("learning vision") is never tried, so
most conjunctions cost one set look-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.vocabulary import Term

CONJUNCTIONS = frozenset({"and", "or", "&", "/"})
_TAIL_WORDS = 2  # words of a shared tail after B ("learning", "neural networks")
_HEAD_WORDS = 2  # words of a shared head before B ("model", "machine learning")
_CASINGS = frozenset({"plain", "word", "acronym"})


@dataclass(frozen=True)
class Elided:
    """A term spelled out by restoring the shared words; tokens [start, end) hold it."""

    start: int
    end: int
    term: Term


def _word(text: str) -> bool:
    return text.isalpha() or (text.replace("-", "").isalnum() and any(c.isalpha() for c in text))


def _left_word(tokens: LineTokens, end: int) -> int | None:
    """The start of the word ending before token `end`, joining hyphenated parts
    ("semi-supervised"); None where no word stands there."""
    start = end - 1
    if start < 0 or not _word(tokens.texts[start]):
        return None
    while (
        start >= 2
        and tokens.texts[start - 1] == "-"
        and tokens.glued[start - 2]
        and tokens.glued[start - 1]
        and _word(tokens.texts[start - 2])
    ):
        start -= 2
    return start


def elided_terms(
    tokens: LineTokens,
    pairs: set[tuple[str, str]],
    whole_terms: Callable[[str], list[Term]],
) -> list[Elided]:
    """The skill terms the line names through a coordination ellipsis."""
    lowers = tokens.lowers
    found: list[Elided] = []
    for c, word in enumerate(lowers):
        if word not in CONJUNCTIONS or c == 0 or c + 1 >= len(lowers):
            continue
        a_start = _left_word(tokens, c)
        if a_start is None:
            continue
        left = lowers[a_start:c]
        # "A and B tail" -> "A tail": B is one word after the conjunction.
        for size in range(1, _TAIL_WORDS + 1):
            tail = lowers[c + 2 : c + 2 + size]
            if len(tail) < size or not all(_word(t) for t in tail):
                break
            if (left[-1], tail[0]) in pairs:
                for term in whole_terms(" ".join([*left, *tail])):
                    found.append(Elided(a_start, c + 2 + size, term))
        # "head B and C" -> "head C": B is the word before the conjunction.
        for size in range(1, _HEAD_WORDS + 1):
            head_end = a_start
            head_start = head_end - size
            if head_start < 0 or not all(_word(t) for t in lowers[head_start:head_end]):
                break
            head = lowers[head_start:head_end]
            for right in (1, 2):
                after = lowers[c + 1 : c + 1 + right]
                if len(after) < right or not all(_word(t) for t in after):
                    break
                if (head[-1], after[0]) in pairs:
                    for term in whole_terms(" ".join([*head, *after])):
                        found.append(Elided(head_start, c + 1 + right, term))
    return [e for e in found if e.term.kind == "skill" and e.term.casing in _CASINGS]
