"""Turning extracted text into clean text, one rule per function.

PDF generators leave many traces in extracted text that a skill matcher must not see:
ligature glyphs ("ﬁ"), LaTeX's spacing accents ("Educaci´on"), soft hyphens used as
real hyphens, icon fonts whose glyphs decode as letters or as names ("HOUSE-CHIMNEY"),
unmapped glyphs ("(cid:72)"), small caps decoded with the wrong case ("SCiENTiST"),
letter-spaced headings ("S K I L L S") and bullets of every shape. Each rule below is
small, documented and unit-tested on its own; `clean_line` applies them in the order
that makes them compose (accents must be fixed before NFKC splits them apart).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --------------------------------------------------------------------------- fonts

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
# Icon fonts draw pictures (phone, envelope, GitHub logo) whose "text" is noise: a
# private-use code point, an ASCII letter, or the glyph's name. They are recognised by
# family name; "icons" (plural) or "icon" after a non-letter avoids real typefaces
# such as Lexicon.
_ICON_FONT = re.compile(
    r"awesome|icons|(^|[^a-z])icon|marvosym|wingding|webding|dingbat|octicon|devicon|"
    r"glyphicon|entypo|typicon|fontello|icomoon|academicon|nerdfont|nerd font|"
    r"materialsymbols|material symbols|bootstrap-?icons|remixicon|tabler|phosphor|lucide|"
    r"simpleicons|feather",
    re.I,
)
# Weight words in font names; CMBX/cmb10 are TeX's Computer Modern bold faces.
_BOLD_FONT = re.compile(
    r"bold|black|heavy|semibold|demi|extrab|ultrab|\bbd\b|-bd|cmbx|sfbx|cmb\d", re.I
)


def base_font_name(fontname: str) -> str:
    """The font's family/style name without the 6-letter subset tag ("ABCDEF+Lato-Bold")."""
    return _SUBSET_PREFIX.sub("", fontname)


@lru_cache(maxsize=512)
def is_icon_font(fontname: str) -> bool:
    return bool(_ICON_FONT.search(base_font_name(fontname)))


@lru_cache(maxsize=512)
def is_bold_font(fontname: str) -> bool:
    return bool(_BOLD_FONT.search(base_font_name(fontname)))


# --------------------------------------------------------------------------- characters

CID_TOKEN = re.compile(r"\(cid:\d+\)")
# Private-use code points: icon glyphs (FontAwesome, Wingdings bullets) decode to these.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# Characters that mean "this glyph could not be decoded": the replacement character and
# C0/C1 control codes (symbolic fonts without a Unicode map decode to these).
_UNDECODABLE = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_WHITESPACE = re.compile(r"[\s\u2423]+")  # ␣ (open box) is how moderncv draws a space
# Hyphen look-alikes become ASCII '-' so "scikit‐learn" matches "scikit-learn". Word on
# macOS writes one hyphen as "-\xad‐" (three characters); a run collapses to one.
_HYPHENS = "-\u00ad\u2010\u2011\u2212"
_HYPHEN_RUN = re.compile(f"[{_HYPHENS}]*[{_HYPHENS[1:]}][{_HYPHENS}]*")


def remove_cid_tokens(text: str) -> tuple[str, int]:
    """Drop pdfminer's "(cid:N)" placeholders for unmapped glyphs; return how many there were."""
    cleaned, count = CID_TOKEN.subn("", text)
    return cleaned, count


def remove_undecodable(text: str) -> tuple[str, int]:
    """Drop replacement and control characters; return how many there were."""
    cleaned, count = _UNDECODABLE.subn("", text)
    return cleaned, count


_STRAY_COMBINING = re.compile(r"(?:(?<=\s)|^)[\u0300-\u036f]+")


def remove_stray_accents(text: str) -> str:
    """Combining marks with no letter to sit on (a lone "´" becomes one under NFKC)."""
    return _STRAY_COMBINING.sub("", text)


