"""Frequent technical-looking terms in a document that no skill matched: what the taxonomy
may lack (acronyms, CamelCase, names with digits, capitalised names inside sentences,
short list items). `taxonomy build` lists them under its counts."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from gapcheck.authoring.lines import detector_lines, locate
from gapcheck.authoring.text import Unit
from gapcheck.records import Detection
from gapcheck.taxonomy.model import Taxonomy

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}s?\b")
_MIXED_CASE = re.compile(
    r"\b[A-Za-z]*[a-z][A-Z][\w.+#-]*|\b[A-Za-z]+\d+[\w.+#-]*|\b[A-Za-z]+[+#]+(?!\w)"
)
_TITLE_RUN = re.compile(
    r"(?<![\w.])(?:[A-Z][\w'’.+-]*[a-z0-9][\w'’.+-]*\s+){1,3}[A-Z][\w'’.+-]*(?![\w])"
)
LIST_ITEM_MAX_WORDS = 4


def _known_terms(taxonomy: Taxonomy) -> set[str]:
    known: set[str] = set()
    for skill in taxonomy.skills:
        known.update(t.casefold() for t in (skill.name, *skill.aliases, *skill.narrower))
        known.update(rule.term.casefold() for rule in skill.ambiguous)
    for cert in taxonomy.certifications:
        known.update(t.casefold() for t in (cert.name, *cert.aliases))
    return known


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list; no model is loaded

    return frozenset(STOP_WORDS)


def uncovered_terms(
    units: Sequence[Unit], detection: Detection, taxonomy: Taxonomy
) -> Counter[str]:
    """Technical-looking terms in a document's units that no skill or certification
    matched (`detection`: the detector's answer on the units' detector_lines)."""
    lines = detector_lines(units)
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    evidences = [e for skill in detection.skills for e in skill.evidence if e.method != "implied"]
    evidences += [held.evidence for held in detection.certifications]
    for evidence in evidences:
        located = locate(lines, evidence)
        if located is not None:
            unit, start, end = located
            # Position unknown (a rejoined hyphenated word): the whole unit counts as covered.
            covered[unit].append(
                (start, end) if start is not None and end is not None else (0, 10**6)
            )
    from gapcheck.detection.words import ordinary_words

    known = _known_terms(taxonomy)
    # Stop words, and English words written in capitals ("COMPANY:", "REQUIRED").
    stop = _stop_words() | ordinary_words()
    found: Counter[str] = Counter()

    def keep(term: str, unit: int, start: int, end: int) -> None:
        term = term.strip(" .,;:()'’\"")
        if len(term) < 2 or term.casefold() in known or term.casefold() in stop:
            return
        if any(s < end and start < e for s, e in covered.get(unit, ())):
            return
        found[term] += 1

    for index, piece in enumerate(units):
        for pattern in (_ACRONYM, _MIXED_CASE):
            for match in pattern.finditer(piece.text):
                keep(match.group(0), index, match.start(), match.end())
        if not piece.is_heading:
            for match in _TITLE_RUN.finditer(piece.text):
                if match.start() > 0:  # a sentence's first word is capitalised anyway
                    keep(match.group(0), index, match.start(), match.end())
        words = piece.text.split()
        if piece.list_item and 0 < len(words) <= LIST_ITEM_MAX_WORDS and ":" not in piece.text:
            keep(piece.text, index, 0, len(piece.text))
    return found
