"""Hostile input files, generated on demand so no binary blob lives in the repository.

Each `write_*` function writes one file into a folder and returns its path. The PDFs are
written byte by byte (`build_pdf`), because a hostile PDF is exactly what a PDF library
refuses to produce: a cross-reference table that lies, a stream whose /Length is wrong,
objects that refer to themselves, a page tree with thousands of leaves.

`CASES` lists every case with what gapcheck must do with it: refuse it with an error
message containing given words, or read it (a damaged file pdfminer can repair, a PDF
whose scripts and attachments are ignored, a Windows-1252 text file).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support import pdfgen

# Resume lines that read as a real resume: a Skills heading, skills gapcheck knows, and
# enough ordinary words that the garbled-text check has something to judge.
RESUME_LINES: tuple[str, ...] = (
    "Alex Example",
    "alex@example.com | github.com/alex-example",
    "Skills",
    "Python, SQL, PyTorch, Docker, Kubernetes, scikit-learn",
    "Experience",
    "Machine Learning Engineer, Example Corp, 2021 - 2024",
    "Built and deployed machine learning models for ranking and search",
    "Trained deep learning models and tracked experiments carefully",
    "Education",
    "BSc Computer Science, Example University, 2020",
)


# --------------------------------------------------------------------------- PDF bytes


def pdf_string(text: str) -> bytes:
    """`text` as a PDF literal string, with the characters that end or escape it escaped."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def text_content(lines: Sequence[str], *, size: int = 11, top: int = 780) -> bytes:
    """A content stream drawing `lines` top to bottom in font F1."""
    return b"".join(
        b"BT /F1 %d Tf 56 %d Td %s Tj ET\n" % (size, top - 16 * i, pdf_string(line))
        for i, line in enumerate(lines)
    )


def stream_object(data: bytes, extra: bytes = b"", *, length: int | bytes | None = None) -> bytes:
    """A stream object's body; `length` overrides the true /Length (a number or a reference)."""
    declared = b"%d" % len(data) if length is None else (
        b"%d" % length if isinstance(length, int) else length
    )
    return b"<< /Length " + declared + extra + b" >>\nstream\n" + data + b"\nendstream"


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


build_pdf = pdfgen.build_pdf  # the one raw-PDF writer the test helpers share


def one_page_objects(
    content: bytes,
    *,
    page_extra: bytes = b"",
    catalog_extra: bytes = b"",
    media_box: bytes = b"[0 0 595 842]",
    content_extra: bytes = b"",
) -> list[bytes]:
    """Objects 1-5 of a one-page PDF: catalog, pages, page, Helvetica as F1, content."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box
        + b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R" + page_extra + b" >>",
        HELVETICA,
        stream_object(content, content_extra),
    ]


def resume_pdf_bytes(**options: bytes) -> bytes:
    return build_pdf(one_page_objects(text_content(RESUME_LINES), **options))


# --------------------------------------------------------------------------- damaged PDFs


def write_valid_pdf(folder: Path, name: str = "resume.pdf") -> Path:
    """The reference: a plain, well-formed one-page resume in the hand-written format."""
    path = folder / name
    path.write_bytes(resume_pdf_bytes())
    return path


def write_truncated_pdf(folder: Path) -> Path:
    return pdfgen.write_truncated(folder / "truncated.pdf", keep=0.4)


def write_header_only_pdf(folder: Path) -> Path:
    """Nothing after the header line: a download that stopped at once."""
    path = folder / "header-only.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    return path


def write_broken_xref(folder: Path) -> Path:
    """Every cross-reference offset and the table's own position are wrong."""
    path = folder / "broken-xref.pdf"
    data = build_pdf(one_page_objects(text_content(RESUME_LINES)), xref_shift=37, startxref=9)
    path.write_bytes(data)
    return path