def remove_private_use(text: str) -> str:
    return _PRIVATE_USE.sub("", text)


def normalize_hyphens(text: str) -> str:
    """Soft hyphens that were drawn, Unicode hyphens and minus signs become '-'.

    A soft hyphen that reaches a PDF's text layer was printed, so it is a real hyphen
    ("Back\xadend" is "Back-end"); at a line end it is a hyphenation point, which the
    line joiner then treats like any other line-end hyphen.
    """
    return _HYPHEN_RUN.sub("-", text)


def collapse_whitespace(text: str) -> str:
    """Tabs, no-break and typographic spaces become one space; zero-width marks vanish."""
    return _WHITESPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


# LaTeX's OT1 encoding draws an accent as its own glyph next to the letter, so text
# comes out as "Educaci´on". Each spacing accent maps to its combining form.
_SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # ´ acute
    "`": "\u0300",  # grave (the OT1 glyph decodes to a backtick)
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u02dc": "\u0303",  # ˜ tilde
    "\u00b8": "\u0327",  # ¸ cedilla
    "\u02c7": "\u030c",  # ˇ caron
    "\u02d8": "\u0306",  # ˘ breve
    "\u02d9": "\u0307",  # ˙ dot above
    "\u02da": "\u030a",  # ˚ ring
    "\u00af": "\u0304",  # ¯ macron
    "\u02dd": "\u030b",  # ˝ double acute
}
_ACCENT_CHARS = "".join(_SPACING_ACCENTS)


def _compose(letter: str, accent: str) -> str | None:
    """The precomposed letter, or None when Unicode has no such single character."""
    base = "i" if letter == "\u0131" else letter  # LaTeX puts accents on a dotless i
    composed = unicodedata.normalize("NFC", base + _SPACING_ACCENTS[accent])
    return composed if len(composed) == 1 else None


def fix_spacing_accents(text: str) -> str:
    """ "Educaci´on" -> "Educación", "Jos´e" -> "José"; "don´t" (an apostrophe) -> "don't".

    The accent is combined with the following letter (TeX draws the accent first), else
    with the preceding one ("Mu¨ller"). An acute accent between two letters that does
    not compose with the second was typed as an apostrophe.
    """
    if not any(ch in text for ch in _ACCENT_CHARS):
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        following = text[i + 1] if i + 1 < len(text) else ""
        previous = out[-1] if out else ""
        if ch in _SPACING_ACCENTS:
            if following.isalpha() and (composed := _compose(following, ch)):
                out.append(composed)
                i += 2
                continue
            if ch == "\u00b4" and previous.isalpha() and following.isalpha():
                out.append("'")  # "don´t": an apostrophe typed as an acute accent
                i += 1
                continue
            if previous.isalpha() and (composed := _compose(previous, ch)):
                out[-1] = composed
                i += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


# --------------------------------------------------------------------------- words

_WORD = re.compile(r"[^\W\d_]+")


def _is_small_caps_garble(word: str) -> bool:
    """ "SCiENTiST": capitals with isolated lower-case letters wedged between capitals.

    Narrow on purpose, so real mixed-case names survive: BiLSTM, MySQL, LLaMA, NoSQL and
    RoBERTa all fail at least one test (length, count, or a lower-case letter at an edge).
    """
    if len(word) < 6 or not word[0].isupper() or not word[-1].isupper():
        return False
    lowers = [i for i, ch in enumerate(word) if ch.islower()]
    if not lowers:
        return False
    if any(not (word[i - 1].isupper() and word[i + 1].isupper()) for i in lowers):
        return False
    if len(lowers) >= 2:
        return len(word) - len(lowers) >= 2 * len(lowers)
    return len(word) >= 7 and word[lowers[0]] in "iı"


# A garbled word has a lower-case letter between two capitals; in ASCII text, a line
# without such three letters holds no garbled word and is left as it is, unsearched.
_ASCII_CAPITAL_LOWER_CAPITAL = re.compile(r"[A-Z][a-z][A-Z]")


