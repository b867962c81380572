"""Longest match: which of the accepted terms on one line stand, when terms overlap."""

from __future__ import annotations

from dataclasses import dataclass

from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.vocabulary import Candidate, Term
from gapcheck.detection.words import ordinary_words


@dataclass(frozen=True)
class Accepted:
    candidate: Candidate
    method: str  # "exact", "alias" or "rule" (counted because of its context)


def overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _width(tokens: LineTokens, candidate: Candidate) -> int:
    start, end = tokens.char_span(candidate.start, candidate.end)
    return end - start


def longest(tokens: LineTokens, accepted: list[Accepted]) -> list[Accepted]:
    """Longest match wins, separately for skills and for certifications.

    Two terms on exactly the same words both count (the taxonomy gave them the same
    spelling). A shorter term inside a longer one is dropped, unless it fills one
    slash-separated part of it ("C/C++" names both C and C++), or it is the product a
    longer term of another skill is named after ("GitHub Actions" names GitHub too).
    Terms of two skills that only share words both count: "text classification model"
    names text classification and a classification model. A generic skill that ends a
    longer term of another skill, after a word of its own, is named too: "Deep Neural
    Networks" are neural networks, "Large Language Models" language models, "Google
    Cloud" a cloud (not through a hyphen: "self-supervised learning" is not supervised
    learning; nor an acronym: "Vertex AI" is a product, not the field).
    """
    if len(accepted) < 2:  # nothing to compare
        return accepted
    kept: list[Accepted] = []
    ranked = sorted(
        accepted,
        key=lambda a: (-_width(tokens, a.candidate), a.candidate.start, a.candidate.term.target),
    )
    for item in ranked:
        c = item.candidate
        clash = False
        for other in kept:
            o = other.candidate
            if o.term.kind != c.term.kind or not overlaps(c, o):
                continue
            if (o.start, o.end) == (c.start, c.end):
                continue
            if _names_the_product(c, o) or _generic_tail(tokens, c, o):
                continue
            if _side_by_side(c, o):
                continue
            if not _slash_part(tokens, c, o):
                clash = True
                break
        if not clash:
            kept.append(item)
    kept.sort(key=lambda a: (a.candidate.start, a.candidate.end, a.candidate.term.target))
    return kept


def _side_by_side(inner: Candidate, outer: Candidate) -> bool:
    """Two skills' terms that overlap without one holding the other."""
    holds = outer.start <= inner.start and inner.end <= outer.end
    return not holds and inner.term.target != outer.term.target


def _product_name(term: Term) -> bool:
    """ "GitHub", "AWS", "Vertex AI", "Azure", "Docker": a name, not a field written in
    sentence case ("Machine learning", "Classification"), whose capital says nothing."""
    text = term.text
    if any(c.isupper() for c in text[1:]):
        return True
    if " " in text or not text[:1].isupper():
        return False
    return term.casing == "word" or text.lower() not in ordinary_words()


def _names_the_product(inner: Candidate, outer: Candidate) -> bool:
    """The longer term starts with the shorter one, a product of another skill:
    "GitHub Actions" (CI/CD) names GitHub, "TensorFlow Serving" (deployment) TensorFlow."""
    return (
        inner.start == outer.start
        and inner.end < outer.end
        and inner.term.target != outer.term.target
        and inner.term.casing != "ambiguous"
        and _product_name(inner.term)
    )


def _generic_tail(tokens: LineTokens, inner: Candidate, outer: Candidate) -> bool:
    """The shorter term ends the longer one of another skill after a separate word:
    "Deep [Neural Networks]", "Large [Language Models]", "Google [Cloud]"."""
    return (
        inner.end == outer.end
        and outer.start < inner.start
        and inner.term.target != outer.term.target
        and inner.term.casing != "acronym"
        and not tokens.glued[inner.start - 1]
        and tokens.texts[inner.start - 1].isalpha()
    )


def _slash_part(tokens: LineTokens, inner: Candidate, outer: Candidate) -> bool:
    if not (outer.start <= inner.start and inner.end <= outer.end):
        return False
    left = inner.start == outer.start or tokens.texts[inner.start - 1] == "/"
    right = inner.end == outer.end or tokens.texts[inner.end] == "/"
    touches_slash = inner.start > outer.start or inner.end < outer.end
    return left and right and touches_slash
