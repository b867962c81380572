"""Small PDFs generated for tests (reportlab, plus a few hand-written files).

Everything is drawn from code, so tests never depend on fonts installed on the
machine: reportlab's standard 14 fonts (Helvetica, Times...) need no files, and its
bundled Bitstream Vera TTF fonts provide real Unicode glyphs (ligatures, accents).

Building blocks:

    Text(text, x, y, size=10, font="Helvetica", char_space=0)  a run of text at a position
    write_pages(path, [[Text, ...], ...])              draw pages of placed text

Layouts (each returns the path it wrote):

    write_resume(path, sections, ...)                  one column: name, contact, headings, bullets
    write_two_column(path, left, right, ...)           header over two independent columns
    write_lines(path, lines, ...)                      plain lines, one per row, paging as needed

Special files for reader edge cases:

    write_unicode_text(path, lines)                    Vera TTF, for "ﬁ" ligatures, "´o" accents
    write_icon_font(path, icon_text, text)             a run set in a font named FontAwesome
    write_encrypted(path, user_password=...)           needs a password ("" opens without one)
    write_image_only(path)                             a scanned page: one image, no text
    write_outlined_text(path)                          vector shapes only (text as outlines)
    write_unmapped_font(path)                          glyphs without a Unicode map -> (cid:N)
    write_substituted_font(path)                       a font map that swaps letters (letter salad)
    write_shifted_font(path, lines, shift)             a font map that shifts the alphabet
    write_scan_with_stamp(path, stamp)                 a full-page scan with a line of text on it
    write_many_pages(path, pages)                      many short pages
    write_truncated(path)                              a valid PDF cut in half
"""

from __future__ import annotations

import random  # seeded shapes and glyph codes for test files, not cryptography
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 56.0
Section = tuple[str, Sequence[str]]  # (heading, lines); a line starting "• " is a bullet


@dataclass(frozen=True)
class Text:
    text: str
    x: float
    y: float
    size: float = 10.0
    font: str = "Helvetica"
    char_space: float = 0.0  # extra points between letters (tracking), as Canva headings use


def _vera(name: str = "Vera.ttf") -> str:
    import reportlab

    return str(Path(reportlab.__file__).parent / "fonts" / name)


def _register(name: str, file_name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, _vera(file_name)))
    return name


def write_pages(
    path: Path, pages: Sequence[Sequence[Text]], *, compress: bool = True, **canvas_options: object
) -> Path:
    """Draw each page's runs of text at their positions (PDF points, origin bottom-left)."""
    pdf = canvas.Canvas(str(path), pagesize=A4, pageCompression=int(compress), **canvas_options)  # type: ignore[arg-type]
    for runs in pages:
        for run in runs:
            text = pdf.beginText(run.x, run.y)
            text.setFont(run.font, run.size)
            text.setCharSpace(run.char_space)
            text.textOut(run.text)
            pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return path


