"""Every limit the reader enforces, in one place, so errors can state them exactly.

A resume is a few pages and well under a megabyte; the limits sit far above that so
they only stop files that are not resumes (a scanned book, a 300-page thesis) or files
built to make a parser loop or swell (decompression bombs, endless object references,
millions of glyphs on one page).

The reading-time limit counts the CPU time of the reading thread (`time.thread_time`),
not the clock on the wall: a busy machine stretches a read's wall-clock time but not the
work it does, so a valid resume is never refused because other programs (or other reads
running in threads of the same process, as on a thread-pool executor) had the CPU. A reader
stuck off the CPU (waiting on a disk, a pipe or a child process) is stopped by a
wall-clock safety net far above it (`WALL_CLOCK_FACTOR` times the CPU limit).

`ReadBudget` is checked between pages and, for PDFs, every few hundred glyphs inside a
page. Where the platform allows (Unix, main thread), `ReadBudget.watch()` also checks it
from timer signals: one that ticks with the process's CPU time (ITIMER_PROF) a few times a
CPU-second, so a loop inside a library that never reaches one of those checks is stopped
all the same, and one at the wall-clock safety net (ITIMER_REAL). Compressed data is
bounded where it is inflated (`reading/pdfsafety.py`, `archive.py`, `sniff.py`), because
one call into zlib cannot be interrupted.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from gapcheck.errors import LimitError

MAX_BYTES = 20 * 1024 * 1024  # 20 MB
MAX_PAGES = 50
MAX_SECONDS = 30.0  # CPU time (user and system) the process may spend reading one file
# A read stuck off the CPU is stopped after this many times MAX_SECONDS of wall-clock time,
# far beyond what a loaded machine stretches a read to.
WALL_CLOCK_FACTOR = 10
MAX_EXTRA_MEMORY_MB = 1024  # growth of the process's peak memory while reading one file
# Lines of one document, whatever separates them: "\n", "\r", form feeds, U+2028 and
# U+2029 and every other break `str.splitlines` knows (see `count_lines`), in every reader.
MAX_TEXT_LINES = 50_000
# Characters of text in one document (for text and Markdown files, of the file itself). A
# dense resume page holds about 4,000; this also bounds the work of every later stage.
MAX_CHARACTERS = 200_000
# A longer line (a text file without line breaks, a page wider than a wall) is split at
# spaces into lines of at most this length, so no later stage meets one enormous line.
MAX_LINE_CHARACTERS = 2_000
# Compressed data: what one PDF stream may inflate to, and all of a PDF's streams together.
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_INFLATED_BYTES = 256 * 1024 * 1024
# ZIP containers (DOCX): entries, and what all of them inflate to. The sizes an archive
# declares are checked first (a cheap refusal of an honest bomb), but the bound is the bytes
# actually produced while inflating, counted piece by piece (`reading/archive.py`), since
# an entry can lie about its size.
MAX_ARCHIVE_ENTRIES = 5_000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
# How often (in CPU seconds) the timer signal checks the budget while a file is read.
WATCH_INTERVAL = 0.2

# Refuse to score a document when more than this share of its characters could not be
# mapped to text: every skill would come out "missing", which is worse than no report.
GARBLED_SHARE = 0.25
# Above this share (but below GARBLED_SHARE) the text is used, with a warning.
UNREADABLE_WARN_SHARE = 0.03
# Fewer characters than this in a whole PDF means there is no real text layer.
MIN_TEXT_CHARACTERS = 40


# Every line break `str.splitlines` splits at; "\r\n" counts once.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def count_lines(text: str) -> int:
    """How many lines `text` holds, as `str.splitlines` would cut it (0 for "")."""
    if not text:
        return 0
    breaks = len(_LINE_BREAK.findall(text))
    return breaks if _LINE_BREAK.fullmatch(text[-1]) else breaks + 1


def size_text(n_bytes: int) -> str:
    """`n_bytes` in the units the limit is stated in (MB with one decimal)."""
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def over_limit_text(n_bytes: int, limit: int) -> str:
    """A size past a limit, in figures that differ: "21.5 MB, over the 20.0 MB limit".

    Where both round to the same MB figure the bytes are given exactly, with the limit's
    MB figure once: "20,971,530 bytes, over the 20,971,520-byte (20.0 MB) limit".
    """
    size, stated = size_text(n_bytes), size_text(limit)
    if size != stated:
        return f"{size}, over the {stated} limit"
    return f"{n_bytes:,} bytes, over the {limit:,}-byte ({stated}) limit"


def _peak_memory_mb() -> float | None:
    """The process's peak resident memory in MB, or None where the OS does not say."""
    try:
        import resource
    except ImportError:  # Windows: no resource module, no memory guard
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _free_timers() -> list[tuple[int, signal.Signals]]:
    """The timers `ReadBudget.watch` may use: on Unix, in the main thread, those whose
    signal has no handler and whose timer is not running (somebody else's are left alone).
    The CPU-time timer first, then the wall-clock safety net."""
    if not hasattr(signal, "setitimer"):
        return []
    if threading.current_thread() is not threading.main_thread():
        return []
    timers = ((signal.ITIMER_PROF, signal.SIGPROF), (signal.ITIMER_REAL, signal.SIGALRM))
    return [
        (which, signum)
        for which, signum in timers
        if signal.getsignal(signum) == signal.SIG_DFL and signal.getitimer(which) == (0.0, 0.0)
    ]


