"""The pdfium reader's fast paths read exactly what asking about every character reads.

reading/pdfium_page.py takes a page's character codes from its text in one call when
that text lines up with the characters, asks whether a character was generated only of
spaces and line breaks and whether it is a line-end hyphen only of U+0002 (PDFium never
answers otherwise), asks for font, size and weight once per run of one text object's
characters, asks everything else of every character in C-level passes, and adds each
run of characters that the rules would only add to the fragment in one step. These
tests hold it to a plain reading that applies the rules to every character, asking every
question through pypdfium2's own bindings, on generated PDFs built to reach each path
and on both real corpora, so a PDFium upgrade or a change of the fast paths that
changes a fragment fails here rather than in a report. They also check when the page
text is trusted, that characters beyond U+FFFF come out whole, that the style is asked
once per text object run, and that images are only counted when they can matter.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gapcheck.errors import UnreadableError
from gapcheck.reading import limits, read_document
from gapcheck.reading import pdfium as reader
from gapcheck.reading import pdfium_page as page_reader
from gapcheck.reading.cleanup import base_font_name, is_bold_font, is_icon_font
from gapcheck.reading.columns import Fragment
from tests.support import pdfgen
from tests.support.pdfgen import MARGIN, Text

pypdfium2 = pytest.importorskip("pypdfium2")
raw = pytest.importorskip("pypdfium2.raw")

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CORPUS_PDFS = sorted(
    path for folder in (CORPUS, CORPUS.parent / "corpus2") for path in folder.glob("*.pdf")
)

# --------------------------------------------------------------------------- the reference

_Char = tuple[str, float, float, float, float, float, str, bool]


def _plain_fragments(textpage: Any, seen: Counter[str]) -> tuple[list[Fragment], int, int]:
    """Fragments, characters and unreadable characters, every question asked per character.

    `seen` counts the paths the page took, so the tests can tell that they reached them.
    """
    count = raw.FPDFText_CountChars(textpage)
    buffer, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    fragments: list[Fragment] = []
    current: list[_Char] = []
    characters = unreadable = 0
    space: _Char = (" ", 0.0, 0.0, 0.0, 0.0, 0.0, "", False)

    def close() -> None:
        fragment = _plain_fragment(current) if current else None
        if fragment is not None:
            fragments.append(fragment)
        current.clear()

    for index in range(count):
        code = raw.FPDFText_GetUnicode(textpage, index)
        if raw.FPDFText_IsGenerated(textpage, index) == 1:
            seen["generated"] += 1
            if code in (0x0A, 0x0D):
                close()
            elif code == 0x20 and current:
                current.append(space)
            continue
        length = raw.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), flags)
        name = buffer.raw[: max(length - 1, 0)].decode("latin-1") if length else ""
        weight = raw.FPDFText_GetFontWeight(textpage, index)
        bold = is_bold_font(name) or weight >= 600 or bool(flags.value & (1 << 18))
        if is_icon_font(name):
            seen["icon"] += 1
            if current:
                current.append(space)
            continue
        if raw.FPDFText_HasUnicodeMapError(textpage, index) == 1:
            seen["unmapped"] += 1
            if not current:
                current.append(("•", 0.0, 0.0, 0.0, 0.0, 0.0, "", False))
            else:
                unreadable += 1
            continue
        raw.FPDFText_GetLooseCharBox(textpage, index, rect)
        raw.FPDFText_GetMatrix(textpage, index, matrix)
        size = raw.FPDFText_GetFontSize(textpage, index) * (math.hypot(matrix.c, matrix.d) or 1.0)
        if raw.FPDFText_IsHyphen(textpage, index) == 1:
            seen["hyphen"] += 1
            char = "-"
        else:
            char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        box = (rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top))
        last = next((c for c in reversed(current) if c[5] > 0), None)
        if (
            last is not None
            and char != " "
            and (
                box[0] - last[3] > page_reader.FRAGMENT_GAP * max(size, last[5])
                or box[0] < last[1] - 0.5 * size
                or abs(box[1] - last[2]) > 0.6 * max(size, last[5])
            )
        ):
            seen["cut"] += 1
            close()
        elif (
            last is not None
            and not char.isspace()
            and not current[-1][0].isspace()
            and box[0] - last[3] > page_reader.WORD_GAP * max(size, last[5])
        ):
            seen["word gap"] += 1
            current.append(space)
        current.append((char, *box, size, base_font_name(name), bold))
        characters += 1
    close()
    seen["mixed styles"] += sum(1 for f in fragments if f.font != fragments[0].font)
    return fragments, characters, unreadable


def _plain_fragment(chars: list[_Char]) -> Fragment | None:
    drawn = [c for c in chars if c[5] > 0 and not c[0].isspace()]
    text = "".join(c[0] for c in chars).strip()
    # PDFium gives a character beyond U+FFFF as its two UTF-16 halves: joined back here.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if not drawn or not text:
        return None
    fonts = Counter(c[6] for c in drawn)
    sizes = Counter(round(c[5], 1) for c in drawn)
    return Fragment(
        text=text,
        x0=min(c[1] for c in drawn),
        y0=min(c[2] for c in drawn),
        x1=max(c[3] for c in drawn),
        y1=max(c[4] for c in drawn),
        size=max(sizes, key=lambda s: (sizes[s], s)),
        font=max(fonts, key=lambda f: (fonts[f], f)),
        bold=sum(1 for c in drawn if c[7]) * 2 > len(drawn),
        chars=len(drawn),
    )


def _assert_same_reading(path: Path, seen: Counter[str]) -> None:
    document = pypdfium2.PdfDocument(path)
    try:
        for number, page in enumerate(document, start=1):
            textpage = page.get_textpage()
            try:
                totals = reader._Totals()
                fast = page_reader._page_fragments(textpage.raw, raw, totals)
                plain, characters, unreadable = _plain_fragments(textpage.raw, seen)
            finally:
                textpage.close()
                page.close()
            assert fast == plain, f"{path.name}, page {number}"
            assert (totals.characters, totals.unreadable) == (characters, unreadable)
    finally:
        document.close()


# --------------------------------------------------------------------------- the files

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
HELVETICA_BOLD = (
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
)
ICONS = b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+FontAwesome5Free-Solid >>"
LONG_NAME = b"<< /Type /Font /Subtype /Type1 /BaseFont /" + b"Verylongfontname" * 20 + b" >>"
# Codes 200.. reach Hebrew letters (read right to left) and 210.. ligatures, by glyph name.
HEBREW = (
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding "
    b"/BaseEncoding /WinAnsiEncoding /Differences [200 /afii57664 /afii57665 /afii57666 "
    b"/afii57667 /afii57668 210 /fi /fl /ffi] >> >>"
)
SYMBOLS = b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>"  # codes without Unicode
FILLER = b"BT /F1 9 Tf 72 100 Td (A line of ordinary text, so every page reads as text.) Tj ET\n"


def _hand_written(
    path: Path, fonts: list[bytes], content: bytes, extra: tuple[bytes, ...] = ()
) -> Path:
    """One page whose fonts are F1, F2... (objects 5, 6...) drawing `content`; then `extra`."""
    names = b" ".join(b"/F%d %d 0 R" % (i, 4 + i) for i in range(1, len(fonts) + 1))
    stream = content + FILLER
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << " + names + b" >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        *fonts,
        *extra,
    ]
    path.write_bytes(pdfgen.build_pdf(objects))
    return path


def _mixed(path: Path) -> Path:
    """Bold and icon runs inside lines, a hyphenated line end, kerned and spread words."""
    content = (
        b"BT /F1 11 Tf 72 720 Td (Machine learning engineer with experi-) Tj ET\n"
        b"BT /F1 11 Tf 72 706 Td (ence in Python and PyTorch.) Tj ET\n"
        b"BT /F2 11 Tf 72 690 Td (Skills:) Tj /F1 11 Tf ( Python, ) Tj /F3 11 Tf (\\041\\042) Tj "
        b"/F1 11 Tf ( SQL) Tj ET\n"
        b"BT /F1 11 Tf 72 674 Td [(Kerned) -400 (words) -120 (here) -2000 (far) 30 (away)] TJ ET\n"
        b"BT /F4 9 Tf 72 660 Td (A font name longer than its buffer) Tj ET\n"
        b"BT /F1 11 Tf 72 646 Td (co-operate re-\\255use state-of-the-art) Tj ET\n"
        b"BT /F1 11 Tf 400 646 Td (right column text) Tj ET\n"
        b"BT /F1 11 Tf 72 632 Td (tab\\tand\\240no-break and  double  spaces) Tj ET\n"
        b"BT /F2 11 Tf 72 618 Td (Mostly bold) Tj /F1 11 Tf ( then plain) Tj ET\n"
    )
    return _hand_written(path, [HELVETICA, HELVETICA_BOLD, ICONS, LONG_NAME], content)


def _matrices(path: Path) -> Path:
    """Sizes set by the text matrix, rotated and mirrored text, odd sizes and spacing."""
    content = (
        b"BT /F1 1 Tf 12 0 0 12 72 720 Tm (Scaled matrix twelve point) Tj ET\n"
        b"BT /F1 10 Tf 0 1 -1 0 300 500 Tm (Rotated ninety degrees) Tj ET\n"
        b"BT /F1 10 Tf 1 0 0 -1 72 600 Tm (Upside down mirrored) Tj ET\n"
        b"BT /F1 -10 Tf 72 580 Td (Negative size) Tj ET\n"
        b"BT /F1 0 Tf 72 560 Td (Zero size) Tj ET\n"
        b"BT /F1 10 Tf 50 Tz 72 540 Td (Squeezed text) Tj ET\n"
        b"BT /F1 10 Tf 3 Ts 2 Tc 5 Tw 72 520 Td (Rise and spacing words) Tj ET\n"
        b"100 Tz 0 Ts 0 Tc 0 Tw\n"  # text state outlives BT ... ET: back to plain
        b"BT /F1 10 Tf 0.7 0.7 -0.7 0.7 72 400 Tm (Diagonal text here) Tj ET\n"
        b"q 2 0 0 2 0 0 cm BT /F1 6 Tf 2 Tc 36 240 Td (Scaled and spaced) Tj 0 Tc ET Q\n"
        b"BT /F1 10 Tf 72 300 Td (Twice drawn) Tj ET BT /F1 10 Tf 72.3 300 Td (Twice drawn) Tj ET\n"
        # Sub- and superscripts just past the baseline drift that cuts (0.6 of the size).
        b"BT /F1 10 Tf 72 280 Td (H) Tj -6.5 Ts (2) Tj 0 Ts (O and x) Tj 6.5 Ts (2) Tj ET\n"
        b"BT /F1 10 Tf 72 260 Td (a) Tj -5.5 Ts (b) Tj 0 Ts (c) Tj ET\n"
        b"BT /F1 10 Tf 72 240 Td (WW) Tj 12 -6.5 Td (WW) Tj 12 -6.5 Td (WW) Tj ET\n"
        # Kerning that steps back over the previous letters.
        b"BT /F1 10 Tf 72 220 Td [(abc) 1100 (def)] TJ ET\n"
    )
    return _hand_written(path, [HELVETICA], content)


def _scripts(path: Path) -> Path:
    """Right-to-left letters, ligatures, codes without Unicode, ActualText, zero codes."""
    content = (
        b"BT /F1 12 Tf 72 720 Td (\\310\\311\\312 \\313\\314) Tj ET\n"
        b"BT /F1 12 Tf 72 700 Td (\\322nance \\323ow o\\324ce) Tj ET\n"
        b"BT /F2 12 Tf 72 680 Td (\\001\\002\\003 abc) Tj ET\n"
        b"BT /F3 12 Tf 72 660 Td (plain then) Tj /F2 12 Tf (\\005\\006) Tj ET\n"
        b"/Span << /ActualText (Actual words) >> BDC BT /F3 12 Tf 72 640 Td (Xyzzy) Tj ET EMC\n"
        b"BT /F3 12 Tf 72 620 Td (\\000\\001 zero codes) Tj ET\n"
    )
    return _hand_written(path, [HEBREW, SYMBOLS, HELVETICA], content)


def _beyond_the_basic_plane(path: Path) -> Path:
    """Letters mapped (ToUnicode) to characters beyond U+FFFF: an emoji, a math letter."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Custom def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"3 beginbfchar <41> <D83DDCDE> <42> <D835DC00> <43> <00E9> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    mapped = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>"
    content = b"BT /F2 12 Tf 72 700 Td (ABC then plain text ABC) Tj ET\n"
    stream = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    return _hand_written(path, [HELVETICA, mapped], content, (stream,))


