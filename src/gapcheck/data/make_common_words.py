"""Regenerate common_words.tsv: the frequent English words the skill detector guards against.

The file lists the most frequent English words (wordfreq's top list, which also holds
names, places and brands) and marks those that an English dictionary lists in lowercase,
i.e. ordinary words such as "spark", "excel" or "python" as opposed to names such as
"julian". The detector uses it twice:

* a frequent word is never taken for a misspelled skill (fuzzy matching skips it);
* a skill term that is an ordinary word ("Spark", "Excel", "Swift") counts in lowercase
  only where the context shows a list of skills.

Run it by hand, never at run time (it needs two things gapcheck does not ship):

    pip install wordfreq                 # the frequency list
    apt-get install wamerican            # /usr/share/dict/american-english
    python -m gapcheck.data.make_common_words > src/gapcheck/data/common_words.tsv
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

TOP_WORDS = 40_000  # frequent enough that a typo is unlikely to collide with one
DICTIONARY = Path("/usr/share/dict/american-english")
WORD = re.compile(r"[a-z][a-z']*[a-z]")  # lowercase letters; one-letter words are skipped


def main() -> None:
    wordfreq = importlib.import_module("wordfreq")
    lowercase_entries = {
        line.strip()
        for line in DICTIONARY.read_text(encoding="utf-8").splitlines()
        if line.strip() and line.strip() == line.strip().lower()
    }
    out = sys.stdout
    out.write("# Frequent English words (wordfreq top list) and whether a dictionary lists them\n")
    out.write("# in lowercase (1: an ordinary word). Made by gapcheck/data/make_common_words.py.\n")
    seen: set[str] = set()
    for word in wordfreq.top_n_list("en", TOP_WORDS):
        if WORD.fullmatch(word) and word not in seen:
            seen.add(word)
            out.write(f"{word}\t{int(word in lowercase_entries)}\n")


if __name__ == "__main__":
    main()
