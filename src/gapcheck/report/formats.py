"""The output formats: one registry from a format's name to its file suffixes and renderer.

    FORMATS["md"].suffixes          ('.md',)
    format_for_suffix("cv.HTM")     'html'
    render(analysis, "json")        the JSON report as text
    write_output(text, "-")         standard output; any other target is written atomically

The library API (`gapcheck.render`), the CLI (`--format` and `-o`) and the batch (each
person's report) all choose and render formats here, so a format is added in one place.
Importing this module loads no template engine: each renderer is imported when first
used, so the CLI can offer the format names and still answer `--help` at once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gapcheck.errors import OutputError, UsageError

if TYPE_CHECKING:
    from gapcheck.records import Analysis

STDOUT = "-"  # as an output target: standard output instead of a file


@dataclass(frozen=True)
class Format:
    name: str  # what --format and render() take
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    render: Callable[[Analysis], str]


def _html(analysis: Analysis) -> str:
    from gapcheck.report.environment import render_html

    return render_html(analysis)


def _json(analysis: Analysis) -> str:
    from gapcheck.report.jsonout import render_json

    return render_json(analysis)


def _markdown(analysis: Analysis) -> str:
    from gapcheck.report.markdown import render_markdown

    return render_markdown(analysis)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", (".html", ".htm"), _html),  # a self-contained, offline HTML page
        Format("json", (".json",), _json),  # the documented JSON report (docs/json-schema.md)
        Format("md", (".md", ".markdown"), _markdown),  # a short Markdown summary for email
    )
}
FORMAT_NAMES = tuple(FORMATS)  # ("html", "json", "md")
DEFAULT_FORMAT = "html"
_BY_SUFFIX = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}


def format_for_suffix(path: str | Path, default: str = DEFAULT_FORMAT) -> str:
    """The format a file name asks for by its suffix (any case); `default` if none does.

    '-' (standard output) has no suffix, so it gets `default` too.
    """
    return _BY_SUFFIX.get(Path(path).suffix.lower(), default)


def output_format(output: str | None, fmt: str | None) -> str:
    """The format to write: `--format` when given, else the one `-o`'s suffix names.

    A suffix that names no format ("report.csv", "out.pdf") is a usage error rather than
    HTML written under a misleading name; `--format` says what to write under any name.
    """
    if fmt is not None:
        return fmt
    if output is None or output == STDOUT or not Path(output).suffix:
        return DEFAULT_FORMAT
    suffix = Path(output).suffix.lower()
    if suffix not in _BY_SUFFIX:
        known = ", ".join(sorted(_BY_SUFFIX))
        raise UsageError(
            "-o",
            f"'{Path(output).name}' ends in '{suffix}', which is not a report format",
            f"use one of {known}, or say what to write with --format",
        )
    return _BY_SUFFIX[suffix]


def check_output_target(target: str | Path) -> None:
    """Refuse, before any work, an output that cannot be written or must not be replaced.

    The report replaces a regular file of that name, or creates it; it never replaces a
    folder, a device, a named pipe or a symbolic link (the rename would put a report where
    /dev/null was), and never creates missing folders.
    """
    if isinstance(target, str) and target == STDOUT:
        return
    try:
        _check_file_target(Path(target))
    except OSError as exc:  # a name too long for the file system, say
        reason = exc.strerror or type(exc).__name__
        raise UsageError(
            "-o", f"cannot be used as a file name ({reason})", "pick another"
        ) from None


def _check_file_target(path: Path) -> None:
    if path.is_symlink():
        raise UsageError("-o", f"'{path.name}' is a symbolic link", "name a regular file")
    if path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file (a device or a pipe)"
        raise UsageError("-o", f"'{path.name}' is {what}", "name a report file to write")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(
            "-o", f"the folder of '{path.name}' does not exist", "create it first, or pick another"
        )


def render(analysis: Analysis, name: str) -> str:
    """`analysis` in the format called `name`; a UsageError names the formats there are."""
    fmt = FORMATS.get(name)
    if fmt is None:
        raise UsageError(
            "--format", f"unknown format '{name}'", f"choose one of: {', '.join(FORMAT_NAMES)}"
        )
    return fmt.render(analysis)


def write_output(text: str, target: str | Path) -> Path | None:
    """Write `text` to standard output (target '-') or to the file `target`.

    A file is written through a temporary file and a rename, so a reader never sees half
    a report; its path is returned. Only the string '-' means standard output: a Path is
    always a file. Returns None for standard output.
    """
    if isinstance(target, str) and target == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return None
    from gapcheck.support.atomic import write_text_atomically

    check_output_target(target)  # again: the name may have changed while we worked
    try:
        return write_text_atomically(Path(target), text)
    except OSError as exc:  # a full disk, a read-only folder, a name too long
        reason = exc.strerror or type(exc).__name__
        raise OutputError(
            Path(target).name, f"cannot be written ({reason})", "free some space or pick another -o"
        ) from None