class ReadBudget:
    """CPU time, wall-clock time, memory and text allowance for reading one file; its
    checks raise LimitError."""

    def __init__(
        self,
        source: str,
        *,
        seconds: float | None = None,
        wall_seconds: float | None = None,
        extra_memory_mb: float | None = None,
    ) -> None:
        self.source = source
        # Read at call time, so the module's limits can be changed (and tested) in one place.
        self.seconds = MAX_SECONDS if seconds is None else seconds  # of CPU time
        self.wall_seconds = (
            self.seconds * WALL_CLOCK_FACTOR if wall_seconds is None else wall_seconds
        )
        self.extra_memory_mb = MAX_EXTRA_MEMORY_MB if extra_memory_mb is None else extra_memory_mb
        self.max_characters = MAX_CHARACTERS
        self._pid = os.getpid()
        self._cpu_start = time.thread_time()
        self._wall_deadline = time.monotonic() + self.wall_seconds
        self._memory_start = _peak_memory_mb()
        self._watching = False
        self.page = 0  # the page being read, for the error message
        self.characters = 0  # characters of text read so far
        self.lines = 0  # lines of text read so far

    def _where(self) -> str:
        return f" (on page {self.page})" if self.page else ""

    def cpu_used(self) -> float:
        """CPU seconds the reading thread has spent since the budget began. In a child
        forked to read (`reading/isolated.py`), whose CPU clock starts at zero: since the
        fork."""
        pid = os.getpid()
        if pid != self._pid:
            self._pid, self._cpu_start = pid, 0.0
        return time.thread_time() - self._cpu_start

    def check(self) -> None:
        """Raise LimitError once reading has used its CPU time, or its wall-clock time."""
        if self.cpu_used() > self.seconds:
            raise LimitError(
                self.source,
                f"reading used more CPU time than the {self.seconds:g}-second limit "
                f"(limit reached){self._where()}",
                "a resume takes a second or two to read; pass the resume itself, or export "
                "it again (or print it to a new PDF) and try again",
            )
        if time.monotonic() > self._wall_deadline:
            raise LimitError(
                self.source,
                f"reading waited longer than the {self.wall_seconds:g}-second wall-clock "
                f"limit (limit reached){self._where()}",
                "reading the file was stuck (a slow disk or network share?); copy it to a "
                "local disk and try again",
            )

    def check_memory(self) -> None:
        """Cheap enough every few hundred glyphs (one system call), too slow per glyph."""
        if self._memory_start is None:
            return
        now = _peak_memory_mb()
        if now is not None and now - self._memory_start > self.extra_memory_mb:
            raise LimitError(
                self.source,
                f"reading needed more than the {self.extra_memory_mb:g} MB memory limit"
                f"{self._where()}",
                "the file may hold huge images or malformed data; export it again "
                "(or print it to a new PDF)",
            )

    def add_characters(self, count: int) -> None:
        """Count `count` more characters of text; raise once the document has too many."""
        self.characters += count
        if self.characters > self.max_characters:
            raise LimitError(
                self.source,
                f"has more than {self.max_characters:,} characters of text, over the limit",
                "pass the resume itself (a resume holds a few thousand), or split the file",
            )

    def add_lines(self, count: int) -> None:
        """Count `count` more lines (see `count_lines`); raise once past the line limit."""
        self.lines += count
        if self.lines > MAX_TEXT_LINES:
            raise LimitError(
                self.source,
                f"has more than {MAX_TEXT_LINES:,} lines, over the limit",
                "pass the resume itself (a resume holds a few hundred), or split the file",
            )

    def add_text(self, text: str) -> None:
        """Count one piece of text: its characters and its lines."""
        self.add_characters(len(text))
        self.add_lines(count_lines(text))

    def remaining_seconds(self) -> float:
        """Seconds left before either limit is reached: this process's CPU time, or the
        wall-clock safety net. A process that waits for a child (`reading/isolated.py`)
        spends almost no CPU time, so it waits up to the wall-clock limit; the child's own
        CPU time is capped at this figure."""
        return min(self.seconds - self.cpu_used(), self._wall_deadline - time.monotonic())

    @contextmanager
    def watch(self) -> Iterator[None]:
        """Check the budget from timer signals while the block runs.

        One timer ticks every `WATCH_INTERVAL` seconds of the process's CPU time (SIGPROF)
        and checks time and memory; the other fires at the wall-clock safety net (SIGALRM),
        then every `WATCH_INTERVAL` seconds. The handler raises LimitError wherever the
        reader is, even inside a library loop that never reaches a cooperative check; if a
        library swallows the error, the next tick raises it again. A timer whose signal
        somebody else handles, or that is already running, is left alone; where signals
        cannot be used (Windows, a thread other than the main one) the block runs with the
        cooperative checks alone.
        """
        timers = _free_timers()
        if not timers:
            yield
            return

        def on_timer(signum: int, frame: FrameType | None) -> None:
            if self._watching:
                self.check()
                self.check_memory()

        previous: dict[int, Any] = {}
        try:  # a tick may land as soon as a timer is set: what follows is cleaned up
            for _, signum in timers:
                previous[signum] = signal.signal(signum, on_timer)
            self._watching = True
            for which, _ in timers:
                first = WATCH_INTERVAL if which != signal.ITIMER_REAL else self.wall_seconds
                signal.setitimer(which, max(first, 1e-6), WATCH_INTERVAL)
            yield
        finally:
            try:
                self._watching = False
            finally:
                # Nested, so the timers are stopped even if a tick lands on the line above;
                # every timer first, then every handler, so no tick meets a default action.
                self._watching = False
                try:
                    for which, _ in timers:
                        signal.setitimer(which, 0.0)
                finally:
                    for number, handler in previous.items():
                        signal.signal(number, handler)