def _one_object_per_character(path: Path) -> Path:
    """Every character its own text object, in two alternating fonts (some generators)."""
    content = b""
    for i, letter in enumerate(b"One object per character, in two fonts"):
        font = b"F2" if letter in b"aeiou" else b"F1"
        content += b"BT /%s 10 Tf %d 700 Td (%c) Tj ET\n" % (font, 72 + 6 * i, letter)
    return _hand_written(path, [HELVETICA, HELVETICA_BOLD], content)


EXPERIENCE = (
    "Experience",
    ["• Built data pipelines in Python and Spark", "• Trained PyTorch models for ranking"],
)
SKILLS = ("Skills", ["Python, SQL, Docker, Kubernetes, scikit-learn"])

FILES: dict[str, Callable[[Path], Path]] = {
    "resume": lambda p: pdfgen.write_resume(p, [EXPERIENCE, SKILLS] * 4),
    "two-column": lambda p: pdfgen.write_two_column(p, [EXPERIENCE] * 3, [SKILLS] * 3),
    "ligatures": lambda p: pdfgen.write_unicode_text(
        p, ["ﬁnance workﬂow ofﬁce", "café résumé naïve", "Machine learning"] * 5
    ),
    "icon-font": lambda p: pdfgen.write_icon_font(p, "HOUSE-CHIMNEY", "www.example.com"),
    "unmapped-font": pdfgen.write_unmapped_font,
    "substituted-font": pdfgen.write_substituted_font,
    "tracked-heading": lambda p: pdfgen.write_pages(
        p, [[Text("EXPERIENCE", MARGIN, 700, 14, "Helvetica-Bold", char_space=3)] * 2]
    ),
    "mixed": _mixed,
    "matrices": _matrices,
    "scripts": _scripts,
    "one-object-per-character": _one_object_per_character,
    "beyond-the-basic-plane": _beyond_the_basic_plane,
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfium-speed")
    return {name: build(folder / f"{name}.pdf") for name, build in FILES.items()}


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("name", list(FILES))
def test_fast_reading_equals_the_plain_reading(name: str, generated: dict[str, Path]) -> None:
    _assert_same_reading(generated[name], Counter())


def test_the_generated_files_reach_every_path(generated: dict[str, Path]) -> None:
    """Otherwise the equality above would prove less than it seems to."""
    seen: Counter[str] = Counter()
    for path in generated.values():
        _assert_same_reading(path, seen)
    for path_taken in ("generated", "icon", "unmapped", "hyphen", "cut", "word gap"):
        assert seen[path_taken] > 0, (path_taken, seen)
    assert seen["mixed styles"] > 0, seen


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_PDFS, reason=f"the real resume corpus is not at {CORPUS}")
@pytest.mark.parametrize(
    "path", CORPUS_PDFS, ids=[f"{p.parent.name}/{p.name}" for p in CORPUS_PDFS]
)
def test_fast_reading_equals_the_plain_reading_on_the_corpus(path: Path) -> None:
    _assert_same_reading(path, Counter())


