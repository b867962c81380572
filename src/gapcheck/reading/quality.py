"""Whether extracted text can be trusted, and the errors and warnings that say why not.

Several failures look alike to a skill matcher ("no skills found") but need different
advice, and each is refused here rather than scored:

- no text layer: a scan, or text turned into vector outlines (`check_text_layer`), or
  pages that are images with only a stamp or a header line of text on them
  (`check_scanned_pages`: a text layer covering a small part of pages full of images);
- fonts without a Unicode map: glyphs decode to "(cid:72)" placeholders or control
  characters (`unreadable_share`, counted by the readers and by cleanup, in every format);
- fonts that map glyphs to the wrong letters: letter salad without vowels, an alphabet
  shifted by a few places ("Vrxudek Edmdm" for "Sourabh Bajaj"), or letters in pairs no
  written language uses (`letter_pairs`).

The letter-pair test is language-independent in this sense: it asks which pairs of
letters follow each other, not which words are used, so a resume in Spanish, Polish or
Vietnamese (accents folded) reads as text, while every shifted or scrambled alphabet
tried does not. The common pairs are derived from gapcheck's list of frequent words
(data/common_words.tsv). Scripts other than Latin are not judged by it.
"""

from __future__ import annotations

import functools
import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from gapcheck.errors import UnreadableError
from gapcheck.reading import limits
from gapcheck.support.text import strip_accents

# Lower-case Latin words of four letters or more almost always contain a vowel in any
# language that uses Latin script; letter salad from a broken font map mostly does not.
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")
_VOWEL = re.compile(r"[aeiouy]")
MIN_WORDS_FOR_SALAD_TEST = 40
SALAD_SHARE = 0.45
# A textless page drawn with this many vector paths most likely holds outlined text.
OUTLINE_PATHS = 50

# --- letter pairs. The pairs that make up this share of all pairs in the frequent words
# count as common (about 190 of the 676). Measured on the 47 real resumes of the
# development corpora: 85-92% of their pairs are common; on resume text written in 13
# other Latin-script languages: 66-95%; on those resumes with every shift of the alphabet
# and with scrambled alphabets: at most 48%.
COMMON_PAIRS_COVER = 0.90
PAIR_SOURCE_WORDS = 20_000  # the most frequent words the pairs are counted in
# Fewer Latin words than this and the text is too short to judge.
MIN_WORDS_FOR_PAIR_TEST = 40
# Below this share of common pairs the text is refused as garbled (real text: 66% and up).
GARBLED_PAIRS = 0.50
# Below this share (and above GARBLED_PAIRS) the text is used, with a warning.
DOUBTFUL_PAIRS = 0.60
# A shifted alphabet: shifting the letters back by some places gives text at least this
# plausible, and at least SHIFT_GAIN more plausible than the text as read. Real text
# never gains from a shift: each of the 25 shifts of a real resume scores 48% or less.
SHIFTED_READS_AS = 0.70
SHIFT_GAIN = 0.25
# Only text with this many different letter pairs is judged for a shift: a run of one
# letter ("aaaa") shifts into a common pair without being an alphabet shifted.
MIN_DISTINCT_PAIRS_FOR_SHIFT = 40

# --- scanned pages. A page whose images cover at least this share of its area and that
# holds fewer than SCANNED_PAGE_CHARACTERS characters of text is a scan: whatever text
# it has is a stamp, a header or a page number (a real resume page holds 1,000 or more).
SCANNED_IMAGE_COVER = 0.5
SCANNED_PAGE_CHARACTERS = 200

_LETTERS = re.compile(r"[^\W\d_]{2,}")
_ASCII_WORD = re.compile(r"[a-z]+")

_FIX_ADVICE = (
    "export it again with standard fonts (or save as DOCX); "
    "scoring it would report every skill as missing"
)


def unreadable_share(readable: int, unreadable: int) -> float:
    total = readable + unreadable
    return unreadable / total if total else 0.0