def write_wrong_length(folder: Path) -> Path:
    """The content stream's /Length claims far more bytes than the stream holds."""
    path = folder / "wrong-length.pdf"
    objects = one_page_objects(b"")
    objects[4] = stream_object(text_content(RESUME_LINES), length=10_000_000)
    path.write_bytes(build_pdf(objects))
    return path


def write_short_length(folder: Path) -> Path:
    """The content stream's /Length is 1: the stream is cut inside its first operator."""
    path = folder / "short-length.pdf"
    objects = one_page_objects(b"")
    objects[4] = stream_object(text_content(RESUME_LINES), length=1)
    path.write_bytes(build_pdf(objects))
    return path


def write_self_reference(folder: Path) -> Path:
    """Objects that refer to themselves: a page count, a /Length and a font that never resolve."""
    path = folder / "self-reference.pdf"
    objects = one_page_objects(b"")
    objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 6 0 R >>"
    objects[3] = b"7 0 R"  # the font is object 7, which is object 4 again
    objects[4] = stream_object(text_content(RESUME_LINES), length=b"6 0 R")
    objects.append(b"6 0 R")  # object 6 is itself
    objects.append(b"4 0 R")  # object 7 is object 4
    path.write_bytes(build_pdf(objects))
    return path


def write_page_tree_loop(folder: Path) -> Path:
    """A page tree whose node lists itself and its parent among its own pages."""
    path = folder / "page-loop.pdf"
    objects = one_page_objects(text_content(RESUME_LINES))
    objects[1] = b"<< /Type /Pages /Kids [2 0 R 6 0 R 3 0 R] /Count 3 >>"
    objects.append(b"<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 2 0 R] /Count 2 >>")
    path.write_bytes(build_pdf(objects))
    return path


def write_resource_loop(folder: Path) -> Path:
    """A form XObject that draws itself: an endless recursion for a naive interpreter."""
    path = folder / "xobject-loop.pdf"
    objects = one_page_objects(
        text_content(RESUME_LINES) + b"/X1 Do\n",
        page_extra=b"",
    )
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> /Contents 5 0 R >>"
    )
    objects.append(
        stream_object(
            b"/X1 Do\n",
            b" /Type /XObject /Subtype /Form /BBox [0 0 595 842]"
            b" /Resources << /XObject << /X1 6 0 R >> >>",
        )
    )
    path.write_bytes(build_pdf(objects))
    return path


def write_deep_nesting(folder: Path, depth: int = 100_000) -> Path:
    """Arrays and dictionaries nested `depth` levels deep, in the page and in its content."""
    path = folder / "deep-nesting.pdf"
    nested_array = b"[" * depth + b"]" * depth
    nested_dict = b"<< /A " * depth + b"1" + b" >>" * depth
    content = text_content(RESUME_LINES) + nested_array + b" pop\n"
    page_extra = b" /Deep " + nested_array + b" /Deeper " + nested_dict
    objects = one_page_objects(content, page_extra=page_extra)
    path.write_bytes(build_pdf(objects))
    return path


