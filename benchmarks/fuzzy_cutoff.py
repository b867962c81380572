"""Choose the fuzzy-matching guards from measurements.

    python benchmarks/fuzzy_cutoff.py [--taxonomy my.yaml]

For each minimum length and similarity cutoff it measures, through the detector's own
code path (gapcheck.detection.fuzzy.fuzzy_matches):

* recovered: the share of typical one-edit misspellings of the taxonomy's spelled-out
  terms (a letter dropped, doubled, swapped with its neighbour, or replaced by a
  neighbouring key), made with a fixed seed, that come back as the right skill;
* rare words: the share of English dictionary words outside the frequent-words list
  (/usr/share/dict/american-english, when installed) that are wrongly taken for a skill;
* resume words: how many distinct words of the real resumes in ../shared/corpus that no
  term matches exactly are taken for a skill (each one is printed for the chosen row, to
  be checked by eye: a real misspelling there is a good match).
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from gapcheck.detection.fuzzy import FuzzyIndex, eligible_target, fuzzy_matches, squash
from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.vocabulary import Vocabulary
from gapcheck.detection.words import frequent_words
from gapcheck.taxonomy.loading import load_taxonomy

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
DICTIONARY = Path("/usr/share/dict/american-english")
SEED = 20261121
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _neighbours() -> dict[str, str]:
    near: dict[str, str] = {}
    for r, row in enumerate(KEYBOARD):
        for c, key in enumerate(row):
            keys = row[max(c - 1, 0) : c + 2].replace(key, "")
            for other in (r - 1, r + 1):
                if 0 <= other < len(KEYBOARD):
                    keys += KEYBOARD[other][max(c - 1, 0) : c + 2]
            near[key] = keys
    return near


NEAR = _neighbours()


def misspellings(word: str, rng: random.Random) -> list[str]:
    """One typo of each kind, at random positions inside the word (never the first letter)."""
    if len(word) < 4:
        return []
    out = []
    i = rng.randrange(1, len(word))
    out.append(word[:i] + word[i + 1 :])  # dropped letter
    i = rng.randrange(1, len(word))
    out.append(word[:i] + word[i] + word[i:])  # doubled letter
    i = rng.randrange(1, len(word) - 1)
    out.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped neighbours
    i = rng.randrange(1, len(word))
    if word[i] in NEAR:
        out.append(word[:i] + rng.choice(NEAR[word[i]]) + word[i + 1 :])  # neighbouring key
    return [typo for typo in out if typo != word]


def _matches(vocabulary: Vocabulary, index: FuzzyIndex, text: str) -> set[str]:
    doc = vocabulary.make_doc(text)
    return {m.term.target for m in fuzzy_matches(LineTokens(doc), [], index)}


def corpus_words(vocabulary: Vocabulary) -> list[str]:
    from pdfminer.high_level import extract_text

    words: set[str] = set()
    for pdf in sorted(CORPUS.glob("*.pdf")):
        doc = vocabulary.make_doc(extract_text(str(pdf)))
        taken = {t.i for c in vocabulary.candidates(doc) for t in doc[c.start : c.end]}
        words |= {t.text for t in doc if t.is_alpha and t.i not in taken}
    return sorted(words)


def rare_words() -> list[str]:
    if not DICTIONARY.exists():
        return []
    frequent = frequent_words()
    words = (w.strip() for w in DICTIONARY.read_text(encoding="utf-8").splitlines())
    return sorted({w for w in words if re.fullmatch(r"[a-z]{4,}", w) and w not in frequent})


def measure(
    vocabulary: Vocabulary,
    positives: Sequence[tuple[str, str]],
    rare: Sequence[str],
    resume: Sequence[str],
    min_length: int,
    cutoff: float,
) -> tuple[float, float, list[str]]:
    index = FuzzyIndex(vocabulary, cutoff=cutoff, min_length=min_length)
    recovered = sum(1 for typo, target in positives if target in _matches(vocabulary, index, typo))
    wrong_rare = sum(1 for word in rare if _matches(vocabulary, index, word))
    wrong_resume = [
        f"{w}->{','.join(sorted(_matches(vocabulary, index, w)))}"
        for w in resume
        if _matches(vocabulary, index, w)
    ]
    return (
        recovered / max(len(positives), 1),
        wrong_rare / max(len(rare), 1),
        wrong_resume,
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--taxonomy", type=Path)
    parser.add_argument(
        "--show", default="6:85", help="min_length:cutoff whose resume words to list"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    vocabulary = Vocabulary(load_taxonomy(args.taxonomy))
    rng = random.Random(SEED)
    frequent = frequent_words()
    targets = sorted(
        {
            (spelling, term.target)
            for i, term in enumerate(vocabulary.terms)
            for spelling in vocabulary.variants[i]
            if eligible_target(term, spelling, 1) and " " not in spelling and spelling.isalpha()
        }
    )
    positives = [
        (typo, target)
        for spelling, target in targets
        for typo in misspellings(spelling.lower(), rng)
        if typo not in frequent and squash(typo) not in {squash(s) for s, _ in targets}
    ]
    rare = rare_words()
    resume = corpus_words(vocabulary) if CORPUS.exists() else []
    print(
        f"{len(positives)} misspellings of {len(targets)} one-word terms; "
        f"{len(rare)} rare dictionary words; {len(resume)} unmatched resume words\n"
    )
    print("min_len cutoff  recovered  rare-words-matched  resume-words-matched")
    shown: list[str] = []
    for min_length in (4, 5, 6, 7):
        for cutoff in (75.0, 80.0, 82.5, 85.0, 87.5, 90.0):
            recovered, rare_rate, wrong = measure(
                vocabulary, positives, rare, resume, min_length, cutoff
            )
            row = f"{min_length:>7} {cutoff:>6.1f}  {recovered:>9.3f}  {rare_rate:>18.4f}"
            print(f"{row}  {len(wrong):>20}")
            if args.show == f"{min_length}:{cutoff:g}":
                shown = wrong
    print(f"\nresume words matched at {args.show}: {', '.join(shown) or '(none)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
