"""Writing a file so that no reader ever sees half of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Names of temporary files in flight; a later run removes any an interrupted one left.
TEMPORARY_PREFIX = ".gapcheck-tmp-"


def write_text_atomically(path: Path, text: str) -> Path:
    """Write through a temporary file beside `path` and a rename over it.

    An interrupted run (Ctrl-C, kill) leaves either the old file or the new one, never a
    half-written report. Text is written as given (no newline translation).
    """
    with AtomicTextFile(path) as handle:
        handle.write(text)
    return path


class AtomicTextFile:
    """A text file written piece by piece and renamed into place only when complete.

    For outputs too large to build as one string (a cohort's results.jsonl): use it as a
    context manager; an exception inside the block removes the temporary file and leaves
    any previous version of the target untouched.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=path.parent)
        self._temporary = Path(temporary)
        self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        self._handle.write(text)

    def __enter__(self) -> AtomicTextFile:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        try:
            self._handle.close()  # may fail too (a full disk on the last flush)
            if kind is None:
                self._temporary.replace(self.path)
        finally:
            self._temporary.unlink(missing_ok=True)  # gone already when it was renamed