def _deflate_repeated(chunk: bytes, total: int) -> bytes:
    """`chunk` repeated up to `total` bytes, deflated without holding the whole in memory."""
    compressor = zlib.compressobj(9)
    parts = []
    block = chunk * max(1, (1 << 20) // len(chunk))
    written = 0
    while written < total:
        piece = block[: total - written]
        parts.append(compressor.compress(piece))
        written += len(piece)
    parts.append(compressor.flush())
    return b"".join(parts)


BOMB_INFLATED_BYTES = 320 << 20  # past every inflation limit, quick to generate
_bomb_cache: dict[int, bytes] = {}


def bomb_stream(inflated: int = BOMB_INFLATED_BYTES) -> bytes:
    """A FlateDecode stream that inflates to `inflated` bytes of spaces (cached: slow to make)."""
    if inflated not in _bomb_cache:
        _bomb_cache[inflated] = _deflate_repeated(b" ", inflated)
    return _bomb_cache[inflated]


def write_decompression_bomb(folder: Path) -> Path:
    """A page whose content stream is deflated twice: 2 KB that inflate to 320 MB."""
    path = folder / "bomb.pdf"
    once = bomb_stream()
    twice = zlib.compress(once, 9)
    objects = one_page_objects(b"")
    objects[4] = stream_object(twice, b" /Filter [/FlateDecode /FlateDecode]")
    path.write_bytes(build_pdf(objects))
    return path


def write_truncated_bomb(folder: Path) -> Path:
    """A bomb stream cut short: a damaged deflate stream that still inflates to 320 MB.

    pdfminer retries damaged streams byte by byte, which must be bounded as well.
    """
    path = folder / "truncated-bomb.pdf"
    data = bomb_stream()[:-64]
    objects = one_page_objects(b"")
    objects[4] = stream_object(data, b" /Filter /FlateDecode")
    path.write_bytes(build_pdf(objects))
    return path


def write_spread_bomb(folder: Path, pages: int = 5) -> Path:
    """Pages whose content streams each stay under the per-stream limit, not in total."""
    path = folder / "spread-bomb.pdf"
    per_page = bomb_stream(60 << 20)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        HELVETICA,
    ]
    for i in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(stream_object(per_page, b" /Filter /FlateDecode"))
    path.write_bytes(build_pdf(objects))
    return path


