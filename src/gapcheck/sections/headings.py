"""The heading vocabulary: which words name which kind of section.

The words are data, in headings.tsv beside this module (a heading or a language is added
there, not here), read once on first use. Lines are compared in the form
`normalize_heading` gives them: lower-case ASCII words, accents and punctuation dropped.

    heading_kind("Formación Académica:")  # "education": the line is a heading name
    keyword_kind("Relevant Projects")     # "projects": the line holds a heading word
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from gapcheck.support.text import strip_accents

SECTION_KINDS = (
    "header",
    "summary",
    "experience",
    "projects",
    "skills",
    "education",
    "certifications",
    "publications",
    "courses",
    "awards",
    "interests",
    "learning",
    "volunteering",
    "languages",
    "research",
    "other",
)
MAX_HEADING_WORDS = 6
MAX_HEADING_CHARS = 48

_DATA = "headings.tsv"
_USES = ("phrase", "keyword")
_NON_LETTERS = re.compile(r"[^a-z]+")
_ENUMERATION = re.compile(r"^(?:[0-9]+|[ivx]+|[a-z])[.)]\s+", re.I)


@dataclass(frozen=True)
class Vocabulary:
    """The entries of headings.tsv, each mapping normalized words to a section kind."""

    phrases: Mapping[str, str]  # a line that is exactly these words: "work history"
    keywords: Mapping[str, str]  # a word that makes a styled line a heading: "projects"
    squashed: Mapping[str, str]  # phrases without spaces, for letter-spaced headings


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary in headings.tsv; a malformed entry raises ValueError naming its line."""
    text = (resources.files("gapcheck.sections") / _DATA).read_text(encoding="utf-8")
    tables: dict[str, dict[str, str]] = {use: {} for use in _USES}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if (
            len(fields) != 3
            or fields[0] not in tables
            or fields[1] not in SECTION_KINDS
            or fields[2] in tables[fields[0]]
            or normalize_heading(fields[2]) != fields[2]
        ):
            raise ValueError(
                f"{_DATA} line {number}: {line!r} is not '<phrase|keyword> TAB <kind> TAB "
                "<words>' with a known kind, normalized words and no repeat"
            )
        use, kind, words = fields
        tables[use][words] = kind
    phrases = tables["phrase"]
    squashed = {phrase.replace(" ", ""): kind for phrase, kind in phrases.items()}
    return Vocabulary(phrases=phrases, keywords=tables["keyword"], squashed=squashed)


def normalize_heading(text: str) -> str:
    """Lower-case ASCII words: "Formación Académica:" -> "formacion academica"."""
    text = _ENUMERATION.sub("", text.strip())
    ascii_text = strip_accents(text).replace("&", " and ").replace("ß", "ss")
    return " ".join(_NON_LETTERS.sub(" ", ascii_text).split())


def heading_kind(text: str) -> str | None:
    """The kind of section a line names exactly ("Work History" -> experience), else None."""
    normal = normalize_heading(text)
    if not normal or len(normal) > MAX_HEADING_CHARS:
        return None
    words = vocabulary()
    kind = words.phrases.get(normal) or words.squashed.get(normal.replace(" ", ""))
    if kind is None and normal.endswith(" and"):
        kind = words.phrases.get(normal[:-4])
    return kind


def keyword_kind(text: str) -> str | None:
    """The kind named by the first heading word in a short line, else None."""
    keywords = vocabulary().keywords
    for word in normalize_heading(text).split():
        if word in keywords:
            return keywords[word]
    return None
