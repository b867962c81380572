"""The record every format reader returns, before it becomes a `Document`."""

from __future__ import annotations

from dataclasses import dataclass, field

from gapcheck.records import Line


@dataclass
class ReadResult:
    """Lines plus what the reader saw; `read_bytes` adds the checks and the diagnostics."""

    lines: tuple[Line, ...]
    pages: int
    engine: str
    layout: str = "text"  # "single-column", "two-column", "sidebar", "text"
    columns: int = 1
    readable: int = 0  # characters decoded
    unreadable: int = 0  # characters that could not be decoded
    warnings: list[str] = field(default_factory=list)
    # PDFs: per page, the characters of text, and the share of the page images cover
    # (measured at least on pages with too little text to be real pages of a resume).
    page_characters: list[int] = field(default_factory=list)
    page_image_cover: list[float] = field(default_factory=list)
