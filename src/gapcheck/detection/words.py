"""Frequent English words, read once from data/common_words.tsv.

`FREQUENT` holds every listed word (names and brands included): a token in it is never
taken for a misspelled skill. `ORDINARY` holds those a dictionary lists in lowercase
("spark", "excel", "python"): a skill term that is such a word counts in lowercase only
where the context shows it is meant as a skill. `KNOWN_NAMES` (data/known_names.txt)
holds names of software the taxonomy has no entry for: written on purpose, never a
misspelling of a skill.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _load() -> tuple[frozenset[str], frozenset[str]]:
    text = (resources.files("gapcheck") / "data" / "common_words.tsv").read_text(encoding="utf-8")
    frequent: set[str] = set()
    ordinary: set[str] = set()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, _, flag = line.partition("\t")
        frequent.add(word)
        if flag == "1":
            ordinary.add(word)
    return frozenset(frequent), frozenset(ordinary)


def frequent_words() -> frozenset[str]:
    return _load()[0]


def ordinary_words() -> frozenset[str]:
    return _load()[1]


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Lowercase names of software and products that are never misspellings."""
    text = (resources.files("gapcheck") / "data" / "known_names.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


@lru_cache(maxsize=1)
def never_misspelled() -> frozenset[str]:
    """Frequent words and known names: no token among them is a misspelled skill."""
    return frequent_words() | known_names()