def test_page_codes_line_up_with_the_characters_or_are_refused(
    generated: dict[str, Path],
) -> None:
    """One call for the page's codes, used only when it provably lines up."""
    lined_up = []
    for name, path in generated.items():
        document = pypdfium2.PdfDocument(path)
        for page in document:
            textpage = page.get_textpage()
            count = raw.FPDFText_CountChars(textpage.raw)
            codes = page_reader._page_codes(textpage.raw, raw, count)
            asked = [raw.FPDFText_GetUnicode(textpage.raw, i) for i in range(count)]
            textpage.close()
            page.close()
            if codes is not None:
                lined_up.append(name)
                assert len(codes) == count, name
                # U+FFFE stands for a hyphen (U+0002) or a glyph without a code (0).
                pairs = zip(codes, asked, strict=True)
                assert all(c == a or (c == 0xFFFE and a in (0, 2)) for c, a in pairs), name
        document.close()
    assert "resume" in lined_up and "mixed" in lined_up  # the hyphen's U+FFFE is asked
    # A character PDFium counts but leaves out of its text (a NUL code), and a character
    # beyond U+FFFF (two characters in this build, one in others): refused, read per character.
    assert "scripts" not in lined_up
    assert "beyond-the-basic-plane" not in lined_up


def test_characters_beyond_the_basic_plane_come_out_whole(generated: dict[str, Path]) -> None:
    """PDFium splits them into UTF-16 halves, which no report file could be written with."""
    document = read_document(generated["beyond-the-basic-plane"], engine="pdfium")
    text = "\n".join(line.text for line in document.lines)
    assert "\U0001f4de" in text  # the telephone receiver emoji
    text.encode("utf-8")  # no half is left over


