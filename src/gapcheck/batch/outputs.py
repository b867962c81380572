"""Writing batch outputs: atomic, confined to the output folder, safe in a spreadsheet.

Every file is written to a temporary file in its final folder and renamed over the
target, so an interrupted run never leaves a half-written report (no fsync: the guarantee is
about interrupted runs, not power loss, and syncing every report would cost more than
the analysis). Paths are checked
before each write: the target must resolve inside the output folder, and no folder
between the output root and the file may be a symbolic link (a link planted in the
output folder cannot redirect a write elsewhere; renaming over a link replaces the link
itself, never what it points to).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from gapcheck.errors import OutputError, UsageError
from gapcheck.support.atomic import TEMPORARY_PREFIX, AtomicTextFile, write_text_atomically

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number ("-3.5", a score change) is only ever read as that number.
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def neutralise_cell(value: object) -> str:
    """The cell's text, prefixed with ' when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    stream = CsvStream(buffer, header)
    for row in rows:
        stream.row(row)
    return buffer.getvalue()


class CsvStream:
    """CSV rows written one at a time (RFC 4180 line ends, cells neutralised)."""

    def __init__(self, target: AtomicTextFile | io.StringIO, header: Sequence[str]) -> None:
        self._writer = csv.writer(target, lineterminator="\r\n")
        self._writer.writerow([neutralise_cell(h) for h in header])

    def row(self, cells: Sequence[object]) -> None:
        self._writer.writerow([neutralise_cell(cell) for cell in cells])


LOCK_NAME = ".gapcheck-lock"

_ADVICE = {
    errno.ENOSPC: "free some disk space and run again (finished reports are kept)",
    errno.EDQUOT: "free some space in your quota and run again (finished reports are kept)",
    errno.EROFS: "the disk is read-only; choose another folder with -o",
    errno.EACCES: "you may not write there; choose another folder with -o",
    errno.EPERM: "you may not write there; choose another folder with -o",
    errno.ENAMETOOLONG: "a name is too long for this disk; use a shorter -o path",
}


def output_error(subject: str, exc: OSError) -> OutputError:
    """One line for a write that failed: what the system said and what to do."""
    advice = _ADVICE.get(exc.errno or 0, "check the output folder and run again")
    return OutputError(subject, f"cannot be written ({exc.strerror or exc})", advice)


class OutputFolder:
    """The batch's output folder; every write goes through `write_text`."""

    def __init__(self, root: Path) -> None:
        if root.exists() and not root.is_dir():
            raise UsageError(
                root.name, "exists and is not a folder", "choose another output folder with -o"
            )
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(root.name or str(root), exc) from None
        self.root = root.resolve()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder for this run: a second batch into it is refused, not interleaved
        (it would remove this run's temporary files). The lock dies with the process."""
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, as before
            yield
            return
        path = self.root / LOCK_NAME
        try:
            handle = path.open("a+", encoding="ascii")
        except OSError as exc:
            raise output_error(self.root.name, exc) from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.seek(0)
                holder = handle.read().strip() or "unknown"
                raise UsageError(
                    self.root.name,
                    f"is in use by another gapcheck batch (process {holder})",
                    "wait for it to finish, or choose another folder with -o",
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def path(self, relative: str) -> Path:
        """The checked absolute path for a POSIX `relative` path inside the folder."""
        parts = PurePosixPath(relative).parts
        if (
            not parts
            or PurePosixPath(relative).is_absolute()
            or any(p in ("", ".", "..") for p in parts)
        ):
            raise ValueError(f"not a plain relative path: {relative!r}")
        current = self.root
        for part in parts[:-1]:
            current = current / part
            if current.is_symlink():
                raise UsageError(
                    relative,
                    "a folder inside the output folder is a symbolic link",
                    "remove the link or choose another -o",
                )
        target = current / parts[-1]
        if (
            not str(target.resolve(strict=False)).startswith(str(self.root) + os.sep)
            and not target.is_symlink()
        ):
            raise UsageError(
                relative, "would be written outside the output folder", "choose another -o"
            )
        return target

    def make_folder(self, relative: str) -> Path:
        folder = self.path(relative)
        if folder.is_symlink():
            raise UsageError(
                relative,
                "is a symbolic link inside the output folder",
                "remove the link or choose another -o",
            )
        folder.mkdir(exist_ok=True)
        return folder

    def write_text(self, relative: str, text: str) -> Path:
        return write_text_atomically(self.path(relative), text)

    def open_stream(self, relative: str) -> AtomicTextFile:
        """A file written piece by piece, in place only when its `with` block completes."""
        return AtomicTextFile(self.path(relative))

    def read_text(self, relative: str) -> str | None:
        target = self.path(relative)
        if target.is_symlink() or not target.is_file():
            return None
        try:
            return target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def exists(self, relative: str) -> bool:
        target = self.path(relative)
        return target.is_file() and not target.is_symlink()

    def remove_stale_temporaries(self, relative_folder: str = "") -> None:
        """Delete temporary files a killed run left behind (they are never valid outputs)."""
        folder = self.path(relative_folder) if relative_folder else self.root
        if folder.is_dir() and not folder.is_symlink():
            for leftover in folder.glob(f"{TEMPORARY_PREFIX}*"):
                if leftover.is_file() and not leftover.is_symlink():
                    leftover.unlink(missing_ok=True)
