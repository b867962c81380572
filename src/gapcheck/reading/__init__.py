"""Reading one input file into a `Document`: clean lines in reading order, with diagnostics.

    from gapcheck.reading import read_document
    document = read_document(Path("resume.pdf"))

The file type comes from the file's bytes (`sniff.py`), never its extension. PDFs go
through pdfminer (or pypdfium2 with engine="pdfium"), then geometry-based reading
order (`columns.py`), cleanup (`cleanup.py`) and line joining (`lines.py`); DOCX,
HTML, Markdown and plain text have readers of their own that give the same records.
Anything gapcheck cannot use raises a `GapcheckError` subclass naming the file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gapcheck.errors import GapcheckError, InputError, LimitError, UsageError
from gapcheck.reading import limits, quality
from gapcheck.reading.result import ReadResult
from gapcheck.reading.sniff import sniff
from gapcheck.records import ENGINES, Diagnostics, Document

__all__ = [
    "ENGINES",
    "TWO_COLUMN_WARNING",
    "ReadResult",
    "read_bytes",
    "read_document",
    "read_regular_file",
]

ROLES = ("resume", "portfolio")
TWO_COLUMN_WARNING = "two-column layout: section attribution may be approximate"


def read_document(path: Path, *, role: str = "resume", engine: str = "pdfminer") -> Document:
    """Read `path` (PDF, DOCX, HTML, Markdown or text) into a Document.

    `role` is "resume" or "portfolio"; `engine` picks the PDF reader ("pdfminer", or
    "pdfium" when gapcheck[fast] is installed). Raises InputError (missing, wrong
    type, damaged, encrypted), UnreadableError (no text layer, garbled text) or
    LimitError (size, pages, time, memory), each naming the file and what to do.
    """
    path = Path(path)
    data = _load(path)
    return read_bytes(data, path.name, role=role, engine=engine)


def read_bytes(
    data: bytes, source: str, *, role: str = "resume", engine: str = "pdfminer"
) -> Document:
    """Like `read_document`, for content already in memory; `source` names it in messages."""
    if engine not in ENGINES:
        raise UsageError(
            "--pdf-engine", f"unknown engine '{engine}'", f"choose one of: {', '.join(ENGINES)}"
        )
    if role not in ROLES:
        raise UsageError(
            "role", f"unknown document role '{role}'", f"choose one of: {', '.join(ROLES)}"
        )
    if len(data) > limits.MAX_BYTES:
        raise _too_big(source, len(data))
    kind = sniff(data, source)
    budget = limits.ReadBudget(source)
    with budget.watch():
        result = _read_kind(kind, data, source, engine, budget)
    if len(result.lines) > limits.MAX_TEXT_LINES:  # whatever the reader counted on the way
        budget.lines = 0
        budget.add_lines(len(result.lines))
    warnings = list(result.warnings)
    if result.page_characters:
        scanned = quality.check_scanned_pages(
            source, result.page_characters, result.page_image_cover
        )
        if scanned is not None:
            warnings.append(scanned)
    share = quality.unreadable_share(result.readable, result.unreadable)
    texts = [line.text for line in result.lines]
    doubtful = quality.check_garbled(source, share, texts, kind=kind)
    if not result.lines:
        raise InputError(source, "contains no text", "check that this is the right file")
    if (warning := quality.unreadable_warning(share)) is not None:
        warnings.append(warning)
    if doubtful is not None:
        warnings.append(doubtful)
    if result.layout in ("two-column", "sidebar"):
        warnings.append(TWO_COLUMN_WARNING)
    diagnostics = Diagnostics(
        pages=result.pages,
        characters=sum(len(line.text) for line in result.lines),
        layout=result.layout,
        columns=result.columns,
        unreadable_share=round(share, 4),
        engine=result.engine,
        warnings=tuple(warnings),
    )
    return Document(
        source=source, kind=kind, lines=result.lines, diagnostics=diagnostics, role=role
    )


def _load(path: Path) -> bytes:
    return read_regular_file(path, limits.MAX_BYTES, _too_big)


RESUME_ADVICE = "pass the resume file itself (PDF, DOCX, TXT, MD or HTML)"


def read_regular_file(
    path: Path,
    limit: int,
    too_big: Callable[[str, int], GapcheckError],
    advice: str = RESUME_ADVICE,
) -> bytes:
    """The file's bytes, refusing before any read what is not a regular file.

    A device (/dev/zero never ends), a named pipe (a read waits for a writer forever) or
    a socket is refused from its type; the file is then opened without blocking, its type
    checked again on the open file (it may have been swapped since), and at most one
    byte more than `limit` is read, whatever size it claimed: `too_big(name, size)` is
    raised past the limit. Any reader of a user's file (a posting, say) can use it, with
    its own `advice` for what to pass instead.
    """
    name = path.name or str(path)
    try:
        try:
            mode = path.stat().st_mode  # follows a symbolic link, as the read does
        except (FileNotFoundError, NotADirectoryError):
            raise InputError(name, "file not found", "check the path and the file name") from None
        _check_regular(name, mode, advice)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
        with open(descriptor, "rb", buffering=0, closefd=True) as stream:  # noqa: PTH123
            info = os.fstat(stream.fileno())
            _check_regular(name, info.st_mode, advice)
            if info.st_size > limit:
                raise too_big(name, info.st_size)
            return _read_at_most(stream, name, limit, too_big)
    except OSError as exc:
        raise InputError(
            name, f"cannot be read ({exc.strerror or exc})", "check its permissions"
        ) from None


# What a path that is not a regular file is, by the type in its mode.
_SPECIAL_FILES = (
    (stat.S_ISCHR, "a character device (like /dev/zero)"),
    (stat.S_ISBLK, "a block device (a disk)"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(name: str, mode: int, advice: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(name, "is a folder, not a file", advice)
    if stat.S_ISREG(mode):
        return
    what = next((what for test, what in _SPECIAL_FILES if test(mode)), "a special file")
    raise InputError(name, f"is {what}, not a regular file", advice)


def _read_at_most(
    stream: BinaryIO,
    name: str,
    limit: int,
    too_big: Callable[[str, int], GapcheckError] | None = None,
) -> bytes:
    """Up to `limit` bytes; an error if the file holds more (it grew after its size was read)."""
    parts: list[bytes] = []
    total = 0
    while True:
        piece = stream.read(min(_READ_PIECE, limit + 1 - total))
        if not piece:
            return b"".join(parts)
        parts.append(piece)
        total += len(piece)
        if total > limit:
            raise (too_big or _too_big)(name, total)


_READ_PIECE = 1 << 20


def _too_big(source: str, size: int) -> LimitError:
    return LimitError(
        source,
        f"is {limits.over_limit_text(size, limits.MAX_BYTES)}",
        "pass the resume itself; a resume PDF is rarely over 2 MB "
        "(compress its images or print it to a new PDF)",
    )


def _read_kind(
    kind: str, data: bytes, source: str, engine: str, budget: limits.ReadBudget
) -> ReadResult:
    if kind == "pdf":
        if engine == "pdfium":
            from gapcheck.reading.pdfium import read_pdfium

            return read_pdfium(data, source, budget)
        from gapcheck.reading.pdf import read_pdfminer

        return read_pdfminer(data, source, budget)
    if kind == "docx":
        from gapcheck.reading.docx import read_docx

        return read_docx(data, source, budget)
    if kind == "html":
        from gapcheck.reading.html import read_html

        return read_html(data, source, budget)
    from gapcheck.reading.plaintext import read_text

    return read_text(data, source, budget, markdown=kind == "md")
