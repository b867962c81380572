"""An on-disk cache of what gapcheck derives from a taxonomy, so a cold start skips rebuilding it.

Loading the taxonomy YAML and building the skill matchers cost about 0.05 s and 0.3 s
in every new process; read back from this cache they cost a few milliseconds and about
0.06 s (figures in benchmarks/RESULTS.md). Entries live in `$XDG_CACHE_HOME/gapcheck`,
else `~/.cache/gapcheck`; `GAPCHECK_NO_CACHE=1` turns the cache off.

An entry's name is a digest of everything its content depends on: the taxonomy text(s),
the bytes of every source and data file of the installed gapcheck package, and the
versions of Python and of the libraries whose objects it holds (spaCy for the matchers).
Edit any of them and the old entry is simply never asked for again; the oldest entries
of a kind are pruned when a new one is written.

Entries are pickles, which can run code when loaded, so only files gapcheck itself wrote
into the user's own cache folder are ever unpickled, and never anything read from an
input: the folder is created private (0700); a file is loaded only if the current user
owns it and nobody else may write to it, and only if its header names the expected key
and the SHA-256 of the payload matches. Anything unexpected (a truncated, corrupt or
foreign file, an unpicklable object, a read-only disk) is ignored: the value is rebuilt
and the cache only ever costs the time to check it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import platform
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

FORMAT = b"gapcheck-cache 1"  # bump when the entry layout changes
KEEP_PER_KIND = 6  # entries of one kind kept: a few taxonomies or versions side by side
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]
_FINGERPRINT_SUFFIXES = (".py", ".txt", ".tsv", ".yaml", ".json")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("GAPCHECK_NO_CACHE", "").strip() not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and Path(base).is_absolute():  # the XDG spec: a relative path must be ignored
        return Path(base) / "gapcheck"
    try:
        return Path.home() / ".cache" / "gapcheck"
    except RuntimeError:  # no home folder to be found: run uncached
        return None


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of gapcheck's own source and data files (about 70 files, ~2 ms).

    Version numbers alone would miss an edited checkout; the files' bytes do not.
    """
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE_ROOT.rglob("*")):
        if path.suffix in _FINGERPRINT_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE_ROOT).as_posix().encode("utf-8"))
            digest.update(b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:  # unreadable data is not used either; its name still counts
                digest.update(b"unreadable")
            digest.update(b"\0")
    return digest.hexdigest()


def entry_key(kind: str, parts: Iterable[str]) -> str:
    """The digest naming an entry: its kind, the caller's parts, the code and Python."""
    from gapcheck.version import __version__

    digest = hashlib.sha256()
    for part in (
        FORMAT.decode("ascii"),
        kind,
        __version__,
        code_fingerprint(),
        platform.python_implementation(),
        sys.version,
        *parts,
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _entry_path(folder: Path, kind: str, key: str) -> Path:
    return folder / f"{kind}-{key[:32]}.pickle"


def trusted_file(path: Path) -> bool:
    """Is this a regular file of ours that nobody else may have written?"""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)  # absent on Windows, where the profile is private
    return getuid is None or info.st_uid == getuid()


def load(kind: str, key: str, expected: type[T]) -> T | None:
    """The cached value for `key`, or None when there is none usable."""
    folder = cache_dir()
    if folder is None:
        return None
    path = _entry_path(folder, kind, key)
    try:
        if not trusted_file(path):
            return None
        data = path.read_bytes()
        header, _, payload = data.partition(b"\n")
        if header != FORMAT + b" " + key.encode("ascii") + b" " + _payload_digest(payload):
            raise ValueError("entry does not match its key or its digest")
        value = pickle.loads(payload)  # noqa: S301 - our own entry, checked above (see module doc)
        if not isinstance(value, expected):
            raise TypeError(f"entry holds {type(value).__name__}, not {expected.__name__}")
        return value
    except FileNotFoundError:
        return None
    except Exception:  # any damage to an entry just means rebuilding it
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def store(kind: str, key: str, value: object) -> None:
    """Write an entry atomically (temporary file, then rename); failures are ignored."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{kind}-", dir=folder)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(FORMAT + b" " + key.encode("ascii") + b" ")
                handle.write(_payload_digest(payload) + b"\n")
                handle.write(payload)
            Path(temporary).replace(_entry_path(folder, kind, key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder, kind)
    except Exception:  # a read-only or full disk, an unpicklable value: run uncached
        return


def cached(kind: str, parts: Iterable[str], expected: type[T], build: Callable[[], T]) -> T:
    """The value for `parts` from the cache, else `build()` (stored for next time)."""
    key = entry_key(kind, parts)
    value = load(kind, key, expected)
    if value is None:
        value = build()
        store(kind, key, value)
    return value


def _payload_digest(payload: bytes) -> bytes:
    return hashlib.sha256(payload).hexdigest().encode("ascii")


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(
        folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    for old in entries[KEEP_PER_KIND:]:
        with contextlib.suppress(OSError):
            old.unlink()