def _flow(
    sections: Iterable[Section],
    x: float,
    width: float,
    top: float,
    *,
    font: str,
    bold_font: str,
    size: float,
    heading_size: float,
    caps_headings: bool,
) -> list[Text]:
    """Headings and (wrapped) lines flowed down one column starting at `top`."""
    runs: list[Text] = []
    y = top
    leading = size * 1.3
    for heading, lines in sections:
        y -= heading_size * 0.8
        runs.append(
            Text(heading.upper() if caps_headings else heading, x, y, heading_size, bold_font)
        )
        y -= heading_size * 0.8
        for line in lines:
            bullet = line.startswith("• ")
            body = line[2:] if bullet else line
            indent = x + (size if bullet else 0.0)
            for i, piece in enumerate(_wrap(body, width - (indent - x), font, size)):
                y -= leading
                if bullet and i == 0:
                    runs.append(Text("•", x, y, size, font))
                runs.append(Text(piece, indent, y, size, font))
    return runs


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """Greedy word wrap to `width` points in the given font."""
    pieces: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pdfmetrics.stringWidth(candidate, font, size) > width:
            pieces.append(current)
            current = word
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def write_resume(
    path: Path,
    sections: Sequence[Section],
    *,
    name: str = "Alex Example",
    contact: str = "alex@example.com | +1 555 0100 | github.com/alex-example",
    font: str = "Helvetica",
    bold_font: str = "Helvetica-Bold",
    size: float = 10.0,
    heading_size: float = 13.0,
    caps_headings: bool = False,
) -> Path:
    """A one-column resume: name and contact on top, then each section's lines."""
    header = [
        Text(name, MARGIN, PAGE_HEIGHT - MARGIN - 20, 20, bold_font),
        Text(contact, MARGIN, PAGE_HEIGHT - MARGIN - 38, 9, font),
    ]
    body = _flow(
        sections,
        MARGIN,
        PAGE_WIDTH - 2 * MARGIN,
        PAGE_HEIGHT - MARGIN - 50,
        font=font,
        bold_font=bold_font,
        size=size,
        heading_size=heading_size,
        caps_headings=caps_headings,
    )
    return write_pages(path, [header + body])


def write_two_column(
    path: Path,
    left: Sequence[Section],
    right: Sequence[Section],
    *,
    name: str = "Alex Example",
    contact: str = "alex@example.com | +1 555 0100 | github.com/alex-example",
    left_width: float = 300.0,
    gutter: float = 24.0,
    font: str = "Helvetica",
    bold_font: str = "Helvetica-Bold",
    size: float = 10.0,
    heading_size: float = 13.0,
) -> Path:
    """A full-width header over two independent columns (a sidebar when one is narrow).

    Both columns use the same line spacing, so their baselines line up the way a
    LaTeX two-column resume's do.
    """
    top = PAGE_HEIGHT - MARGIN - 60
    header = [
        Text(name, MARGIN, PAGE_HEIGHT - MARGIN - 20, 20, bold_font),
        Text(contact, MARGIN, PAGE_HEIGHT - MARGIN - 38, 9, font),
    ]
    options = {
        "font": font,
        "bold_font": bold_font,
        "size": size,
        "heading_size": heading_size,
        "caps_headings": False,
    }
    left_runs = _flow(left, MARGIN, left_width, top, **options)  # type: ignore[arg-type]
    right_x = MARGIN + left_width + gutter
    right_runs = _flow(right, right_x, PAGE_WIDTH - MARGIN - right_x, top, **options)  # type: ignore[arg-type]
    return write_pages(path, [header + left_runs + right_runs])


def write_lines(
    path: Path,
    lines: Sequence[str],
    *,
    font: str = "Helvetica",
    size: float = 10.0,
    per_page: int = 55,
) -> Path:
    """Each string on its own row, top to bottom, continuing on new pages."""
    pages: list[list[Text]] = []
    for start in range(0, max(len(lines), 1), per_page):
        chunk = lines[start : start + per_page]
        pages.append(
            [
                Text(line, MARGIN, PAGE_HEIGHT - MARGIN - 13 * i, size, font)
                for i, line in enumerate(chunk)
            ]
        )
    return write_pages(path, pages)


def write_unicode_text(path: Path, lines: Sequence[str], *, size: float = 11.0) -> Path:
    """Lines in the Vera TTF font, which has real glyphs for "ﬁ", "ﬂ", "´" and accents."""
    font = _register("GapcheckVera", "Vera.ttf")
    return write_lines(path, lines, font=font, size=size)


