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

from pathlib import Path

from gapcheck.errors import InputError, LimitError, UsageError
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
    share = quality.unreadable_share(result.readable, result.unreadable)
    quality.check_garbled(source, share, (line.text for line in result.lines))
    if not result.lines:
        raise InputError(source, "contains no text", "check that this is the right file")
    warnings = list(result.warnings)
    if (warning := quality.unreadable_warning(share)) is not None:
        warnings.append(warning)
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
    name = path.name or str(path)
    try:
        if not path.exists():
            raise InputError(name, "file not found", "check the path and the file name")
        if path.is_dir():
            raise InputError(
                name,
                "is a folder, not a file",
                "pass the resume file itself (PDF, DOCX, TXT, MD or HTML)",
            )
        size = path.stat().st_size
        if size > limits.MAX_BYTES:
            raise _too_big(name, size)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            name, f"cannot be read ({exc.strerror or exc})", "check its permissions"
        ) from None


def _too_big(source: str, size: int) -> LimitError:
    return LimitError(
        source,
        f"is {limits.size_text(size)}, over the {limits.size_text(limits.MAX_BYTES)} limit",
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
