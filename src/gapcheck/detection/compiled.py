"""The taxonomy's compiled matchers, read from the on-disk cache when they were built before.

The cache itself (gapcheck.support.disk_cache) is generic; this module knows what a
vocabulary and a misspelling index depend on.
"""

from __future__ import annotations

import sys

from gapcheck.detection.fuzzy import FuzzyIndex
from gapcheck.detection.vocabulary import Vocabulary
from gapcheck.support.disk_cache import cached
from gapcheck.taxonomy.knowledge import derived
from gapcheck.taxonomy.model import Taxonomy


def vocabulary(taxonomy: Taxonomy) -> Vocabulary:
    """The taxonomy's terms and phrase matchers (gapcheck.detection.vocabulary), cached.

    Keyed by the taxonomy's content (its records' text, not its claimed digest, so a
    taxonomy built in code with a made-up digest cannot pick up another's matchers) and
    by the versions of the libraries whose objects the matchers hold.
    """
    return cached(
        "vocabulary", _vocabulary_parts(taxonomy), Vocabulary, lambda: Vocabulary(taxonomy)
    )


def fuzzy_index(taxonomy: Taxonomy, terms: Vocabulary) -> FuzzyIndex:
    """The misspelling index over `terms` (the vocabulary of `taxonomy`), cached like it:
    building it checks every spelling against the word lists (~30 ms a start)."""
    return cached("fuzzy", _vocabulary_parts(taxonomy), FuzzyIndex, lambda: FuzzyIndex(terms))


def _vocabulary_parts(taxonomy: Taxonomy) -> tuple[str, ...]:
    def parts() -> tuple[str, ...]:
        # Imported here so that the versions below never depend on what ran before.
        import rapidfuzz  # noqa: F401
        import spacy  # noqa: F401

        content = taxonomy.content_key
        libraries = [
            f"{name} {getattr(sys.modules.get(name), '__version__', '?')}"
            for name in ("spacy", "thinc", "numpy", "srsly", "rapidfuzz")
        ]
        return (content, *libraries)

    return derived(taxonomy, "vocabulary cache key", (), parts)
