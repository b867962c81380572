"""Whether extracted text can be trusted, and the errors and warnings that say why not.

Two failures look alike to a skill matcher ("no skills found") but need different
advice: a PDF without a text layer (a scan, or text turned into vector outlines) and a
PDF whose fonts carry no Unicode map (text decodes to "(cid:72)" placeholders, control
characters, or letter salad). Both are refused here rather than scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gapcheck.errors import UnreadableError
from gapcheck.reading import limits

# Lower-case Latin words of four letters or more almost always contain a vowel in any
# language that uses Latin script; letter salad from a broken font map mostly does not.
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")
_VOWEL = re.compile(r"[aeiouy]")
MIN_WORDS_FOR_SALAD_TEST = 40
SALAD_SHARE = 0.45
# A textless page drawn with this many vector paths most likely holds outlined text.
OUTLINE_PATHS = 50


def unreadable_share(readable: int, unreadable: int) -> float:
    total = readable + unreadable
    return unreadable / total if total else 0.0


def salad_share(lines: Iterable[str]) -> float:
    """Share of lower-case words without a vowel (0 when there are too few to judge)."""
    words = [w for line in lines for w in _LOWER_WORD.findall(line)]
    if len(words) < MIN_WORDS_FOR_SALAD_TEST:
        return 0.0
    return sum(1 for w in words if not _VOWEL.search(w)) / len(words)


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


def check_garbled(source: str, share: float, lines: Iterable[str]) -> None:
    """Raise UnreadableError when too much text could not be decoded."""
    if share > limits.GARBLED_SHARE:
        raise UnreadableError(
            source,
            f"text looks garbled: the PDF's fonts lack a Unicode map "
            f"({share:.0%} of characters cannot be decoded)",
            "export it again with standard fonts (or save as DOCX); "
            "scoring it would report every skill as missing",
        )
    salad = salad_share(lines)
    if salad > SALAD_SHARE:
        raise UnreadableError(
            source,
            f"text looks garbled: the fonts map glyphs to the wrong letters "
            f"({salad:.0%} of words have no vowel)",
            "export it again with standard fonts (or save as DOCX); "
            "scoring it would report every skill as missing",
        )


def unreadable_warning(share: float) -> str | None:
    if share > limits.UNREADABLE_WARN_SHARE:
        return (
            f"{share:.0%} of the text could not be decoded (fonts without a Unicode map): "
            "skills written in those fonts may be missed"
        )
    return None
