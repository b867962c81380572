"""A one-line progress bar on standard error: done / total, failures, ETA."""

from __future__ import annotations

import time
from typing import TextIO

BAR_WIDTH = 28
REDRAW_SECONDS = 0.1


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Redraws one line in place; does nothing at all when not enabled."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.skipped = 0
        self.started = time.monotonic()
        self._last_draw = 0.0

    def skip(self, count: int = 1) -> None:
        self.skipped += count
        self.done += count
        self._draw()

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += int(failed)
        self._draw()

    def line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = int(BAR_WIDTH * share)
        worked = self.done - self.skipped
        remaining = self.total - self.done
        elapsed = time.monotonic() - self.started
        eta = (
            _clock(elapsed / worked * remaining)
            if worked and remaining
            else ("0:00" if not remaining else "?")
        )
        parts = [f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total}"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.skipped:
            parts.append(f"{self.skipped} unchanged")
        parts.append(f"ETA {eta}")
        return "  ".join(parts)

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < REDRAW_SECONDS and self.done < self.total:
            return
        self._last_draw = now
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
