"""The tokens of one logical line as plain tuples, read from the spaCy Doc once.

The context rules, the misspelling search and the evidence offsets look at the same
tokens many times over. Indexing a spaCy Doc builds a new Token object on every look;
reading each token's text, offset and trailing space once per line and indexing tuples
afterwards is several times faster, with the same answers.
The Doc stays at hand for what is read rarely (is_alpha, is_digit) and for the matchers.
"""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Doc


class LineTokens:
    """What the detector reads of each token of `doc`: index i is doc[i].

    Every line needs the tokens' texts, offsets and lowercase forms; whether a token is
    glued to the next is read on first use, since few lines need it.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        texts: list[str] = []
        starts: list[int] = []
        for token in doc:
            texts.append(token.text)
            starts.append(token.idx)
        self.texts = tuple(texts)
        self.starts = tuple(starts)  # Token.idx: the token's first character in the line
        # Token.lower_: spaCy's LOWER is the text's str.lower() (the language's lexical
        # attribute), so it is made from the texts rather than read from the Doc again.
        self.lowers = tuple([text.lower() for text in self.texts])

    @cached_property
    def glued(self) -> tuple[bool, ...]:  # no whitespace after the token
        return tuple([not token.whitespace_ for token in self.doc])

    def __len__(self) -> int:
        return len(self.texts)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """The characters of tokens [start, end) in the line."""
        return self.starts[start], self.starts[end - 1] + len(self.texts[end - 1])

    def text(self, i: int) -> str:
        """Token i's text, or "" beyond either end of the line."""
        return self.texts[i] if 0 <= i < len(self.texts) else ""

    def lower(self, i: int) -> str:
        """Token i's lowercase form, or "" beyond either end of the line."""
        lowers = self.lowers
        return lowers[i] if 0 <= i < len(lowers) else ""
