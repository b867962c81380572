"""Frequent English words, read once from data/common_words.tsv.

`FREQUENT` holds every listed word (names and brands included): a token in it is never
taken for a misspelled skill. `ORDINARY` holds those a dictionary lists in lowercase
("spark", "excel", "python"): a skill term that is such a word counts in lowercase only
where the context shows it is meant as a skill.
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