def salad_share(lines: Iterable[str]) -> float:
    """Share of lower-case words without a vowel (0 when there are too few to judge)."""
    words = _LOWER_WORD.findall("\n".join(lines))  # a line break is a word boundary too
    if len(words) < MIN_WORDS_FOR_SALAD_TEST:
        return 0.0
    return sum(1 for w in words if not _VOWEL.search(w)) / len(words)


@lru_cache(maxsize=1)
def common_pairs() -> frozenset[str]:
    """The letter pairs that make up COMMON_PAIRS_COVER of the pairs in frequent words."""
    data = resources.files("gapcheck") / "data" / "common_words.tsv"
    pairs: Counter[str] = Counter()
    words = 0
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word = line.partition("\t")[0]
        if _ASCII_WORD.fullmatch(word):
            pairs.update(word[i : i + 2] for i in range(len(word) - 1))
        words += 1
        if words >= PAIR_SOURCE_WORDS:
            break
    total, covered, common = sum(pairs.values()), 0, set()
    for pair, count in pairs.most_common():
        if covered >= COMMON_PAIRS_COVER * total:
            break
        common.add(pair)
        covered += count
    return frozenset(common)


@dataclass(frozen=True)
class LetterPairs:
    """How the letter pairs of a text's Latin words compare with written language."""

    words: int  # Latin words judged
    common: float  # share of the text's pairs that are common
    best_shift: int  # the shift of the alphabet (1-25) that makes the most pairs common
    shifted_common: float  # the share of common pairs after that shift
    distinct: int = 0  # how many different pairs the text holds

    @property
    def font_shift(self) -> int:
        """How many places on the alphabet the text's letters are from the true ones."""
        return (26 - self.best_shift) % 26

    @property
    def shifted(self) -> bool:
        return (
            self.distinct >= MIN_DISTINCT_PAIRS_FOR_SHIFT
            and self.shifted_common >= SHIFTED_READS_AS
            and self.shifted_common - self.common >= SHIFT_GAIN
        )


def letter_pairs(
    lines: Iterable[str], *, shifts_below: float | None = None
) -> LetterPairs | None:
    """The letter-pair measures of `lines`, or None when there are too few Latin words.

    With `shifts_below`, the shifts of the alphabet are only tried when the text's share
    of common pairs is below it: above, the text as read is its own best shift.
    """
    words: list[str] = []
    for token in _LETTERS.findall("\n".join(lines)):
        if token.isascii():  # letters only: lower-cased, it is already an ASCII word
            words.append(token)
            continue
        word = strip_accents(token)
        if _ASCII_WORD.fullmatch(word):  # else another script, or letters without an
            words.append(word)  # ASCII base (ł, ß)
    if len(words) < MIN_WORDS_FOR_PAIR_TEST:
        return None
    # Every pair of neighbouring characters of the words set apart by spaces, counted in
    # one pass; the pairs across a space are then dropped.
    text = " ".join(words).lower()
    counts = Counter(map(operator.add, text, text[1:]))
    for pair in [pair for pair in counts if " " in pair]:
        del counts[pair]
    total = sum(counts.values())
    if not total:
        return None

    def share(shift: int) -> float:
        # Pairs that read as common once shifted: looked up, not shifted pair by pair.
        common = _common_before_shift(shift).intersection(counts)
        return sum(map(counts.__getitem__, common)) / total

    common = share(0)
    if shifts_below is not None and common >= shifts_below:
        return LetterPairs(len(words), common, 0, common, len(counts))
    best = max(range(1, 26), key=share)
    return LetterPairs(len(words), common, best, share(best), len(counts))


def _shift(pair: str, places: int) -> str:
    return "".join(chr((ord(ch) - 97 + places) % 26 + 97) for ch in pair)


@functools.cache
def _common_before_shift(places: int) -> frozenset[str]:
    """The pairs that become common pairs when shifted by `places` (0: the common pairs)."""
    return frozenset(_shift(pair, -places) for pair in common_pairs())


