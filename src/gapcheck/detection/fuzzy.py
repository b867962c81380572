"""Misspelled skill names ("Kubernates", "Tableu", "Pyhton", "Scikit lern"), guarded.

Only words that no term matched are tried: single words and runs of two or three words.
A run is compared with every eligible spelling with spaces and hyphens removed, using the
optimal-string-alignment similarity (a swap of two letters is one edit), as 0..100.

Guards (benchmarks/fuzzy_cutoff.py measures them; figures in benchmarks/README.md):
* MIN_LENGTH 5 and CUTOFF 82.5: 96% of typical one-edit typos of the taxonomy's names
  come back, while 0.09% of rare dictionary words (mostly inflections of the names
  themselves) and no ordinary word of the corpus resumes are taken for a skill;
* a frequent English word (or name), or the name of software the taxonomy lacks
  (data/known_names.txt: "Mathematica", "OpenGL"), is never taken for a misspelling,
  and neither is a word in capitals (acronyms and names are written on purpose) or an
  inflected ordinary word ("tableaux" is not "Tableau"); words that are all frequent
  count only when they spell a name exactly once joined ("Tensor Flow");
* the first letter must agree and the lengths may differ by at most two letters;
* a run of words must be misspelled word by word: each word that differs from the
  name's word is at most two edits and 75% alike ("Scikit lern", not "Snakemake
  pipelines" for "SageMaker Pipelines");
* spellings with a one-letter word or a slash are no target ("R programming", "A/B test");
* target terms must be spelled out: no acronym, no one-letter or ambiguous term, no
  singular the detector derives, and no term the taxonomy writes as a lowercase ordinary
  word ("testing", "attention"); a misspelling of a name that is also an English word
  ("Pyhton", "Tablaeu") counts only where that word in lowercase would (ambiguity.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.vocabulary import Term, Vocabulary
from gapcheck.detection.words import never_misspelled, ordinary_words

MIN_LENGTH = 5  # letters in the candidate, spaces removed
CUTOFF = 82.5  # OSA similarity x 100: one edit from 6 letters on, two from 12
MAX_LENGTH_GAP = 2
MAX_WORDS = 3
# In a run of words, each misspelled word on its own: at most two edits, 75% alike.
MAX_WORD_EDITS = 2
MIN_WORD_SIMILARITY = 0.75
_STOP = frozenset(
    {"and", "or", "of", "the", "a", "an", "in", "on", "for", "to", "with", "at", "by"}
)
# Each start of `size` open tokens in a row, in a mask of one byte per token (1: open).
_OPEN_RUN = {size: re.compile(b"(?=" + b"\x01" * size + b")") for size in range(2, MAX_WORDS + 1)}
# In lowercase ASCII, the characters `squash` drops (it keeps letters, digits, + and #).
_NOT_SQUASHED_ASCII = re.compile(r"[^0-9a-z+#]")
# What `_plausible_word` asks of an ASCII token: letters, digits and "+#." only, and a
# small letter (a letter, and not all capitals).
_PLAUSIBLE_ASCII = re.compile(r"[0-9A-Z+#.]*[a-z][0-9A-Za-z+#.]*")


@dataclass(frozen=True)
class FuzzyMatch:
    start: int  # tokens [start, end) of the line
    end: int
    term: Term
    score: float  # 0..100


def squash(text: str) -> str:
    lowered = text.lower()
    if lowered.isascii():  # the common case, without a Python loop over the characters
        return _NOT_SQUASHED_ASCII.sub("", lowered)
    return _squash_lowered(lowered)


def _squash_lowered(lowered: str) -> str:
    """`squash` of any lowercased text, one character at a time."""
    return "".join(ch for ch in lowered if ch.isalnum() or ch in "+#")


def eligible_target(term: Term, spelling: str, min_length: int = MIN_LENGTH) -> bool:
    """May a misspelling land on this spelling? Only spelled-out words qualify."""
    if term.kind != "skill" or term.casing in ("acronym", "ambiguous", "singular"):
        return False
    if spelling.islower() and spelling in ordinary_words():
        return False
    words = re.split(r"[\s-]+", spelling)
    if "/" in spelling or any(len(word) < 2 for word in words):
        return False  # "A/B tests" squashes to "abtests", "R programming" to "rprogramming"
    return len(squash(spelling)) >= min_length


class FuzzyIndex:
    """The spellings fuzzy matching may land on, and a cache of answers by candidate text."""

    def __init__(
        self, vocabulary: Vocabulary, *, cutoff: float = CUTOFF, min_length: int = MIN_LENGTH
    ) -> None:
        self.cutoff = cutoff
        self.min_length = min_length
        by_spelling: dict[str, list[Term]] = {}
        words: dict[str, set[tuple[str, ...]]] = {}
        for index, term in enumerate(vocabulary.terms):
            for spelling in sorted(vocabulary.variants[index]):
                if eligible_target(term, spelling, min_length):
                    by_spelling.setdefault(squash(spelling), []).append(term)
                    split = tuple(squash(w) for w in re.split(r"[\s-]+", spelling) if squash(w))
                    words.setdefault(squash(spelling), set()).add(split)
        self._terms = by_spelling
        self._words = words
        # Spellings by (first letter, length): the only ones a candidate is compared with.
        self._buckets: dict[tuple[str, int], list[str]] = {}
        for spelling in sorted(by_spelling):
            self._buckets.setdefault((spelling[0], len(spelling)), []).append(spelling)
        self.best = lru_cache(maxsize=20_000)(self._best)

    # Pickled into gapcheck's on-disk cache without the answer cache, which is per process.
    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["best"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.best = lru_cache(maxsize=20_000)(self._best)

    def _best(self, text: str) -> tuple[str, float] | None:
        choices = [
            spelling
            for length in range(len(text) - MAX_LENGTH_GAP, len(text) + MAX_LENGTH_GAP + 1)
            for spelling in self._buckets.get((text[0], length), ())
        ]
        if not choices:
            return None
        found = process.extractOne(
            text, choices, scorer=OSA.normalized_similarity, score_cutoff=self.cutoff / 100
        )
        if found is None:
            return None
        return found[0], round(float(found[1]) * 100, 1)

    def exact(self, text: str) -> bool:
        return text in self._terms

    def terms(self, spelling: str) -> list[Term]:
        return self._terms[spelling]

    def word_by_word(self, words: Sequence[str], spelling: str) -> bool:
        """Is a run of words a misspelling of `spelling` word by word?

        "Scikit lern" is "scikit learn" with one word off by a letter; "Snakemake
        pipelines" is as close to "SageMaker Pipelines" overall, but its first word is
        another name. A spelling with another number of words ("Tensor Flow") passes.
        """
        aligned = [w for w in self._words.get(spelling, ()) if len(w) == len(words)]
        if not aligned:
            return True
        return any(
            all(
                a == b
                or (
                    OSA.distance(a, b) <= MAX_WORD_EDITS
                    and OSA.normalized_similarity(a, b) >= MIN_WORD_SIMILARITY
                )
                for a, b in zip(words, target, strict=True)
            )
            for target in aligned
        )


def _plausible_word(token_text: str) -> bool:
    """Could this token be part of a misspelled skill name?"""
    if token_text.isascii():  # the same test as below, without Python loops
        return _PLAUSIBLE_ASCII.fullmatch(token_text) is not None
    return _plausible_any(token_text)


def _plausible_any(token_text: str) -> bool:
    """`_plausible_word` for any text, one character at a time."""
    if not any(ch.isalpha() for ch in token_text):
        return False
    if token_text.isupper():
        return False
    return all(ch.isalnum() or ch in "+#." for ch in token_text)


# Every token of every line is tested, and most are common words: short tokens are
# answered from a bounded cache; longer ones (addresses, hostile runs of letters) are
# tested afresh, so the cache never holds more than a few hundred kilobytes.
_plausible_short_word = lru_cache(maxsize=8192)(_plausible_word)
_CACHED_LENGTH = 32


def fuzzy_matches(
    tokens: LineTokens, taken: Sequence[tuple[int, int]], index: FuzzyIndex
) -> list[FuzzyMatch]:
    """Misspelled terms among the tokens no term matched (longest runs first)."""
    texts = tokens.texts
    # open_[i]: token i may be part of a misspelling (no term took it, it looks like a word).
    open_ = [
        _plausible_short_word(text) if len(text) <= _CACHED_LENGTH else _plausible_word(text)
        for text in texts
    ]
    for start, end in taken:
        for i in range(start, end):
            open_[i] = False
    if not any(open_):
        return []
    frequent = never_misspelled()
    ordinary = ordinary_words()
    lowered = tokens.lowers
    found: list[FuzzyMatch] = []
    # Where `size` open tokens stand in a row, found by a regular expression over one
    # byte per token (1: open) rather than by a Python loop over the tokens.
    mask = bytes(open_)
    matched = False  # a match closes its tokens: from then on, runs are checked again
    for size in range(MAX_WORDS, 0, -1):
        # Most runs fail these cheap tests; the rest are tried in order.
        if size == 1:  # a single frequent word is never a misspelling
            starts = [i for i, word in enumerate(lowered) if open_[i] and word not in frequent]
        else:
            starts = [window.start() for window in _OPEN_RUN[size].finditer(mask)]
        for start in starts:
            stop = start + size
            if matched and not all(open_[start:stop]):
                continue
            if lowered[start] in _STOP or lowered[stop - 1] in _STOP:
                continue
            text = squash("".join(texts[start:stop]))
            if len(text) < index.min_length:
                continue
            split_name = size > 1 and index.exact(text)  # "Tensor Flow" is TensorFlow
            if not split_name and all(word in frequent for word in lowered[start:stop]):
                continue
            best = index.best(text)
            if best is None:
                continue
            spelling, score = best
            if spelling in ordinary and text.startswith(spelling):
                continue  # "tableaux", "pythons": the word inflected, not the name misspelled
            run = [squash(t) for t in texts[start:stop]]
            if size > 1 and not index.word_by_word(run, spelling):
                continue
            for term in index.terms(spelling):
                found.append(FuzzyMatch(start, stop, term, score))
            for i in range(start, stop):
                open_[i] = False
            matched = True
    return found
