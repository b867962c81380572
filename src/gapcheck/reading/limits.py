"""Every limit the reader enforces, in one place, so errors can state them exactly.

A resume is a few pages and well under a megabyte; the limits sit far above that so
they only stop files that are not resumes (a scanned book, a 300-page thesis) or PDFs
built to make a parser loop or swell. `ReadBudget` is checked between pages and, for
PDFs, every few hundred glyphs inside a page, so one pathological page cannot hang a
batch run.
"""

from __future__ import annotations

import sys
import time

from gapcheck.errors import LimitError

MAX_BYTES = 20 * 1024 * 1024  # 20 MB
MAX_PAGES = 50
MAX_SECONDS = 30.0  # wall-clock budget for reading one file
MAX_EXTRA_MEMORY_MB = 1024  # growth of the process's peak memory while reading one file
MAX_TEXT_LINES = 50_000  # text, Markdown, HTML and DOCX inputs

# Refuse to score a document when more than this share of its characters could not be
# mapped to text: every skill would come out "missing", which is worse than no report.
GARBLED_SHARE = 0.25
# Above this share (but below GARBLED_SHARE) the text is used, with a warning.
UNREADABLE_WARN_SHARE = 0.03
# Fewer characters than this in a whole PDF means there is no real text layer.
MIN_TEXT_CHARACTERS = 40


def size_text(n_bytes: int) -> str:
    """`n_bytes` in the units the limit is stated in (MB with one decimal)."""
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def _peak_memory_mb() -> float | None:
    """The process's peak resident memory in MB, or None where the OS does not say."""
    try:
        import resource
    except ImportError:  # Windows: no resource module, no memory guard
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class ReadBudget:
    """Time and memory allowance for reading one file; `check` raises LimitError when spent."""

    def __init__(
        self,
        source: str,
        *,
        seconds: float | None = None,
        extra_memory_mb: float | None = None,
    ) -> None:
        self.source = source
        # Read at call time, so the module's limits can be changed (and tested) in one place.
        self.seconds = MAX_SECONDS if seconds is None else seconds
        self.extra_memory_mb = MAX_EXTRA_MEMORY_MB if extra_memory_mb is None else extra_memory_mb
        self._deadline = time.monotonic() + self.seconds
        self._memory_start = _peak_memory_mb()
        self.page = 0  # the page being read, for the error message

    def check(self) -> None:
        if time.monotonic() > self._deadline:
            where = f" (stopped on page {self.page})" if self.page else ""
            raise LimitError(
                self.source,
                f"reading took longer than the {self.seconds:g}-second limit{where}",
                "the PDF may be malformed; print it to a new PDF and try again",
            )

    def check_memory(self) -> None:
        """Cheap enough between pages (one system call), too slow per glyph."""
        if self._memory_start is None:
            return
        now = _peak_memory_mb()
        if now is not None and now - self._memory_start > self.extra_memory_mb:
            raise LimitError(
                self.source,
                f"reading needed more than the {self.extra_memory_mb:g} MB memory limit "
                f"(on page {self.page})",
                "the PDF may hold huge images or malformed streams; print it to a new PDF",
            )