def check_text_layer(
    source: str, characters: int, unreadable: int, images: int, paths: int
) -> None:
    """Raise UnreadableError when a PDF has (almost) no text to read."""
    if characters + unreadable >= limits.MIN_TEXT_CHARACTERS:
        return
    if images:
        what = "it is a scanned image"
    elif paths >= OUTLINE_PATHS:
        what = "its text was converted to vector outlines"
    else:
        what = "its pages hold no text"
    raise UnreadableError(
        source,
        f"the PDF has no text layer ({what})",
        "export it again with selectable text, or run OCR on it first (e.g. ocrmypdf)",
    )


def check_scanned_pages(
    source: str, characters: Sequence[int], image_cover: Sequence[float]
) -> str | None:
    """Refuse a PDF whose every page is a scan with at most a stamp of text on it; return
    a warning naming the scanned pages of a PDF that also has pages of real text."""
    scanned = [
        number
        for number, (chars, cover) in enumerate(zip(characters, image_cover, strict=True), 1)
        if cover >= SCANNED_IMAGE_COVER and chars < SCANNED_PAGE_CHARACTERS
    ]
    if not scanned:
        return None
    if len(scanned) == len(characters):
        total = sum(characters)
        raise UnreadableError(
            source,
            f"the PDF has no usable text layer: its pages are scanned images with only "
            f"{total} characters of text (a stamp or a header)",
            "export it again with selectable text, or run OCR on it first (e.g. ocrmypdf)",
        )
    pages = ", ".join(str(n) for n in scanned)
    return (
        f"page{'s' if len(scanned) > 1 else ''} {pages} {'are' if len(scanned) > 1 else 'is a'} "
        f"scanned image{'s' if len(scanned) > 1 else ''} without a text layer: "
        "what they show is not read (run OCR on the PDF to include it)"
    )


def check_garbled(
    source: str, share: float, lines: Sequence[str], *, kind: str = "pdf"
) -> str | None:
    """Raise UnreadableError when too much text could not be decoded or reads as garble;
    return a warning when its letter pairs are doubtful but not clearly garbled."""
    fonts = "the PDF's fonts" if kind == "pdf" else "the fonts of the document it came from"
    if share > limits.GARBLED_SHARE:
        cause = (
            "the PDF's fonts lack a Unicode map"
            if kind == "pdf"
            else "it holds placeholders such as (cid:72) instead of letters"
        )
        raise UnreadableError(
            source,
            f"text looks garbled: {cause} ({share:.0%} of characters cannot be decoded)",
            _FIX_ADVICE,
        )
    # A shifted alphabet first: the most precise diagnosis. A text whose pairs are mostly
    # common cannot gain SHIFT_GAIN by a shift (no share exceeds 1), so none is tried.
    pairs = letter_pairs(lines, shifts_below=1.0 - SHIFT_GAIN + 0.01)
    if pairs is not None and pairs.shifted:
        raise UnreadableError(
            source,
            f"text looks garbled: {fonts} map every letter to another (the alphabet is "
            f"shifted by {pairs.font_shift} places: shifted back, {pairs.shifted_common:.0%} "
            f"of its letter pairs are common ones, as read only {pairs.common:.0%})",
            _FIX_ADVICE,
        )
    salad = salad_share(lines)
    if salad > SALAD_SHARE:
        raise UnreadableError(
            source,
            f"text looks garbled: {fonts} map glyphs to the wrong letters "
            f"({salad:.0%} of words have no vowel)",
            _FIX_ADVICE,
        )
    if pairs is None:
        return None
    if pairs.common < GARBLED_PAIRS:
        raise UnreadableError(
            source,
            f"text looks garbled: {fonts} map glyphs to the wrong letters (only "
            f"{pairs.common:.0%} of its letter pairs are common ones; a resume has over 80%)",
            _FIX_ADVICE,
        )
    if pairs.common < DOUBTFUL_PAIRS:
        return (
            f"parts of the text may be garbled (only {pairs.common:.0%} of its letter pairs "
            "are common ones): skills in those parts may be missed"
        )
    return None


def unreadable_warning(share: float) -> str | None:
    if share > limits.UNREADABLE_WARN_SHARE:
        return (
            f"{share:.0%} of the text could not be decoded (fonts without a Unicode map): "
            "skills written in those fonts may be missed"
        )
    return None
