"""The detector's fast paths give exactly what the plain code gives, on any input.

Each fast path (ASCII shortcuts, tuples read once from the spaCy Doc, cue phrases looked
up by their first word, runs of open tokens found by a regular expression, a year
looked for before a date) is compared with the plain version of the same computation:
the general function the fast path stands in for, or, where the plain version was
replaced, a straightforward reference written out here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gapcheck.detection import cues as context
from gapcheck.detection import dates, fuzzy
from gapcheck.detection import logical_lines as text
from gapcheck.detection.detector import Detector, get_detector
from gapcheck.detection.line_tokens import LineTokens
from gapcheck.detection.vocabulary import Candidate, Term
from gapcheck.detection.words import frequent_words, never_misspelled, ordinary_words
from gapcheck.records import Line, Section
from gapcheck.taxonomy.loading import load_taxonomy

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=40)
# ASCII with the characters the fast paths treat specially made frequent.
ASCII_SPACED = st.lists(
    st.one_of(ASCII, st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x1c", "\x1f"])),
    max_size=12,
).map("".join)
ANY_TEXT = st.one_of(ASCII_SPACED, st.text(max_size=40))


@lru_cache(maxsize=1)
def detector() -> Detector:
    return get_detector(load_taxonomy())


# --------------------------------------------------------------------------- text


@given(ASCII_SPACED)
def test_ascii_normalise_is_the_character_loop(written: str) -> None:
    assert text.normalise(written) == text._normalise_any(written)


@given(ASCII_SPACED)
def test_ascii_capitals_test_is_the_letter_loop(written: str) -> None:
    section = Section(kind="other", heading="", lines=(), document="cv.txt")
    line = text.LogicalLine(written, written, tuple(range(len(written) + 1)), (), section)
    assert line.all_caps == text._in_capitals(written)


# --------------------------------------------------------------------------- tokens


@given(ANY_TEXT)
@settings(max_examples=200, deadline=None)  # the first example builds the detector
def test_line_tokens_hold_what_the_doc_holds(written: str) -> None:
    doc = detector().vocabulary.make_doc(written)
    tokens = LineTokens(doc)
    assert tokens.texts == tuple(token.text for token in doc)
    assert tokens.starts == tuple(token.idx for token in doc)
    assert tokens.lowers == tuple(token.lower_ for token in doc)
    assert tokens.glued == tuple(token.whitespace_ == "" for token in doc)
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 3) + 1):
            span = doc[start:end]
            assert tokens.char_span(start, end) == (span.start_char, span.end_char)


# --------------------------------------------------------------------------- cues

CUE_WORDS = ["r", "in", "go", "model", "models", "class", "classes", "s", "es", "data", ",", "-"]
FILLER = ["built", "with", "the", "team", "fast", "new", "api", "tool"]  # never a cue here
words = st.lists(
    st.one_of(st.sampled_from(CUE_WORDS), st.sampled_from(FILLER)), min_size=1, max_size=20
)
cues = st.lists(st.lists(st.sampled_from(CUE_WORDS), max_size=3).map(tuple), max_size=5)


def plain_cue_near(
    lowers: Sequence[str], start: int, end: int, cue_list: Sequence[tuple[str, ...]]
) -> bool:
    """The cue rule read straight from its description, position by position."""

    def matches_at(position: int, cue: tuple[str, ...]) -> bool:
        if position < 0 or position + len(cue) > len(lowers):
            return False
        return all(context.same_word(lowers[position + i], w) for i, w in enumerate(cue))

    term = tuple(lowers[start:end])
    for cue in cue_list:
        anchored = [i for i in range(len(cue) - len(term) + 1) if cue[i : i + len(term)] == term]
        if anchored:
            if any(matches_at(start - i, cue) for i in anchored):
                return True
            continue
        low = max(0, start - context.CUE_WINDOW - len(cue) + 1)
        for position in range(low, min(len(lowers), end + context.CUE_WINDOW)):
            inside = position + len(cue) > start and position < end
            if not inside and matches_at(position, cue):
                return True
    return False


@given(words, st.integers(0, 19), st.integers(1, 2), cues)
@settings(max_examples=300, deadline=None)
# A one-word cue just outside its window, beside a longer cue whose window reaches further.
@example(["data", "the", "the", "the", "the", "the", "the", "r"], 7, 1, [("data",), ("in",) * 3])
def test_cue_lookup_is_the_plain_scan(
    line_words: list[str], start: int, width: int, cue_list: list[tuple[str, ...]]
) -> None:
    tokens = LineTokens(detector().vocabulary.make_doc(" ".join(line_words)))
    start = start % len(tokens)
    end = min(len(tokens), start + width)
    candidate = Candidate(start, end, Term("r", "skill", "alias", "R", "ambiguous"))
    expected = plain_cue_near(tokens.lowers, start, end, cue_list)
    assert context.cue_near(tokens, candidate, cue_list) == expected


@given(st.sampled_from([*CUE_WORDS, "", "ses", "modeles"]), st.sampled_from([*CUE_WORDS, ""]))
def test_written_forms_are_the_words_a_cue_word_takes(written: str, cue_word: str) -> None:
    assert (written in context._written_forms(cue_word)) == context.same_word(written, cue_word)


# --------------------------------------------------------------------------- misspellings


@given(ASCII)
def test_ascii_plausible_word_is_the_character_loop(token: str) -> None:
    assert fuzzy._plausible_word(token) == fuzzy._plausible_any(token)


@given(ANY_TEXT)
def test_squash_fast_path_is_the_character_loop(written: str) -> None:
    assert fuzzy.squash(written) == fuzzy._squash_lowered(written.lower())


def plain_fuzzy_matches(
    tokens: LineTokens, taken: Sequence[tuple[int, int]], index: fuzzy.FuzzyIndex
) -> list[tuple[int, int, Term, float]]:
    """Every run of one to three words tried in turn, longest first, as documented."""
    texts = list(tokens.texts)
    lowered = [t.lower() for t in texts]
    blocked = [False] * len(texts)
    for start, end in taken:
        for i in range(start, end):
            blocked[i] = True
    usable = [fuzzy._plausible_any(t) for t in texts]
    frequent = never_misspelled()
    found: list[tuple[int, int, Term, float]] = []
    for size in range(fuzzy.MAX_WORDS, 0, -1):
        for start in range(len(texts) - size + 1):
            stop = start + size
            if not all(usable[start:stop]) or any(blocked[start:stop]):
                continue
            if lowered[start] in fuzzy._STOP or lowered[stop - 1] in fuzzy._STOP:
                continue
            squashed = fuzzy._squash_lowered("".join(texts[start:stop]).lower())
            if len(squashed) < index.min_length:
                continue
            split_name = size > 1 and index.exact(squashed)
            if not split_name and all(w in frequent for w in lowered[start:stop]):
                continue
            best = index.best(squashed)
            if best is None:
                continue
            spelling, score = best
            if spelling in ordinary_words() and squashed.startswith(spelling):
                continue
            run = [fuzzy._squash_lowered(t.lower()) for t in texts[start:stop]]
            if size > 1 and not index.word_by_word(run, spelling):
                continue
            found.extend((start, stop, term, score) for term in index.terms(spelling))
            for i in range(start, stop):
                blocked[i] = True
    return found


def misspelled(spelling: str, position: int, edit: int) -> str:
    """`spelling` with one typing slip at `position`: swapped, dropped, doubled or split."""
    if len(spelling) < 3:
        return spelling
    i = position % (len(spelling) - 1)
    return (
        spelling[:i] + spelling[i + 1] + spelling[i] + spelling[i + 2 :],
        spelling[:i] + spelling[i + 1 :],
        spelling[:i] + spelling[i] + spelling[i:],
        spelling[:i] + " " + spelling[i:],
    )[edit % 4]


@lru_cache(maxsize=1)
def spellings() -> list[str]:
    return sorted({s for forms in detector().vocabulary.variants.values() for s in forms})


@st.composite
def fuzzy_lines(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    names = st.sampled_from(spellings())
    piece = st.one_of(
        st.builds(misspelled, names, st.integers(0, 40), st.integers(0, 3)),
        names,
        st.sampled_from([*sorted(frequent_words())[:500], "and", "of", ",", "|", "(", "AWS"]),
        st.text(max_size=6),
    )
    line = " ".join(draw(st.lists(piece, min_size=1, max_size=12)))
    spans = draw(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 3)), max_size=3))
    return line, [(start, start + width) for start, width in spans]


@given(fuzzy_lines())
@settings(max_examples=300, deadline=None)
def test_misspelling_search_is_the_plain_loop(case: tuple[str, list[tuple[int, int]]]) -> None:
    line, spans = case
    tokens = LineTokens(detector().vocabulary.make_doc(line))
    taken = [(start, min(end, len(tokens))) for start, end in spans if start < len(tokens)]
    found = fuzzy.fuzzy_matches(tokens, taken, detector().fuzzy)
    got = [(m.start, m.end, m.term, m.score) for m in found]
    assert got == plain_fuzzy_matches(tokens, taken, detector().fuzzy)


# --------------------------------------------------------------------------- dates

DATE_PIECES = ["2019", "1987", "2101", "1949", "Jan", "Sept.", "06/", "–", "-", " to ", "present"]
date_text = st.lists(
    st.one_of(st.sampled_from(DATE_PIECES), st.text(max_size=4), st.integers(0, 9).map(str)),
    max_size=10,
).map("".join)


@given(date_text)
def test_a_line_without_a_year_has_no_date(written: str) -> None:
    if dates._ANY_YEAR.search(written) is None:
        assert dates.RANGE.search(written) is None
        assert dates.SINGLE_DATE.search(written) is None
    assert len(dates.find_ranges(written)) == len(list(dates.RANGE.finditer(written)))


def test_a_line_naming_several_skills_gets_its_entry_once() -> None:
    """Years of use are looked up once per physical line and shared by its skills."""
    lines = (
        Line(text="ML Engineer, Acme 2019 - 2021", page=1, number=1),
        Line(text="Built PyTorch and Docker services", page=1, number=2),
        Line(text="Data Scientist, Beta 2021 - 2022", page=1, number=3),
        Line(text="Wrote PyTorch models", page=1, number=4),
    )
    section = Section(kind="experience", heading="Experience", lines=lines, document="cv.txt")
    found = {s.id: s for s in detector().detect([section], today="2026-11-21").skills}
    assert found["pytorch"].years == 3.0
    assert found["docker"].years == 2.0
    assert [e.years for e in found["pytorch"].evidence] == [2.0, 1.0]
