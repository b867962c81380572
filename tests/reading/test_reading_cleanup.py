"""Each text cleanup rule on its own, then the whole `clean_line` pipeline."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gapcheck.reading import cleanup
from gapcheck.reading.cleanup import (
    CID_TOKEN,
    base_font_name,
    clean_line,
    collapse_letter_spacing,
    collapse_whitespace,
    ends_with_hyphenation,
    fix_small_caps,
    fix_spacing_accents,
    is_bold_font,
    is_icon_font,
    join_hyphenated,
    normalize_hyphens,
    remove_cid_tokens,
    remove_private_use,
    remove_undecodable,
    strip_bullet,
)


def test_ligatures_are_split_by_nfkc() -> None:
    text, lost = clean_line("e\ufb03cient work\ufb02ow, \ufb01ne-tuning")
    assert text == "efficient workflow, fine-tuning"
    assert lost == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Educaci\u00b4on", "Educación"),  # accent drawn before its letter (TeX order)
        ("Jos\u00b4e", "José"),
        ("Mu\u00a8ller", "Müller"),  # accent after the letter, nothing to put it on after
        ("Fran\u00b8cois", "François"),
        ("na\u00a8\u0131ve", "naïve"),  # TeX accents a dotless i
        ("S\u02dcao Paulo", "São Paulo"),
        ("don\u00b4t", "don't"),  # an acute typed as an apostrophe
        ("no accents here", "no accents here"),
    ],
)
def test_spacing_accents_are_combined(raw: str, expected: str) -> None:
    assert fix_spacing_accents(raw) == expected


def test_a_lone_spacing_accent_leaves_no_stray_mark() -> None:
    text, _ = clean_line("Skills \u00b4 Python")
    assert text == "Skills Python"


def test_backtick_accent_only_in_pdf_text() -> None:
    assert clean_line("Cr`eme", pdf=True)[0] == "Crème"
    assert clean_line("use `async` code", pdf=False)[0] == "use `async` code"


def test_cid_tokens_are_removed_and_counted() -> None:
    text, count = remove_cid_tokens("(cid:72) +1 555 (cid:3)(cid:4)")
    assert text == " +1 555 "
    assert count == 3
    cleaned, lost = clean_line("(cid:72) Python")
    assert (cleaned, lost) == ("Python", 1)


def test_private_use_icon_glyphs_are_removed() -> None:
    assert (
        remove_private_use("\uf10b (+82) 10 \uf0e0 mail@example.com")
        == " (+82) 10  mail@example.com"
    )
    assert clean_line("\uf09b github.com/someone")[0] == "github.com/someone"


def test_undecodable_characters_are_removed_and_counted() -> None:
    text, count = remove_undecodable("Py\x03th\ufffdon")
    assert text == "Python"
    assert count == 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Back\xadend", "Back-end"),  # a drawn soft hyphen is a real hyphen
        ("on-\xad\u2010campus", "on-campus"),  # Word on macOS: three characters, one hyphen
        ("scikit\u2010learn", "scikit-learn"),
        ("\u22125%", "-5%"),
        ("2019 \u2013 2021", "2019 \u2013 2021"),  # en dashes are left alone
    ],
)
def test_hyphen_lookalikes_become_ascii(raw: str, expected: str) -> None:
    assert normalize_hyphens(raw) == expected


def test_whitespace_runs_collapse_and_invisible_marks_vanish() -> None:
    assert collapse_whitespace(" To\t\r \xa0obtain\u2003a\u200b\u2423role ") == "To obtain a role"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("DATA SCiENTiST", "DATA Scientist"),
        ("ML ENGiNEER", "ML Engineer"),
        ("SENIOR SCiENTiST", "SENIOR Scientist"),
        # Real mixed-case names survive.
        ("BiLSTM MySQL NoSQL LLaMA QLoRA RoBERTa DeBERTa iOS GitHub McDonald", None),
    ],
)
def test_small_caps_casing(raw: str, expected: str | None) -> None:
    assert fix_small_caps(raw) == (expected if expected is not None else raw)


def test_letter_spaced_headings_collapse() -> None:
    assert collapse_letter_spacing("S K I L L S") == "SKILLS"
    assert collapse_letter_spacing("E X P E R I E N C E and more") == "EXPERIENCE and more"
    assert collapse_letter_spacing("A B testing") == "A B testing"  # too short to be spacing
    assert clean_line("W O R K   E X P E R I E N C E")[0] == "WORK EXPERIENCE"
    assert clean_line("a l e x @ e x a m p l e . c o m")[0] == "alex@example.com"
    assert clean_line("RenderCV  reads  a  CV")[0] == "RenderCV reads a CV"  # justified text


@pytest.mark.parametrize(
    ("raw", "expected", "had_bullet"),
    [
        ("• Built a model", "Built a model", True),
        ("◦ nested", "nested", True),
        ("▪ square", "square", True),
        ("‣ triangle", "triangle", True),
        ("● big dot", "big dot", True),
        ("■ block", "block", True),
        ("➢ arrow", "arrow", True),
        ("✓ done", "done", True),
        ("– en dash item", "en dash item", True),
        ("- hyphen item", "hyphen item", True),
        ("* star item", "star item", True),
        ("• • doubled", "doubled", True),
        ("-5% latency", "-5% latency", False),
        ("*args and **kwargs", "*args and **kwargs", False),
        ("Python, SQL", "Python, SQL", False),
    ],
)
def test_bullets_are_stripped(raw: str, expected: str, had_bullet: bool) -> None:
    assert strip_bullet(raw) == (expected, had_bullet)


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("improved mem-", "ory use", "improved memory use"),
        ("Devel-", "oped a model", "Developed a model"),  # a sentence's first word
        ("scikit-", "learn and pandas", "scikit-learn and pandas"),  # known compound
        ("self-", "supervised learning", "self-supervised learning"),  # prefix compound
        ("multi-", "ple teams", "multiple teams"),  # TeX breaks "multiple" after "multi"
        ("model-", "based methods", "model-based methods"),  # suffix compound
        ("GPT-", "4 prompts", "GPT-4 prompts"),  # capitals before the hyphen
        ("k-", "means clustering", "k-means clustering"),
        ("end-to-", "end pipelines", "end-to-end pipelines"),  # already hyphenated
        ("Python-", "Based tools", "Python-Based tools"),  # next line starts upper-case
    ],
)
def test_line_end_hyphenation(first: str, second: str, joined: str) -> None:
    assert ends_with_hyphenation(first)
    assert join_hyphenated(first, second) == joined


def test_a_spaced_dash_is_not_hyphenation() -> None:
    assert not ends_with_hyphenation("2019 -")
    assert not ends_with_hyphenation("-")


def test_icon_fonts_are_recognised_by_name() -> None:
    for name in (
        "ABCDEF+FontAwesome5Free-Solid",
        "FontAwesome7Brands-Regular",
        "SimpleIconsFiltered",
        "MarVoSym",
        "Wingdings-Regular",
        "ZapfDingbats",
        "academicons",
    ):
        assert is_icon_font(name), name
    for name in ("Lato-Bold", "Lexicon-Roman", "SourceSansPro-Light", "LMRoman10-Regular"):
        assert not is_icon_font(name), name


def test_bold_fonts_are_recognised_by_name() -> None:
    for name in (
        "JHXFRQ+Lato-Bold",
        "SourceSansPro-Semibold",
        "Roboto-Black",
        "CMBX12",
        "Arial,Bold",
    ):
        assert is_bold_font(name), name
    for name in ("Raleway-Medium", "Lato-Light", "Helvetica", "CMR10"):
        assert not is_bold_font(name), name
    assert base_font_name("QOXNIT+Lato-Bold") == "Lato-Bold"


def test_clean_line_applies_every_rule_in_order() -> None:
    raw = "\uf0e0 Educaci\u00b4on: e\ufb03cient (cid:9) work\xad\u2010flow\t\xa0 DATA SCiENTiST"
    text, lost = clean_line(raw)
    assert text == "Educación: efficient work-flow DATA Scientist"
    assert lost == 1


@given(st.text(max_size=80))
def test_clean_line_leaves_no_noise(raw: str) -> None:
    text, lost = clean_line(raw)
    assert lost >= 0
    assert text == text.strip() and "  " not in text
    assert not CID_TOKEN.search(text)
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in text)
    assert not any(unicodedata.category(ch) == "Cc" for ch in text)


# --------------------------------------------------------------------------- the fast path


def _every_rule(text: str, pdf: bool) -> tuple[str, int]:
    """clean_line's rules, each applied in its order, with no shortcut."""
    text, unreadable = cleanup.remove_cid_tokens(text)
    if pdf:
        text = cleanup.fix_spacing_accents(text)
    text = cleanup.remove_stray_accents(unicodedata.normalize("NFKC", text))
    if pdf:
        text = cleanup.fix_spacing_accents(text)
    text, undecodable = cleanup.remove_undecodable(text)
    text = cleanup.remove_private_use(text)
    text = cleanup.normalize_hyphens(text)
    text = cleanup.collapse_whitespace(cleanup.collapse_letter_spacing(text))
    return cleanup.fix_small_caps(text), unreadable + undecodable


FAST_PATH_LINES = [
    "Built data pipelines in Python and Spark",
    "  DATA SCiENTiST   at   Example  ",
    "S K I L L S",
    "a l e x @ m a i l . c o m",
    "Educaci`on and `code`",
    "(cid:72)(cid:101)llo",
    "MySQL, BiLSTM, LLaMA, NoSQL, RoBERTa",
    "2019 - 2021",
    "x\u00b4y",
]


@pytest.mark.parametrize("pdf", [True, False])
@pytest.mark.parametrize("extra", ["", *cleanup.PLAIN_EXTRAS])
def test_lines_of_plain_characters_clean_as_every_rule_would(extra: str, pdf: bool) -> None:
    """clean_line skips the rules that cannot change printable ASCII and PLAIN_EXTRAS."""
    for line in FAST_PATH_LINES:
        for text in (f"{extra} {line}", f"{line}{extra}", f"{extra}{line} {extra} x"):
            assert clean_line(text, pdf=pdf) == _every_rule(text, pdf), text
