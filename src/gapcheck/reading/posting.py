"""Reading a job posting file into plain text, within the reader's limits.

    from gapcheck.reading.posting import posting_text
    text = posting_text(Path("role.md"))

A posting given as text (TEXT_SUFFIXES) is decoded here: UTF-8, else cp1252, at most
MAX_POSTING_BYTES, and held to the reader's total-size and line-length limits. A PDF or
any other format goes through `read_document`, like a resume. Parsing the text into the
skills a posting asks for is the postings stage's job (`gapcheck.postings.parse`).
"""

from __future__ import annotations

from pathlib import Path

from gapcheck.errors import InputError
from gapcheck.reading import limits, read_document, read_regular_file
from gapcheck.reading.lines import split_long_text

MAX_POSTING_BYTES = 2_000_000
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")


def posting_text(path: Path) -> str:
    """The text of the posting at `path`, one line per line; InputError names what is wrong."""
    if not path.exists():
        raise InputError(path.name, "no such file", "check the --job path")
    if path.is_dir():
        raise InputError(
            path.name, "is a folder, not a job posting", "pass one .txt, .md or .pdf file"
        )
    if path.suffix.lower() not in TEXT_SUFFIXES:
        document = read_document(path)  # PDF and other formats
        return "\n".join(line.text for line in document.lines)
    def too_big(name: str, size: int) -> InputError:
        megabytes = MAX_POSTING_BYTES // 1_000_000
        return InputError(name, f"is larger than {megabytes} MB", "pass the posting's text only")

    # Never a device or a pipe (`--job /dev/zero` would never end), never past the limit.
    advice = "pass the job posting as a .txt, .md or .pdf file"
    raw = read_regular_file(path, MAX_POSTING_BYTES, too_big, advice)
    if b"\x00" in raw:
        raise InputError(path.name, "is not a text file", "save the posting as .txt, .md or .pdf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Postings pasted on Windows are often cp1252; a stray byte must not stop the run.
        text = raw.decode("cp1252", errors="replace")
    return _bounded(text, path.name)


def _bounded(text: str, source: str) -> str:
    """The reader's limits for postings given as text: total size and line length."""
    limits.ReadBudget(source).add_characters(len(text))
    return "\n".join(
        piece
        for line in text.splitlines()
        for piece in (split_long_text(line, limits.MAX_LINE_CHARACTERS) or [""])
    )