def lzw_bomb(cycles: int) -> bytes:
    """LZW codes (PDF flavour, early change) for `cycles` runs of ever longer runs of spaces.

    After a clear code and one space, every code is the next free table entry (the
    "KwKwK" case), so code n repeats the previous string plus one space: each cycle of
    3,838 codes (5 KB) decodes to 7.4 MB.
    """
    bits: list[str] = []
    width = 9
    for _ in range(cycles):
        bits.append(format(256, f"0{width}b"))  # clear, at the current width: the table restarts
        width = 9
        bits.append(format(32, f"0{width}b"))  # a space
        size = 258
        while size < 4096:
            bits.append(format(size, f"0{width}b"))
            size += 1
            if size in (511, 1023, 2047):
                width += 1
    bits.append(format(257, "012b"))  # end of data
    stream = "".join(bits)
    stream += "0" * (-len(stream) % 8)
    return int(stream, 2).to_bytes(len(stream) // 8, "big")


def write_lzw_bomb(folder: Path) -> Path:
    """A content stream in the LZW filter pdfminer decodes in Python: 400 KB to 500 MB."""
    path = folder / "lzw-bomb.pdf"
    objects = one_page_objects(b"")
    objects[4] = stream_object(lzw_bomb(70), b" /Filter /LZWDecode")
    path.write_bytes(build_pdf(objects))
    return path


def write_run_length_bomb(folder: Path) -> Path:
    """Run-length data (64 times larger once decoded) inside deflate: 4 KB to 256 MB."""
    path = folder / "run-length-bomb.pdf"
    runs = zlib.compress(b"\x81 " * (2 << 20), 9)  # each pair: 128 spaces
    objects = one_page_objects(b"")
    objects[4] = stream_object(runs, b" /Filter [/FlateDecode /RunLengthDecode]")
    path.write_bytes(build_pdf(objects))
    return path


def write_many_pages(folder: Path, pages: int = 5000, *, lying_count: bool = False) -> Path:
    """A page tree with `pages` pages; `lying_count` declares /Count 1 to dodge a quick check."""
    path = folder / ("many-pages-lying.pdf" if lying_count else "many-pages.pdf")
    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    count = 1 if lying_count else pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",  # 3
        stream_object(text_content(RESUME_LINES)),  # 4: every page shows the same content
        b"null",  # 5: unused
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects.extend(page for _ in range(pages))
    path.write_bytes(build_pdf(objects))
    return path


def write_enormous_page(folder: Path, glyphs: int = 3_000_000) -> Path:
    """One page the size of a football pitch, drawing `glyphs` characters (deflated: small file)."""
    path = folder / "enormous-page.pdf"
    row = b"BT /F1 4 Tf %d %d Td (" + b"Python SQL Docker " * 50 + b") Tj ET\n"
    rows = []
    per_row = len(b"Python SQL Docker ") * 50
    for i in range(glyphs // per_row + 1):
        rows.append(row % (10 + (i % 40) * 2000, 100 + (i // 40) * 5))
    content = zlib.compress(text_content(RESUME_LINES) + b"".join(rows), 9)
    objects = one_page_objects(
        content, media_box=b"[0 0 100000 100000]", content_extra=b" /Filter /FlateDecode"
    )
    path.write_bytes(build_pdf(objects))
    return path


def write_far_coordinates(folder: Path) -> Path:
    """Text placed a quadrillion points to the right, and at infinity by a huge text matrix.

    Layout code that sizes anything by the page's width in points must not meet these.
    """
    path = folder / "far-coordinates.pdf"
    content = text_content(RESUME_LINES) + (
        b"BT /F1 11 Tf 1000000000000000 700 Td (Kubernetes far away) Tj ET\n"
        b"BT /F1 11 Tf 1e308 0 0 1e308 1e308 1e308 Tm (Docker at infinity) Tj ET\n"
        b"BT /F1 11 Tf -1000000000000 0 0 1 -1e300 300 Tm (Spark) Tj ET\n"
    )
    path.write_bytes(build_pdf(one_page_objects(content)))
    return path


def write_operand_flood(folder: Path, operands: int = 20_000_000) -> Path:
    """A content stream of millions of numbers and no operator to consume them."""
    path = folder / "operand-flood.pdf"
    content = zlib.compress(text_content(RESUME_LINES) + b"1 " * operands, 9)
    objects = one_page_objects(content, content_extra=b" /Filter /FlateDecode")
    path.write_bytes(build_pdf(objects))
    return path


# --------------------------------------------------------------------------- active content


JAVASCRIPT_MARKER = "gapcheck-hostile-javascript"
EMBEDDED_MARKER = "TensorFlowEmbeddedOnly"  # a word that must never reach a report


def write_active_content(folder: Path) -> Path:
    """A readable resume carrying JavaScript, a Launch action and an embedded file.

    A reader must take the page text and nothing else: the script is never run, the
    program never launched, the attachment never read as part of the resume.
    """
    path = folder / "active-content.pdf"
    script = f"app.alert('{JAVASCRIPT_MARKER}'); this.submitForm('https://example.invalid/');"
    embedded = f"Skills: {EMBEDDED_MARKER}, Kubernetes, Rust".encode()
    objects = one_page_objects(
        text_content(RESUME_LINES),
        catalog_extra=(
            b" /OpenAction 6 0 R /AA << /WC 6 0 R >>"
            b" /Names << /JavaScript << /Names [(boot) 6 0 R] >>"
            b" /EmbeddedFiles << /Names [(skills.txt) 8 0 R] >> >>"
        ),
        page_extra=b" /Annots [9 0 R] /AA << /O 7 0 R >>",
    )
    objects += [
        b"<< /Type /Action /S /JavaScript /JS " + pdf_string(script) + b" >>",  # 6
        b"<< /Type /Action /S /Launch /F (calc.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>",  # 7
        b"<< /Type /Filespec /F (skills.txt) /EF << /F 10 0 R >> >>",  # 8
        b"<< /Type /Annot /Subtype /Link /Rect [56 700 300 720] /A 7 0 R >>",  # 9
        stream_object(embedded, b" /Type /EmbeddedFile"),  # 10
    ]
    path.write_bytes(build_pdf(objects))
    return path


# --------------------------------------------------------------------------- unreadable PDFs


def write_encrypted_with_password(folder: Path) -> Path:
    return pdfgen.write_encrypted(folder / "encrypted.pdf")


def write_encrypted_without_password(folder: Path) -> Path:
    """Encrypted, but with an empty user password: opens like any PDF."""
    return pdfgen.write_encrypted(folder / "encrypted-open.pdf", user_password="")


def write_unmapped_font(folder: Path) -> Path:
    return pdfgen.write_unmapped_font(folder / "unmapped-font.pdf")


def write_image_only(folder: Path) -> Path:
    return pdfgen.write_image_only(folder / "image-only.pdf")


# --------------------------------------------------------------------------- not what it says


PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
)


def write_png_as_pdf(folder: Path) -> Path:
    path = folder / "photo.pdf"
    path.write_bytes(PNG_HEADER + bytes(64))
    return path


def write_zip_as_pdf(folder: Path) -> Path:
    path = folder / "archive.pdf"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("resume.txt", "\n".join(RESUME_LINES))
    path.write_bytes(buffer.getvalue())
    return path


def write_zero_bytes(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def docx_bytes(lines: Sequence[str] = RESUME_LINES) -> bytes:
    """A minimal valid Word document with one paragraph per line."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX_BOMB_INFLATED_BYTES = 256 << 20  # past the 100 MB limit, quick to generate


def write_docx_bomb(folder: Path) -> Path:
    """A real Word document whose body part inflates to 256 MB.

    The archive's directory states the true sizes: the archive is honest, only enormous.
    """
    path = folder / "bomb.docx"
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                archive.writestr(item, source.read(item.filename))
                continue
            document = source.read(item.filename)
            cut = document.index(b"</w:body>")
            with archive.open(item.filename, "w", force_zip64=True) as member:
                member.write(document[:cut])
                remaining = DOCX_BOMB_INFLATED_BYTES
                block = b"<w:p/>" * ((1 << 20) // 6)
                while remaining > 0:
                    member.write(block[:remaining])
                    remaining -= len(block)
                member.write(document[cut:])
    path.write_bytes(buffer.getvalue())
    return path


def write_docx_many_entries(folder: Path, entries: int = 60_000) -> Path:
    """A Word document padded with tens of thousands of tiny archive entries."""
    path = folder / "many-entries.docx"
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item.filename))
        for i in range(entries):
            archive.writestr(f"customXml/pad{i}.xml", b"")
    path.write_bytes(buffer.getvalue())
    return path


LYING_ENTRY_INFLATED_BYTES = 320 << 20  # what the lying entry really inflates to
LYING_ENTRY_STATED_BYTES = 2_000  # what the archive says it inflates to


def lying_docx_bytes(
    inflated: int = LYING_ENTRY_INFLATED_BYTES, stated: int = LYING_ENTRY_STATED_BYTES
) -> bytes:
    """A Word document whose body part states `stated` bytes but inflates to `inflated`.

    Both records of the size (the local header and the central directory) lie, so the
    declared sizes pass every check made before inflating.
    """
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                archive.writestr(item, source.read(item.filename))
                continue
            document = source.read(item.filename)
            with archive.open(item.filename, "w") as member:
                member.write(document)
                remaining = inflated - len(document)
                block = b" " * (1 << 20)
                while remaining > 0:
                    member.write(block[:remaining])
                    remaining -= len(block)
    data = bytearray(buffer.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    data[info.header_offset + 22 : info.header_offset + 26] = stated.to_bytes(4, "little")
    name = info.filename.encode()
    end = data.rindex(b"PK\x05\x06")  # the end record gives where the directory starts
    central = int.from_bytes(data[end + 16 : end + 20], "little")
    while True:
        name_length = int.from_bytes(data[central + 28 : central + 30], "little")
        extra = int.from_bytes(data[central + 30 : central + 32], "little")
        comment = int.from_bytes(data[central + 32 : central + 34], "little")
        if data[central + 46 : central + 46 + name_length] == name:
            data[central + 24 : central + 28] = stated.to_bytes(4, "little")
            break
        central += 46 + name_length + extra + comment
    return bytes(data)


def write_docx_lying_entry(folder: Path) -> Path:
    """A Word document whose body part says it holds 2 KB and inflates to 320 MB."""
    path = folder / "lying.docx"
    path.write_bytes(lying_docx_bytes())
    return path


def write_docx_footer_flood(folder: Path) -> Path:
    """A short Word resume whose page footer holds 250,000 characters."""
    import docx

    document = docx.Document()
    for line in RESUME_LINES:
        document.add_paragraph(line)
    document.sections[0].footer.paragraphs[0].text = "Python SQL Docker " * 14_000
    path = folder / "footer-flood.docx"
    document.save(str(path))
    return path


def write_shifted_font(folder: Path) -> Path:
    """A resume whose font shifts every letter three places ("Vrxudek Edmdm")."""
    return pdfgen.write_shifted_font(folder / "shifted.pdf", RESUME_LINES, shift=3)


SCAN_STAMP = "Scanned with ExampleScan - scan.example.com - page 1 of 1"  # 57 characters


def write_scan_with_stamp(folder: Path) -> Path:
    """A scanned page, an image over all of it, with a 57-character text stamp."""
    return pdfgen.write_scan_with_stamp(folder / "scan-stamp.pdf", SCAN_STAMP)


# --------------------------------------------------------------------------- text and HTML


def write_cp1252_text(folder: Path) -> Path:
    """A resume saved by an old Windows editor: Windows-1252, not UTF-8."""
    path = folder / "windows.txt"
    lines = [*RESUME_LINES, "Café résumé naïve – “quoted” text"]
    path.write_bytes("\n".join(lines).encode("cp1252"))
    return path


def write_utf16_without_bom(folder: Path) -> Path:
    """UTF-16 text without a byte-order mark: half its bytes are NUL."""
    path = folder / "utf16.txt"
    path.write_bytes("\n".join(RESUME_LINES).encode("utf-16-le"))
    return path


def write_invalid_utf8_markdown(folder: Path) -> Path:
    """Markdown with invalid UTF-8 sequences and stray control characters."""
    path = folder / "broken.md"
    body = "\n".join(["# Resume", "## Skills", "- Python, SQL, Docker", *RESUME_LINES[5:]])
    path.write_bytes(body.encode() + b"\n\xff\xfe\xc3\x28 \x80\x81 \x07text\x1b[31m\n")
    return path


def write_one_huge_line(folder: Path, size: int = 15 * 1024 * 1024) -> Path:
    """A text file with no line break at all, just under the byte limit."""
    path = folder / "one-line.txt"
    words = b"Python SQL Docker machine learning pipelines "
    path.write_bytes(b"Skills " + words * (size // len(words)))
    return path


def write_many_lines(folder: Path, lines: int = 60_000) -> Path:
    """Tens of thousands of one-letter lines: few characters, too many lines."""
    path = folder / "many-lines.txt"
    path.write_bytes(b"Skills\nPython and SQL\n" + b"x\n" * lines)
    return path


def write_scripted_html(folder: Path) -> Path:
    """A saved portfolio page full of scripts, handlers and hidden text."""
    path = folder / "scripted.html"
    path.write_text(
        "<!doctype html><html><head><title>Alex Example</title>"
        f"<script>alert('{JAVASCRIPT_MARKER}')</script>"
        "<meta http-equiv='refresh' content='0;url=https://example.invalid/'></head>"
        f"<body onload=\"alert('{JAVASCRIPT_MARKER}')\">"
        + "".join(f"<p>{line}</p>" for line in RESUME_LINES)
        + "<h2>Skills</h2><p>Python, SQL, PyTorch, Docker</p>"
        f"<div hidden>{EMBEDDED_MARKER}</div>"
        f"<template>{EMBEDDED_MARKER}</template>"
        "<a href=\"javascript:alert(1)\">my project</a>"
        f"<iframe src='https://example.invalid/'>{EMBEDDED_MARKER}</iframe>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def write_deep_html(folder: Path, depth: int = 50_000) -> Path:
    """A saved resume page whose elements nest tens of thousands deep around its text."""
    path = folder / "deep.html"
    resume = "".join(f"<p>{line}</p>" for line in RESUME_LINES).encode()
    path.write_bytes(
        b"<!doctype html><html><body>" + b"<div>" * depth + resume + b"</div>" * depth
        + b"</body></html>"
    )
    return path


def write_backtracking_markdown(folder: Path, repeat: int = 4_000) -> Path:
    """Lines built to make careless regular expressions backtrack for hours."""
    path = folder / "backtracking.md"
    rows = [
        "# Skills",
        "*" + "a *" * repeat,
        "_" + "a _" * repeat,
        "[" * repeat + "](" * repeat,
        "<a href='" + "x" * repeat,
        "<!--" * repeat,
        "<https://" * (repeat // 4),  # "https" has no vowel: too many look like letter salad
        "`" * repeat + "x",
        "~~" + "a~" * repeat,
        "![" + "[" * repeat,
        "#  a" + " " * repeat + "b",
        "Python " * 3000,
        # Ordinary prose, so the file reads as text rather than letter salad.
        "Built machine learning pipelines with Python and trained models on data. " * 300,
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


def write_carriage_return_lines(folder: Path, lines: int = 60_000) -> Path:
    """Tens of thousands of lines ended by a carriage return alone (old Mac text)."""
    path = folder / "cr-lines.txt"
    path.write_bytes(b"Skills\rPython and SQL\r" + b"x\r" * lines)
    return path


def write_unicode_separator_lines(folder: Path, lines: int = 60_000) -> Path:
    """Tens of thousands of lines ended by U+2028 and U+2029 in a Markdown file."""
    path = folder / "separators.md"
    path.write_text("# Skills\n" + "x\u2028y\u2029" * (lines // 2), encoding="utf-8")
    return path


def write_hello(folder: Path) -> Path:
    path = folder / "hello.txt"
    path.write_text("hello", encoding="utf-8")
    return path


def write_job_posting(folder: Path) -> Path:
    path = folder / "posting.txt"
    path.write_text(
        "Data Scientist\nWe are looking for a data scientist to join our team. You will "
        "build models with Python and SQL, and you'll work with our engineers.\n"
        "Responsibilities\nBuild and evaluate models\nRequirements\n3+ years of Python\n"
        "Benefits\nCompetitive salary and paid time off. We are an equal opportunity "
        "employer. Apply now.\n",
        encoding="utf-8",
    )
    return path


# --------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class Case:
    """A hostile file and what gapcheck must do with it.

    `error` holds words the one-line error must contain (None: the file must be read and
    a report written); `absent` holds text that must never reach that report; `limits`
    lowers limits of gapcheck.reading.limits for the run, so a time limit is shown to
    work without waiting for the real one.
    """

    name: str
    write: Callable[[Path], Path]
    error: tuple[str, ...] | None
    absent: tuple[str, ...] = ()
    limits: tuple[tuple[str, float], ...] = ()
    pdf: bool = True  # a PDF
    pdfium: bool = True  # also read with the pdfium engine (else test_reading_errors does)


CASES: tuple[Case, ...] = (
    Case("truncated", write_truncated_pdf, ("damaged or truncated",), pdfium=False),
    Case("header-only", write_header_only_pdf, ("damaged or truncated",)),
    Case("broken-xref", write_broken_xref, None),
    Case("wrong-length", write_wrong_length, ("no text layer",)),
    Case("short-length", write_short_length, ("no text layer",)),
    Case("self-reference", write_self_reference, ("endless loop",)),
    Case("page-tree-loop", write_page_tree_loop, None),
    Case("xobject-loop", write_resource_loop, None),
    Case("deep-nesting", write_deep_nesting, None),
    Case("decompression-bomb", write_decompression_bomb, ("64.0 MB", "decompression bomb")),
    Case("truncated-bomb", write_truncated_bomb, ("64.0 MB", "decompression bomb")),
    Case("spread-bomb", write_spread_bomb, ("256.0 MB in all", "decompression bomb")),
    Case("lzw-bomb", write_lzw_bomb, ("64.0 MB", "decompression bomb")),
    Case("run-length-bomb", write_run_length_bomb, ("64.0 MB", "decompression bomb")),
    Case("thousands-of-pages", write_many_pages, ("5000 pages", "50-page limit"), pdfium=False),
    Case(
        "thousands-of-pages-lying-count",
        lambda folder: write_many_pages(folder, lying_count=True),
        ("more than 50 pages", "50-page limit"),
    ),
    Case("enormous-page", write_enormous_page, ("200,000 characters",)),
    Case("far-coordinates", write_far_coordinates, None),
    Case(
        "operand-flood",
        write_operand_flood,
        ("3-second limit",),
        limits=(("MAX_SECONDS", 3.0),),
    ),
    Case(
        "active-content",
        write_active_content,
        None,
        absent=(JAVASCRIPT_MARKER, EMBEDDED_MARKER, "calc.exe", "skills.txt"),
    ),
    Case("encrypted", write_encrypted_with_password, ("encrypted", "password"), pdfium=False),
    Case("encrypted-open", write_encrypted_without_password, None, pdfium=False),
    Case("unmapped-font", write_unmapped_font, ("garbled", "Unicode map"), pdfium=False),
    Case("image-only", write_image_only, ("no text layer", "OCR"), pdfium=False),
    Case("png-renamed", write_png_as_pdf, ("PNG image",), pdf=False),
    Case("zip-renamed", write_zip_as_pdf, ("ZIP archive",), pdf=False),
    Case("zero-bytes", write_zero_bytes, ("empty",), pdf=False),
    Case("docx-bomb", write_docx_bomb, ("100.0 MB limit", "ZIP bomb"), pdf=False),
    Case("docx-many-entries", write_docx_many_entries, ("5,000-entry limit",), pdf=False),
    Case("cp1252-text", write_cp1252_text, None, pdf=False),
    Case("utf16-without-bom", write_utf16_without_bom, ("binary",), pdf=False),
    Case("invalid-utf8-markdown", write_invalid_utf8_markdown, None, pdf=False),
    Case("one-huge-line", write_one_huge_line, ("200,000 characters",), pdf=False),
    Case("many-lines", write_many_lines, ("50,000 lines",), pdf=False),
    Case("deep-html", write_deep_html, None, pdf=False),
    Case(
        "scripted-html",
        write_scripted_html,
        None,
        absent=(JAVASCRIPT_MARKER, EMBEDDED_MARKER, "javascript:"),
        pdf=False,
    ),
    Case("backtracking-markdown", write_backtracking_markdown, None, pdf=False),
    Case("carriage-return-lines", write_carriage_return_lines, ("50,000 lines",), pdf=False),
    Case("unicode-separators", write_unicode_separator_lines, ("50,000 lines",), pdf=False),
    Case("docx-footer-flood", write_docx_footer_flood, ("200,000 characters",), pdf=False),
    Case("docx-lying-entry", write_docx_lying_entry, ("limit reached",), pdf=False),
    Case("shifted-font", write_shifted_font, ("garbled", "shifted by 3 places")),
    Case("scan-with-stamp", write_scan_with_stamp, ("no usable text layer", "57 characters")),
    Case("hello", write_hello, ("too little to be a resume",), pdf=False),
    Case("job-posting", write_job_posting, ("looks like a job posting", "--job"), pdf=False),
)
