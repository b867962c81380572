"""Small, pure text helpers shared by every output format.

Nothing here escapes: each renderer escapes for its own medium (jinja2 autoescape for
HTML, `markdown.escape` for Markdown, `terminal.clean` for the terminal). These helpers
only turn record values into the words and numbers a reader sees. The primitives they
build on (`one_line`, `number`, `points`, `percent`) live in gapcheck.support.text, where
scoring's next steps use them too.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from urllib.parse import urlsplit

from gapcheck.records import Evidence
from gapcheck.support.text import CONTROL as _CONTROL
from gapcheck.support.text import WHITESPACE as _WHITESPACE
from gapcheck.support.text import number, one_line

# Characters of context kept on each side of a match when a snippet is very long, so
# one runaway line (a whole page read as one line) cannot flood the report.
SNIPPET_CONTEXT = 120
ELLIPSIS = "…"

LEVEL_LABELS = {"entry": "Entry level", "mid": "Mid level", "senior": "Senior level"}
BAND_LABELS = {"weak": "Weak", "fair": "Fair", "good": "Good", "strong": "Strong"}
STATUS_LABELS = {
    "active": "Active",
    "active-unverified": "Active (not verified)",
    "retired": "Retired",
    "closed": "Closed",
    "superseded": "Superseded",
    "unknown": "Status unknown",
}
METHOD_LABELS = {
    "exact": "exact name",
    "alias": "alias",
    "fuzzy": "fuzzy match",
    "rule": "context rule",
    "implied": "implied",
}

_WINDOWS_PATH = re.compile(r"^([A-Za-z]:[\\/]|\\\\)")


def file_name(source: str) -> str:
    """The last component of `source`, so a report never shows a directory of the user's.

    Records are meant to carry names only; this guards against a path slipping through.
    A backslash separates directories only in a Windows path (drive letter or UNC share):
    on POSIX it is an ordinary character of a file name.
    """
    if "/" not in source and "\\" not in source:
        # Fast path for the usual case, a bare name (evidence carries one per item): with
        # no separator of either kind there is no directory to drop.
        return one_line(source)
    path = source.replace("\\", "/") if _WINDOWS_PATH.match(source) else source
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return one_line(name) or one_line(source)


# Identifiers are few (section kinds, roles, layouts, taxonomy ids) and a report asks for
# some of them once per evidence item; the bound keeps a batch's memory flat.
@lru_cache(maxsize=1024)
def humanize(identifier: str) -> str:
    """'deployment_mlops' -> 'Deployment mlops': a readable fallback for an unknown id."""
    words = identifier.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else identifier


def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, humanize(level))


def band_label(band: str) -> str:
    return BAND_LABELS.get(band, humanize(band))


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, humanize(status))


def strength_label(strength: float) -> str:
    """How convincingly a skill is shown: used in work > listed > only mentioned."""
    if strength >= 0.8:
        return "strong"
    if strength >= 0.5:
        return "moderate"
    return "weak"


def method_text(item: Evidence, skill_names: dict[str, str]) -> str:
    """How the skill was recognised, in words: 'fuzzy match (score 91)', 'implied by PyTorch'."""
    # Fallbacks are humanized only on a miss (not as a .get default, which would run
    # humanize for every evidence item).
    if item.method == "implied":
        if not item.via:
            return "implied"
        via = skill_names[item.via] if item.via in skill_names else humanize(item.via)
        return f"implied by {via}" if via else "implied"
    if item.method == "fuzzy" and item.score is not None and math.isfinite(item.score):
        return f"fuzzy match (score {round(item.score):d})"
    return METHOD_LABELS[item.method] if item.method in METHOD_LABELS else humanize(item.method)


def years_text(years: float | None) -> str:
    if years is None or not math.isfinite(years) or years <= 0:
        return ""
    if years < 1:
        return "under a year"
    text = number(years)
    return "1 year" if text == "1" else f"{text} years"


def highlight(item: Evidence) -> tuple[str, str, str]:
    """The evidence line split as (before, matched, after) for highlighting.

    Trusts `start`/`end` only when they point at `matched`; otherwise looks for `matched`
    case-insensitively, and if it is not there shows the line without a highlight.
    Long lines are cut to SNIPPET_CONTEXT characters around the match.
    """
    snippet = item.snippet
    start, end = item.start, item.end
    if not (0 <= start <= end <= len(snippet)) or snippet[start:end] != item.matched:
        found = snippet.casefold().find(item.matched.casefold()) if item.matched else -1
        if found < 0 or len(snippet.casefold()) != len(snippet):
            return _clip_tail(one_line(snippet)), "", ""
        start, end = found, found + len(item.matched)
    before, matched, after = snippet[:start], snippet[start:end], snippet[end:]
    return _clip_head(_collapse(before)), one_line(matched), _clip_tail(_collapse(after))


def _collapse(text: str) -> str:
    """Like one_line, but keeps a space at either edge so words around a match stay apart."""
    # The same fast path as one_line's (called twice per evidence item).
    if text.isprintable() and "  " not in text:
        return text
    return _WHITESPACE.sub(" ", _CONTROL.sub("", text))


def _clip_head(text: str) -> str:
    if len(text) <= SNIPPET_CONTEXT:
        return text.lstrip()
    return ELLIPSIS + text[-SNIPPET_CONTEXT:]


def _clip_tail(text: str) -> str:
    if len(text) <= SNIPPET_CONTEXT:
        return text.rstrip()
    return text[:SNIPPET_CONTEXT] + ELLIPSIS


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def safe_url(url: str | None) -> str | None:
    """Keep only http(s) links with a host: never javascript:, data:, file: or relative."""
    if not url:
        return None
    try:
        parts = urlsplit(one_line(url))
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return parts.geturl()