def write_icon_font(path: Path, icon_text: str, text: str) -> Path:
    """`icon_text` set in a font whose PDF name is FontAwesome6Free-Solid, then `text`.

    Icon fonts leak glyph names ("HOUSE-CHIMNEY") or stray letters into extracted
    text. The file's font is Vera Bold renamed in place (same name length, so the
    cross-reference offsets stay valid).
    """
    icon = _register("GapcheckIcons", "VeraBd.ttf")
    ordinary = [
        Text(f"Line {i} of ordinary text in a normal font", MARGIN, 680 - 14 * i) for i in range(6)
    ]
    first_row = [Text(icon_text, MARGIN, 700, 10, icon), Text(text, MARGIN + 120, 700)]
    write_pages(path, [[*first_row, *ordinary]], compress=False)
    data = path.read_bytes()
    old, new = b"BitstreamVeraSans-Bold", b"FontAwesome6Free-Solid"
    assert len(old) == len(new) and old in data
    path.write_bytes(data.replace(old, new))
    return path


# A test file's passwords, not credentials.
TEST_USER_PASSWORD = "secret"  # noqa: S105
TEST_OWNER_PASSWORD = "owner"  # noqa: S105


def write_encrypted(
    path: Path,
    *,
    user_password: str = TEST_USER_PASSWORD,
    owner_password: str = TEST_OWNER_PASSWORD,
) -> Path:
    """Text that needs `user_password` to open ("" gives a file that opens without one)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    encryption = StandardEncryption(user_password, owner_password, canPrint=1, canModify=0)
    lines = [
        "Alex Example",
        "alex@example.com",
        "Experience",
        *(f"Encrypted resume line {i} with Python and SQL, 2020 - 2024" for i in range(8)),
    ]
    runs = [Text(line, MARGIN, 700 - 14 * i) for i, line in enumerate(lines)]
    return write_pages(path, [runs], encrypt=encryption)


def write_image_only(path: Path) -> Path:
    """A page holding one picture and no text, like a scanned resume."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(image)
    for i in range(12):
        draw.text((20, 20 + 22 * i), f"Scanned resume line {i}", fill=0)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawInlineImage(image, MARGIN, 400, width=480, height=240)
    pdf.showPage()
    pdf.save()
    return path


def write_outlined_text(path: Path) -> Path:
    """Only vector paths: what a PDF looks like when its text was converted to outlines."""
    generator = random.Random(4)  # noqa: S311
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for row in range(20):
        for letter in range(30):
            x, y = MARGIN + letter * 14, 760 - row * 30
            path_object = pdf.beginPath()
            path_object.moveTo(x, y)
            path_object.curveTo(x + generator.uniform(2, 8), y + 10, x + 8, y - 4, x + 10, y + 6)
            path_object.close()
            pdf.drawPath(path_object, fill=1, stroke=0)
    pdf.showPage()
    pdf.save()
    return path


def write_many_pages(path: Path, pages: int) -> Path:
    return write_pages(
        path, [[Text(f"Page {n} of a long document", MARGIN, 700)] for n in range(1, pages + 1)]
    )


def write_truncated(path: Path, keep: float = 0.5) -> Path:
    """A valid resume PDF with only its first `keep` share of bytes kept."""
    write_resume(path, [("Experience", ["• Built data pipelines in Python"] * 20)])
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


# --------------------------------------------------------------------------- hand-written PDFs


def build_pdf(
    objects: Sequence[bytes],
    *,
    trailer: bytes = b"/Root 1 0 R",
    xref_shift: int = 0,
    startxref: int | None = None,
) -> bytes:
    """A PDF of `objects` (numbered from 1) with a cross-reference table.

    `xref_shift` moves every recorded offset, `startxref` replaces the table's position:
    both make the table lie while the objects themselves stay intact.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % (offset + xref_shift)
    out += b"trailer\n<< /Size %d " % (len(objects) + 1) + trailer + b" >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % (xref if startxref is None else startxref)
    return bytes(out)


def _raw_pdf(path: Path, font_objects: Sequence[bytes], content: bytes) -> Path:
    """A one-page PDF whose font F1 is object 4 (further objects follow the content)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font_objects[0],
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *font_objects[1:],
    ]
    path.write_bytes(build_pdf(objects))
    return path


