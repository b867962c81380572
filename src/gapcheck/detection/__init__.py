"""The parts of skill detection; `gapcheck.detection.detector` puts them together.

text           logical lines (wrapped lines joined) and text normalised for matching
words          the common-English-words list
tokens         the spaCy tokenizer tuned for skill names
line_tokens    a line's tokens read once from the spaCy Doc, for the rules below
vocabulary     every term of the taxonomy, its variants, and the phrase matchers
context        when an ambiguous or word-like term counts (lists, cues, rejects)
fuzzy          guarded misspelling matching with rapidfuzz
dates          date ranges in experience entries, years of use
"""
