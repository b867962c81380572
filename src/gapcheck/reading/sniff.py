"""Which reader a file needs, decided from its first bytes, never from its name.

A resume renamed from .docx to .pdf, or a PNG screenshot saved as resume.pdf, must be
recognised (or refused with the right explanation) whatever its extension says. The
extension is only used to tell Markdown from plain text, which bytes cannot do.

A ZIP container is checked here, before any part of it is inflated: too many entries,
or more uncompressed data than the limit (as the archive declares it; Python's zipfile
never inflates an entry past its declared size), and it is refused as a ZIP bomb.
"""

from __future__ import annotations

import io
import re
import zipfile

from gapcheck.errors import InputError, LimitError
from gapcheck.reading import limits

KINDS = ("pdf", "docx", "html", "txt", "md")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

# (magic prefix, what it is, what to do): formats people mistake for resumes.
_FOREIGN_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (
        b"\x89PNG\r\n\x1a\n",
        "a PNG image",
        "export the resume as PDF with selectable text, or run OCR",
    ),
    (b"\xff\xd8\xff", "a JPEG image", "export the resume as PDF with selectable text, or run OCR"),
    (b"GIF8", "a GIF image", "export the resume as PDF with selectable text"),
    (b"II*\x00", "a TIFF image", "run OCR on it (e.g. ocrmypdf) to get a PDF with text"),
    (b"MM\x00*", "a TIFF image", "run OCR on it (e.g. ocrmypdf) to get a PDF with text"),
    (b"RIFF", "a RIFF media file (image or sound)", "pass the resume as PDF, DOCX or text"),
    (b"\xd0\xcf\x11\xe0", "an old Word 97-2003 (.doc) file", "save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document", "save it as .docx or PDF"),
    (b"\x1f\x8b", "a gzip archive", "extract the resume and pass the file itself"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "extract the resume and pass the file itself"),
    (b"Rar!", "a RAR archive", "extract the resume and pass the file itself"),
    (b"\x7fELF", "a program, not a document", "pass the resume as PDF, DOCX or text"),
    (b"MZ", "a Windows program, not a document", "pass the resume as PDF, DOCX or text"),
)

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
_HTML_ANYWHERE = re.compile(rb"<(html|body)\b[^>]*>", re.I)
_MARKDOWN_HINT = re.compile(r"^(#{1,6} \S|\s*[-*+] \S|\[[^\]]+\]\([^)]+\))", re.M)
_MARKDOWN_STRONG_HINT = re.compile(r"^#{1,6} \S|\[[^\]]+\]\([^)]+\)", re.M)


def sniff(data: bytes, name: str) -> str:
    """The kind of document in `data`: one of KINDS. Raises InputError for anything else.

    `name` is the file's name, used for the Markdown/text distinction and messages.
    """
    if not data:
        raise InputError(name, "the file is empty (0 bytes)", "export the resume again")
    # The PDF header may follow a little junk (some generators prepend a BOM or spaces).
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, name)
    for magic, what, advice in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"is {what}, not a resume document", advice)
    head = data[:4096]
    if _HTML_START.match(head) or _HTML_ANYWHERE.search(head):
        return "html"
    if not _looks_like_text(data[:8192]):
        raise InputError(
            name,
            "is not a PDF, DOCX, HTML or text file (its content is binary)",
            "pass the resume as PDF, DOCX, TXT or Markdown",
        )
    if name.lower().endswith(MARKDOWN_SUFFIXES):
        return "md"
    sample = data[:8192].decode("utf-8", errors="ignore")
    if name.lower().endswith(".txt") and not _MARKDOWN_STRONG_HINT.search(sample):
        # A .txt resume with "- " bullets is still plain text: Markdown's paragraph
        # joining would glue a heading to the list under it ("Tech" + "Go, Java, ...").
        # Only a "# heading" or a [link](url) says a .txt file is really Markdown.
        return "txt"
    return "md" if len(_MARKDOWN_HINT.findall(sample)) >= 2 else "txt"


def _sniff_zip(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, name)
            names = set(archive.namelist())
            mimetype = ""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(200).decode("ascii", "replace")
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError):
        raise InputError(
            name, "is a damaged ZIP or Word file", "open it in Word and save it again"
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if "opendocument.text" in mimetype:
        return _refuse(name, "an OpenDocument text (.odt) file", "save it as .docx or PDF")
    if "ppt/presentation.xml" in names or "xl/workbook.xml" in names:
        return _refuse(name, "a PowerPoint or Excel file", "save the resume as PDF or DOCX")
    return _refuse(name, "a ZIP archive", "extract the resume and pass the file itself")


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a ZIP bomb before anything in it is inflated."""
    entries = archive.infolist()
    if len(entries) > limits.MAX_ARCHIVE_ENTRIES:
        raise LimitError(
            name,
            f"the archive holds {len(entries):,} entries, over the "
            f"{limits.MAX_ARCHIVE_ENTRIES:,}-entry limit",
            "open it in Word and save it again, or export it as PDF",
        )
    unzipped = sum(entry.file_size for entry in entries)
    if unzipped > limits.MAX_UNZIPPED_BYTES:
        raise LimitError(
            name,
            f"the archive unpacks to {limits.over_limit_text(unzipped, limits.MAX_UNZIPPED_BYTES)}",
            "it may be a ZIP bomb; open it in Word and save it again, or export it as PDF",
        )


def _refuse(name: str, what: str, advice: str) -> str:
    raise InputError(name, f"is {what}, not a resume document", advice)


def _looks_like_text(sample: bytes) -> bool:
    """UTF-16 with a BOM, or bytes with no NULs and few control characters."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls <= max(2, len(sample) // 100)
