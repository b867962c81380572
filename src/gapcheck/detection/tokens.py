"""A spaCy tokenizer tuned for skill names.

spacy.blank("en") keeps "C++/C#" and "algorithms(SVM" as single tokens and splits "C#"
into two. Skill text needs the opposite: split on list punctuation wherever it stands
("CI/CD" -> CI / CD, "algorithms(SVM, CNN)" -> algorithms ( SVM , CNN )), split hyphens
between words ("scikit-learn" -> scikit - learn, so "Go-to-market" shows its parts), but
keep symbols that belong to a name ("C++", "C#", ".NET", "Node.js", "tf.keras") and
dotted abbreviations ("B.S.", "Ph.D."). Terms are tokenized by the same tokenizer, so a
term and its occurrence always split the same way.
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # Cython, no stub

# Opening punctuation and bullets that may stick to the front of a word.
_PREFIX = re.compile(r"""^[(\[{"'<«•·▪●◦‣∙⋅*~|,;:!?=>$-]""")
# Closing punctuation, a possessive 's, a per cent sign ("91%" -> 91 %, so that "%" can be
# a cue word), and a final full stop (kept by abbreviations below).
_SUFFIX = re.compile(r"""(?:[)\]}"'»,;:!?|•·=<>%]|'s|\.)$""")
# List punctuation anywhere, hyphens between word characters, and the dots before a web
# domain and its ending, so that "github.com/name" and "name.github.io" show "github".
_INFIX = re.compile(
    r"""[/,;|()\[\]{}•·▪●◦‣∙⋅=<>]"""
    r"""|(?<=[A-Za-z0-9])[-](?=[A-Za-z0-9])"""
    r"""|(?<=[a-z0-9])\.(?=(?:[a-z0-9-]+\.)?(?:com|org|io|net|edu|dev|ai|co|me)\b)"""
    r"""|:(?=/)"""
)
# Abbreviations whose full stops are part of the word: B.S., M.Sc., Ph.D., e.g.
_ABBREVIATION = re.compile(r"^(?:[A-Za-z]{1,2}\.){2,}$")


def make_nlp() -> Language:
    """A blank English pipeline whose tokenizer is the one described above."""
    nlp = spacy.blank("en")
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=_PREFIX.search,
        suffix_search=_SUFFIX.search,
        infix_finditer=_INFIX.finditer,
        token_match=_ABBREVIATION.match,
        url_match=None,
    )
    return nlp