def fix_small_caps(text: str) -> str:
    """ "DATA SCiENTiST" -> "DATA Scientist" (small-caps glyphs decoded with mixed case)."""
    if text.isupper() or text.islower():
        return text
    if text.isascii() and not _ASCII_CAPITAL_LOWER_CAPITAL.search(text):
        return text
    return _WORD.sub(
        lambda m: (
            m.group(0).replace("ı", "i").capitalize()
            if _is_small_caps_garble(m.group(0))
            else m.group(0)
        ),
        text,
    )


_LETTER_SPACED = re.compile(r"(?<!\S)(?:\S\s){3,}\S(?!\S)")


def collapse_letter_spacing(text: str) -> str:
    """ "S K I L L S" -> "SKILLS": text set with wide tracking decodes character by character.

    Only characters separated by single spaces are joined; a wider gap is a word
    boundary, so "W O R K   H I S T O R Y" becomes "WORK   HISTORY" (whitespace is
    collapsed afterwards) and "a l e x @ m a i l . c o m" becomes "alex@mail.com".
    """

    def squeeze(match: re.Match[str]) -> str:
        run = match.group(0)
        if sum(ch.isalpha() for ch in run) < 2:
            return run  # "1 2 3 4" (a rating scale) is not letter-spaced text
        return "".join(run.split())

    return _LETTER_SPACED.sub(squeeze, text)


# --------------------------------------------------------------------------- bullets

# Everything resume templates put in front of a list item. Dashes, '*', '+', '>' only
# count when followed by a space ("-5%" and "*args" are text).
_BULLET_CHARS = frozenset("•◦▪▫‣●○■□◆◇►▶▸▹➢➣➤➔→⇒✓✔✗✘★☆⁃∙·⦿⚫⚪◉⬤❖❯»◘◙♦✦✧❍❑❒▻◊")
_BULLET_IF_SPACED = frozenset("-–—*+>~")


def strip_bullet(text: str) -> tuple[str, bool]:
    """Remove leading bullet marks; return the text and whether there was one."""
    i = 0
    found = False
    while i < len(text):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch.isspace():
            i += 1
        elif (
            ch in _BULLET_CHARS
            or unicodedata.category(ch) == "So"
            or (ch in _BULLET_IF_SPACED and nxt.isspace())
        ):
            found = True
            i += 1
        else:
            break
    return (text[i:], True) if found else (text, False)


# --------------------------------------------------------------------------- a line

# Printable ASCII, and the bullets, dashes and quotes lines are full of: characters that
# no rule of `clean_line` changes (tests/reading/test_reading_cleanup.py checks each).
PLAIN_EXTRAS = "•◦●◆▪■–—‘’“”·→"
_PLAIN_TEXT = re.compile(f"[\x20-\x7e{PLAIN_EXTRAS}]*")


def clean_line(text: str, *, pdf: bool = True) -> tuple[str, int]:
    """Apply every character rule to one line; return (clean text, undecodable count).

    `pdf` enables the rules only PDF text needs (spacing accents, where a backtick is
    TeX's grave accent rather than Markdown's code quote).
    """
    if _PLAIN_TEXT.fullmatch(text) and "(cid:" not in text and not (pdf and "`" in text):
        # No accent, placeholder, control, private-use character or Unicode hyphen for
        # the other rules to change, NFKC leaves it as it is, and its letters are ASCII.
        text = collapse_whitespace(collapse_letter_spacing(text))
        if _ASCII_CAPITAL_LOWER_CAPITAL.search(text):
            text = fix_small_caps(text)
        return text, 0
    text, unreadable = remove_cid_tokens(text)
    if pdf:
        # Before NFKC, which splits "´" into a space and a combining mark; and after,
        # for accents next to letters NFKC has only just produced ("ﬁ`" -> "fi`").
        text = fix_spacing_accents(text)
    text = remove_stray_accents(unicodedata.normalize("NFKC", text))
    if pdf:
        text = fix_spacing_accents(text)
    text, undecodable = remove_undecodable(text)
    text = remove_private_use(text)
    text = normalize_hyphens(text)
    text = collapse_letter_spacing(text)  # before whitespace collapses word gaps away
    text = collapse_whitespace(text)
    text = fix_small_caps(text)
    return text, unreadable + undecodable