def _lines_content(lines: Sequence[bytes]) -> bytes:
    body = b"".join(
        b"BT /F1 11 Tf 56 %d Td %s Tj ET\n" % (760 - 16 * i, line) for i, line in enumerate(lines)
    )
    return body


def write_unmapped_font(path: Path, lines: int = 20) -> Path:
    """Glyphs in a CID font with no Unicode map: pdfminer can only say "(cid:N)"."""
    generator = random.Random(7)  # noqa: S311
    encoded = [
        b"<" + b"".join(b"%04X" % generator.randint(3, 90) for _ in range(40)) + b">"
        for _ in range(lines)
    ]
    fonts = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMapSans /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMapSans "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 7 0 R /DW 600 >>",
        b"<< /Type /FontDescriptor /FontName /NoMapSans /Flags 4 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    return _raw_pdf(path, fonts, _lines_content(encoded))


def write_substituted_font(path: Path, lines: Sequence[str] | None = None) -> Path:
    """A font whose encoding maps each letter's code to another letter's glyph name.

    Extraction then yields letter salad ("Rxdq ..."): the failure of fonts whose
    Unicode map is wrong rather than missing.
    """
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    salad = "xqzkvbcdfghjlmnprstwxzqkvb"  # vowels and consonants all map to consonants
    differences = b" ".join(b"/" + s.encode() for s in salad)
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding << /Type /Encoding /Differences [97 " + differences + b"] >> >>"
    )
    text = (
        lines
        or [
            "experienced machine learning engineer building data pipelines and models",
            "trained deep learning models for image classification and ranking",
            "deployed services with docker and kubernetes on cloud platforms",
        ]
        * 8
    )
    encoded = [b"(" + line.encode("ascii") + b")" for line in text]
    assert set("".join(text).replace(" ", "")) <= set(alphabet)
    return _raw_pdf(path, [font], _lines_content(encoded))


def write_shifted_font(path: Path, lines: Sequence[str], shift: int = 3) -> Path:
    """A font whose encoding shifts the alphabet: the code of "a" draws (and extracts as)
    the letter `shift` places on, so "Sourabh" comes out as "Vrxudek" for a shift of 3.

    The failure of fonts whose Unicode map is wrong in a regular way, which a vowel count
    does not notice: shifted letters still hold vowels.
    """
    names = []
    for first in (65, 97):  # upper case, then lower case
        letters = "".join(chr(first + (i + shift) % 26) for i in range(26))
        names.append(b"%d " % first + b" ".join(b"/" + ch.encode() for ch in letters))
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/Differences [" + b" ".join(names) + b"] >> >>"
    )
    encoded = []
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        encoded.append(b"(" + escaped.encode("latin-1") + b")")
    return _raw_pdf(path, [font], _lines_content(encoded))


def write_scan_with_stamp(
    path: Path,
    stamp: str,
    *,
    pages: int = 1,
    text_pages: Sequence[Sequence[str]] = (),
    behind: Sequence[str] = (),
) -> Path:
    """`pages` scanned pages: an image covering the page and one line of real text on it
    (a scanner's stamp, a header); then pages of ordinary text lines, if given. `behind`
    puts lines of real text over the image too, as a template with a background picture."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(image)
    for i in range(40):
        draw.text((20, 20 + 14 * i), f"Scanned resume line {i}", fill=0)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.drawInlineImage(image, 0, 0, width=PAGE_WIDTH, height=PAGE_HEIGHT)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(MARGIN, 20, stamp)
        pdf.setFont("Helvetica", 10)
        for i, line in enumerate(behind):
            pdf.drawString(MARGIN, PAGE_HEIGHT - MARGIN - 14 * i, line)
        pdf.showPage()
    for lines in text_pages:
        pdf.setFont("Helvetica", 10)
        for i, line in enumerate(lines):
            pdf.drawString(MARGIN, PAGE_HEIGHT - MARGIN - 14 * i, line)
        pdf.showPage()
    pdf.save()
    return path
