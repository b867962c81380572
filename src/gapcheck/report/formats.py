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

from gapcheck.errors import UsageError

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
        Format("md", (".md",), _markdown),  # a short Markdown summary for email
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

    return write_text_atomically(Path(target), text)
