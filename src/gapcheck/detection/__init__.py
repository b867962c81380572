"""The parts of skill detection; `gapcheck.detection.detector` puts them together.

logical_lines  logical lines (wrapped lines joined) and text normalised for matching
words          the common-English-words list
tokens         the spaCy tokenizer tuned for skill names
line_tokens    a line's tokens read once from the spaCy Doc, for the rules below
vocabulary     every term of the taxonomy, its variants, and the phrase matchers
compiled       the matchers read from the on-disk cache when they were built before
ambiguity      when an ambiguous or word-like term counts (lists, cues, rejects)
cues           where a rule's cue words and reject phrases hold, in either spelling
longest        which of the overlapping accepted terms stand
ellipsis       terms named with a shared word ("supervised and unsupervised learning")
organisations  names of employers, schools and societies, never skill evidence
instances      tools whose use is a broader skill (OpenCV is computer vision)
fuzzy          guarded misspelling matching with rapidfuzz
dates          date ranges in experience entries, years of use
strength       how strongly one piece of evidence shows a skill
hands_on       the hands-on experience checklist (projects, code links, ...)
"""
