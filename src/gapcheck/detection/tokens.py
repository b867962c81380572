"""A spaCy tokenizer tuned for skill names.

spacy.blank("en") keeps "C++/C#" and "algorithms(SVM" as single tokens and splits "C#"
into two. Skill text needs the opposite: split on list punctuation wherever it stands
("CI/CD" -> CI / CD, "algorithms(SVM, CNN)" -> algorithms ( SVM , CNN )), split hyphens
between words ("scikit-learn" -> scikit - learn, so "Go-to-market" shows its parts), but
keep symbols that belong to a name ("C++", "C#", ".NET", "Node.js", "tf.keras") and
dotted abbreviations ("B.S.", "Ph.D."). Terms are tokenized by the same tokenizer, so a
term and its occurrence always split the same way.

Tokenizing adds every word not seen before to the vocabulary (a lexeme and its strings),
and spaCy never takes one out: a process reading thousands of resumes would grow by some
130 entries a resume. So documents are tokenized by a `DocumentTokenizer`, with a
vocabulary apart from the taxonomy's, which it replaces by a fresh one once it holds
`MAX_DOCUMENT_STRINGS` strings. The phrase matchers compare the hashes of the tokens'
strings, which are the same in every vocabulary, so what they find does not change.
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # Cython, no stub
from spacy.tokens import Doc
from spacy.util import get_lang_class
from spacy.vocab import Vocab, create_vocab

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
    nlp.tokenizer = _tokenizer(nlp.vocab)
    return nlp


def _tokenizer(vocab: Vocab) -> Tokenizer:
    return Tokenizer(
        vocab,
        rules={},
        prefix_search=_PREFIX.search,
        suffix_search=_SUFFIX.search,
        infix_finditer=_INFIX.finditer,
        token_match=_ABBREVIATION.match,
        url_match=None,
    )


# Strings a document vocabulary may hold before it is replaced (the taxonomy's holds
# ~10,000; a resume adds ~130 to ~450). Each costs ~0.5 KB; a fresh vocabulary costs
# almost nothing to make, and its first documents some re-made entries.
MAX_DOCUMENT_STRINGS = 50_000


class DocumentTokenizer:
    """`make_nlp()`'s tokenizer for documents' text, with a vocabulary of its own that is
    replaced by a fresh one past `max_strings` strings, so it never grows without bound.

    Every fresh vocabulary computes a word's attributes (lowercase, shape, is_alpha...)
    with the blank English pipeline's functions, so its tokens are the same. A Doc keeps
    its vocabulary alive: Docs made before a renewal stay valid. Pickled, a
    DocumentTokenizer is only its bound, and starts afresh wherever it is loaded.
    """

    def __init__(self, max_strings: int | None = None) -> None:
        self.max_strings = MAX_DOCUMENT_STRINGS if max_strings is None else max_strings
        # Where fresh vocabularies get their functions: the blank English vocabulary alone
        # (~1 ms), not a whole blank pipeline (~150 ms, paid again wherever one is unpickled).
        self._blank = create_vocab("en", get_lang_class("en").Defaults)
        self._tokenizer = self._fresh()
        self.renewals = 0  # fresh vocabularies made since the first

    def _fresh(self) -> Tokenizer:
        blank = self._blank
        return _tokenizer(
            Vocab(
                lex_attr_getters=blank.lex_attr_getters,  # type: ignore[attr-defined]
                writing_system=blank.writing_system,
                get_noun_chunks=blank.get_noun_chunks,
            )
        )

    def __call__(self, text: str) -> Doc:
        tokenizer = self._tokenizer
        if len(tokenizer.vocab.strings) > self.max_strings:
            tokenizer = self._tokenizer = self._fresh()
            self.renewals += 1
        doc: Doc = tokenizer(text)
        return doc

    @property
    def strings(self) -> int:
        """How many strings the current vocabulary holds."""
        return len(self._tokenizer.vocab.strings)

    def __reduce__(self) -> tuple[type[DocumentTokenizer], tuple[int]]:
        return DocumentTokenizer, (self.max_strings,)