def test_style_is_asked_once_per_text_object_run(
    generated: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    original = page_reader.Styles.of

    def counting(
        self: page_reader.Styles, indexes: list[int], objects: list[int]
    ) -> list[page_reader.Style]:
        asked.extend(indexes)
        return original(self, indexes, objects)

    monkeypatch.setattr(page_reader.Styles, "of", counting)
    for name in ("resume", "mixed", "one-object-per-character"):
        document = pypdfium2.PdfDocument(generated[name])
        page = document[0]
        textpage = page.get_textpage()
        count = raw.FPDFText_CountChars(textpage.raw)
        objects = [
            ctypes.cast(raw.FPDFText_GetTextObject(textpage.raw, i), ctypes.c_void_p).value
            for i in range(count)
            if raw.FPDFText_IsGenerated(textpage.raw, i) != 1
        ]
        runs = sum(1 for i, key in enumerate(objects) if i == 0 or key != objects[i - 1])
        asked.clear()
        page_reader._page_fragments(textpage.raw, raw, reader._Totals())
        textpage.close()
        page.close()
        document.close()
        assert len(asked) == runs, name
        if name == "resume":
            assert runs * 5 < count  # a real saving: objects hold many characters


def test_images_are_measured_only_on_pages_with_too_little_text(
    tmp_path: Path, generated: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read in this process (`read_pdfium_here`), so the counting below sees the calls."""
    measured: list[int] = []
    original = reader._images

    def measuring(page: Any, raw_module: Any, width: float, height: float) -> tuple[int, float]:
        measured.append(1)
        return original(page, raw_module, width, height)

    def read_here(path: Path) -> None:
        reader.read_pdfium_here(path.read_bytes(), path.name, limits.ReadBudget(path.name))

    monkeypatch.setattr(reader, "_images", measuring)
    read_here(generated["resume"])
    assert measured == []
    with pytest.raises(UnreadableError, match="scanned image"):
        read_here(pdfgen.write_image_only(tmp_path / "scan.pdf"))
    assert measured == [1]


def test_the_box_buffer_is_kept_only_for_pages_of_a_resume_size() -> None:
    """A hostile page of a million characters must not leave its buffer in a worker."""
    kept = page_reader._box_buffer(100)
    assert page_reader._box_buffer(50) is kept
    limit = page_reader.KEPT_BUFFER_CHARACTERS
    large = page_reader._box_buffer(limit + 1)
    assert large is not kept and len(large[1]) == limit + 1
    assert page_reader._box_buffer(100) is kept
    assert len(page_reader._box_buffer(limit)[1]) <= limit