# --------------------------------------------------------------------------- joining lines

# Words that keep their hyphen when a line break falls on it. Prefixes keep it only
# before a continuation of four letters or more, because TeX also breaks "multi-ple".
HYPHENATED_COMPOUNDS = frozenset(
    {
        "scikit-learn",
        "scikit-image",
        "cross-validation",
        "cross-entropy",
        "fine-tuning",
        "fine-tuned",
        "fine-tune",
        "real-time",
        "open-source",
        "k-means",
        "k-nearest",
        "t-sne",
        "e-commerce",
        "e-mail",
        "end-to-end",
        "state-of-the-art",
        "on-device",
        "on-premise",
        "on-premises",
        "sub-team",
        "x-ray",
        "hands-on",
        "follow-up",
        "large-scale",
        "full-stack",
        "front-end",
        "back-end",
        "well-known",
        "time-series",
        "data-driven",
        "user-facing",
        "event-driven",
        "high-performance",
        "low-latency",
    }
)
KEEP_HYPHEN_PREFIXES = frozenset({"self", "cross", "semi", "non", "multi", "co", "anti", "inter"})
# Second halves that make a compound with almost any first half ("model-based").
COMPOUND_SUFFIX_WORDS = frozenset(
    {
        "based",
        "driven",
        "powered",
        "focused",
        "oriented",
        "related",
        "specific",
        "aware",
        "native",
        "ready",
        "friendly",
        "enabled",
        "centric",
        "level",
        "scale",
        "grade",
        "agnostic",
        "free",
        "like",
        "style",
        "facing",
        "intensive",
        "first",
        "critical",
    }
)
_WORD_BEFORE_HYPHEN = re.compile(r"(\S*?)([^\W\d_]*)-$")
_FIRST_TOKEN = re.compile(r"\S+")


def ends_with_hyphenation(text: str) -> bool:
    """A line ending in a hyphen attached to a word ("mem-"), not a spaced dash ("2019 -")."""
    return len(text) >= 2 and text[-1] == "-" and not text[-2].isspace()


def join_hyphenated(first: str, second: str) -> str:
    """Join two lines split at a line-end hyphen, keeping the hyphen when it is real.

    The hyphen is dropped when the word before it has at least two letters and is not
    in capitals ("mem", "Devel"), the next line starts lower-case, neither side carries
    another hyphen, and the result is not a known compound ("scikit-learn"), a prefix
    compound ("self-supervised") or a suffix compound ("model-based"). Otherwise
    ("GPT-" + "4", "k-" + "means", "end-to-" + "end") the hyphen stays and the two parts
    are joined without a space.
    """
    match = _WORD_BEFORE_HYPHEN.search(first)
    token = _FIRST_TOKEN.match(second)
    if match is None or token is None:
        return f"{first}{second}"
    attached, stem = match.groups()
    continuation = re.match(r"[^\W\d_]*", token.group(0))
    after = continuation.group(0) if continuation else ""
    compound = f"{stem}-{after}".lower()
    drop_hyphen = (
        len(stem) >= 2
        and stem[1:].islower()
        and after[:1].islower()
        and "-" not in attached
        and not token.group(0)[len(after) :].startswith("-")
        and compound not in HYPHENATED_COMPOUNDS
        and not (stem.lower() in KEEP_HYPHEN_PREFIXES and len(after) >= 4)
        and after.lower() not in COMPOUND_SUFFIX_WORDS
    )
    return f"{first[:-1]}{second}" if drop_hyphen else f"{first}{second}"
