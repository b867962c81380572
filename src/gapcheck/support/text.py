"""Plain-text primitives for words a reader sees: one clean line, numbers, shares.

Shared by the stages that write sentences (scoring's next steps) and by every output
format (gapcheck.report.display builds on these). Nothing here escapes: each renderer
escapes for its own medium.
"""

from __future__ import annotations

import math
import re
import unicodedata

WHITESPACE = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """Lower case without accents: "Formación" -> "formacion" (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Control characters, line and paragraph separators, and bidi embeddings and isolates.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """Text as one line: control and bidi-override characters dropped, whitespace collapsed.

    Bidi overrides are dropped because they can make a line display differently from what
    it says (a file name that reads backwards), which matters in a trust report.
    """
    # Fast path for the usual case (a report calls this some 500 times): printable text
    # holds no control, bidi or line-separator character and no whitespace but the plain
    # space, so only doubled spaces could change.
    if text.isprintable() and "  " not in text:
        return text.strip()
    return WHITESPACE.sub(" ", CONTROL.sub("", text)).strip()


def number(value: float) -> str:
    """A weight or point count: at most one decimal, no trailing '.0'."""
    if not math.isfinite(value):
        return "?"
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def points(value: float) -> str:
    """'1 point', '2.5 points'."""
    text = number(value)
    return f"{text} point" if text == "1" else f"{text} points"


def percent(share: float) -> str:
    """A 0..1 share as a whole percentage."""
    if not math.isfinite(share):
        return "?"
    return f"{round(100 * share):d}%"
